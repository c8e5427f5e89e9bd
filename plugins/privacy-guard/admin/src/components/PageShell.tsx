import * as React from 'react';
import { Box, Divider, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, SubNav } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { useT } from './useT';

export const PAGES = [
  { path: '', id: 'overview', label: 'Overview' },
  { path: 'requests', id: 'requests', label: 'Requests' },
  { path: 'retention', id: 'retention', label: 'Retention' },
  { path: 'access-log', id: 'access-log', label: 'Access log' },
  { path: 'third-parties', id: 'third-parties', label: 'Third parties' },
  { path: 'policy', id: 'policy', label: 'Policy' },
  { path: 'settings', id: 'settings', label: 'Settings' },
] as const;

/** The plugin's side navigation: one link per page. */
export function PrivacyNav() {
  const { t } = useT();
  return (
    <SubNav.Main aria-label={t('nav.label', 'Privacy')}>
      <SubNav.Header label={t('nav.label', 'Privacy')} />
      <Divider />
      <SubNav.Content>
        <SubNav.Sections>
          {[
            <SubNav.Section key="pages" label={t('nav.section', 'Privacy officer')}>
              {PAGES.map((p) => (
                <SubNav.Link
                  key={p.id}
                  to={p.path ? `/plugins/${PLUGIN_ID}/${p.path}` : `/plugins/${PLUGIN_ID}`}
                  end
                  label={t(`page.${p.id}`, p.label)}
                />
              ))}
            </SubNav.Section>,
          ]}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
}

/** One page: title, header with an optional action, and its content. */
export function PageShell(props: { title: string; subtitle?: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Page.Main>
      <Page.Title>{props.title}</Page.Title>
      <Layouts.Header title={props.title} subtitle={props.subtitle} primaryAction={props.action} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {props.children}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

/** A white panel with a heading, as Strapi's own pages group content. */
export function Panel(props: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
      <Flex justifyContent="space-between" alignItems="center" paddingBottom={4}>
        <Typography variant="delta" tag="h2">
          {props.title}
        </Typography>
        {props.action}
      </Flex>
      {props.children}
    </Box>
  );
}

/** A figure with its label; `tone` draws attention to what needs action. */
export function Figure(props: { label: string; value: React.ReactNode; tone?: 'danger' | 'warning' | 'neutral'; note?: string }) {
  const color = props.tone === 'danger' ? 'danger600' : props.tone === 'warning' ? 'warning600' : 'neutral800';
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} style={{ flex: '1 1 160px' }}>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="sigma" textColor="neutral600">
          {props.label}
        </Typography>
        <Typography variant="alpha" tag="p" textColor={color}>
          {props.value}
        </Typography>
        {props.note ? (
          <Typography variant="pi" textColor={color}>
            {props.note}
          </Typography>
        ) : null}
      </Flex>
    </Box>
  );
}

/** Loading and error states of a page's data. */
export function Loadable<T>(props: {
  state: { data: T | null; error: string | null; loading: boolean };
  children: (data: T) => React.ReactNode;
}) {
  if (props.state.error) return <Page.Error />;
  if (!props.state.data) return <Page.Loading />;
  return <>{props.children(props.state.data)}</>;
}
