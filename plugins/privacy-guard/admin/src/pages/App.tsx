import * as React from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PrivacyNav } from '../components/PageShell';
import { PERMISSIONS } from '../permissions';
import { Overview } from './Overview';
import { Requests } from './Requests';
import { Retention } from './Retention';
import { AccessLog } from './AccessLog';
import { ThirdParties } from './ThirdParties';
import { Policy } from './Policy';
import { Settings } from './Settings';

/** The privacy officer's pages, each behind the RBAC action its server routes check. */
const App = () => (
  <Layouts.Root sideNav={<PrivacyNav />}>
    <Routes>
      <Route
        index
        element={
          <Page.Protect permissions={PERMISSIONS.read}>
            <Overview />
          </Page.Protect>
        }
      />
      <Route
        path="requests"
        element={
          <Page.Protect permissions={PERMISSIONS.requests}>
            <Requests />
          </Page.Protect>
        }
      />
      <Route
        path="retention"
        element={
          <Page.Protect permissions={PERMISSIONS.retention}>
            <Retention />
          </Page.Protect>
        }
      />
      <Route
        path="access-log"
        element={
          <Page.Protect permissions={PERMISSIONS.accessLog}>
            <AccessLog />
          </Page.Protect>
        }
      />
      <Route
        path="third-parties"
        element={
          <Page.Protect permissions={PERMISSIONS.read}>
            <ThirdParties />
          </Page.Protect>
        }
      />
      <Route
        path="policy"
        element={
          <Page.Protect permissions={PERMISSIONS.read}>
            <Policy />
          </Page.Protect>
        }
      />
      <Route
        path="settings"
        element={
          <Page.Protect permissions={PERMISSIONS.settings}>
            <Settings />
          </Page.Protect>
        }
      />
    </Routes>
  </Layouts.Root>
);

export default App;
