import * as React from 'react';
import { Flex, Grid, Typography } from '@strapi/design-system';
import { DataTable } from '../components/DataTable';
import { Loadable, PageShell, Panel } from '../components/PageShell';
import { useApi } from '../components/useApi';
import { useT } from '../components/useT';

interface SettingsData {
  booking: Record<string, string | number>;
  retention: Record<string, string | number>;
  officer: { name: string; title: string | null; phone: string | null; email: string | null };
  mailSender: string | null;
  keys: { primaryKeyId: string; keyIds: string[]; byKey: Record<string, number>; byType: Record<string, Record<string, number>> };
}

function Pairs(props: { label: string; values: Record<string, unknown> }) {
  return (
    <DataTable
      label={props.label}
      headers={['', '']}
      rows={Object.entries(props.values).map(([k, v]) => ({
        key: k,
        cells: [k, v === null || v === undefined || v === '' ? '—' : String(v)],
      }))}
      empty=""
    />
  );
}

export function Settings() {
  const { t } = useT();
  const state = useApi<SettingsData>('/settings');
  return (
    <PageShell
      title={t('page.settings', 'Settings')}
      subtitle={t('settings.subtitle', 'Booking rules, retention periods, who answers, and the encryption keys in use')}
    >
      <Loadable state={state}>
        {(d) => (
          <>
            <Grid.Root gap={4}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Panel title={t('settings.booking', 'Booking rules')}>
                  <Pairs label={t('settings.booking', 'Booking rules')} values={d.booking} />
                </Panel>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Panel title={t('settings.retention', 'Retention periods')}>
                  <Pairs label={t('settings.retention', 'Retention periods')} values={d.retention} />
                </Panel>
              </Grid.Item>
            </Grid.Root>
            <Grid.Root gap={4}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Panel title={t('settings.officer', 'Privacy officer and mail sender')}>
                  <Pairs
                    label={t('settings.officer', 'Privacy officer and mail sender')}
                    values={{ ...d.officer, mailSender: d.mailSender }}
                  />
                </Panel>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Panel title={t('settings.keys', 'Encryption keys')}>
                  <Flex direction="column" alignItems="flex-start" gap={2} paddingBottom={3}>
                    <Typography>{t('settings.primary', 'New values are encrypted with key {id}', { id: d.keys.primaryKeyId })}</Typography>
                    <Typography textColor="neutral600">
                      {t('settings.loaded', 'Keys loaded: {ids}', { ids: d.keys.keyIds.join(', ') })}
                    </Typography>
                  </Flex>
                  <DataTable
                    label={t('settings.keys', 'Encryption keys')}
                    headers={[t('col.key', 'Key id'), t('col.values', 'Values encrypted')]}
                    rows={Object.entries(d.keys.byKey).map(([key, n]) => ({
                      key,
                      cells: [key === 'plaintext' ? t('settings.plaintext', 'not encrypted') : key, n],
                    }))}
                    empty={t('settings.noValues', 'No personal values stored')}
                  />
                </Panel>
              </Grid.Item>
            </Grid.Root>
          </>
        )}
      </Loadable>
    </PageShell>
  );
}
