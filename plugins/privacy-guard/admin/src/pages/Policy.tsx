import * as React from 'react';
import { Badge, Box, Field, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { DataTable } from '../components/DataTable';
import { Figure, Loadable, PageShell, Panel } from '../components/PageShell';
import { useApi } from '../components/useApi';
import { useT } from '../components/useT';

interface Versions {
  current: number | null;
  next: { version: number; effectiveDate: string; material: boolean } | null;
  consentedToCurrent: { members: number; everyone: number };
  versions: Array<{
    version: number;
    title: string;
    effectiveDate: string;
    material: boolean;
    changeSummary: string | null;
    status: string;
    sections: number;
  }>;
}
interface Diff {
  parts: Array<{ value: string; added: boolean; removed: boolean }>;
}

const removed = { background: '#fcecea', textDecoration: 'line-through' };
const added = { background: '#eafbe7' };

/** Two columns: the older text with what was removed marked, the newer with what was added. */
function SideBySide(props: { diff: Diff }) {
  const { t } = useT();
  const column = (side: 'old' | 'new') => (
    <Box padding={4} background="neutral100" hasRadius style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto', fontSize: 13 }}>
      {props.diff.parts.map((p, i) => {
        if (side === 'old' && p.added) return null;
        if (side === 'new' && p.removed) return null;
        const style = p.removed ? removed : p.added ? added : undefined;
        return style ? (
          <mark key={i} style={style}>
            {p.value}
          </mark>
        ) : (
          <span key={i}>{p.value}</span>
        );
      })}
    </Box>
  );
  const changes = props.diff.parts.filter((p) => p.added || p.removed).length;
  return (
    <>
      <Typography tag="p" paddingBottom={3} textColor="neutral600">
        {t('policy.changes', '{n} change(s)', { n: changes })}
      </Typography>
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          {column('old')}
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          {column('new')}
        </Grid.Item>
      </Grid.Root>
    </>
  );
}

export function Policy() {
  const { t, date } = useT();
  const state = useApi<Versions>('/policy/versions');
  const numbers = (state.data?.versions ?? []).map((v) => v.version);
  const [pair, setPair] = React.useState<{ from?: number; to?: number }>({});
  const from = pair.from ?? numbers[Math.max(0, numbers.length - 2)];
  const to = pair.to ?? numbers[numbers.length - 1];
  const diff = useApi<Diff>(from !== undefined && to !== undefined ? `/policy/diff?from=${from}&to=${to}` : null);
  const select = (key: 'from' | 'to', label: string, value: number | undefined) => (
    <Field.Root name={key}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        value={value !== undefined ? String(value) : undefined}
        onChange={(v: string | number) => setPair({ from, to, [key]: Number(v) })}
      >
        {numbers.map((n) => (
          <SingleSelectOption key={n} value={String(n)}>
            {t('policy.version', 'Version {n}', { n })}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
  return (
    <PageShell
      title={t('page.policy', 'Policy')}
      subtitle={t('policy.subtitle', 'The privacy policy versions, which one is in effect, and who consented to it')}
    >
      <Loadable state={state}>
        {(d) => (
          <>
            <Flex gap={4} wrap="wrap" alignItems="stretch">
              <Figure
                label={t('policy.inEffect', 'In effect')}
                value={d.current === null ? '—' : t('policy.version', 'Version {n}', { n: d.current })}
              />
              <Figure label={t('policy.members', 'Members who consented to it')} value={d.consentedToCurrent.members} />
              <Figure
                label={t('policy.consented', 'People who consented to it')}
                value={d.consentedToCurrent.everyone}
                note={t('policy.consentedNote', 'members and patients who booked')}
              />
              <Figure
                label={t('policy.next', 'Next version')}
                value={d.next ? t('policy.version', 'Version {n}', { n: d.next.version }) : t('policy.noNext', 'none')}
                tone={d.next?.material ? 'warning' : 'neutral'}
                note={
                  d.next
                    ? `${date(d.next.effectiveDate)} · ${d.next.material ? t('policy.material', 'material: members are notified') : t('policy.notMaterial', 'not material')}`
                    : undefined
                }
              />
            </Flex>
            <Panel title={t('policy.versions', 'Versions')}>
              <DataTable
                label={t('policy.versions', 'Versions')}
                headers={[
                  t('col.version', 'Version'),
                  t('col.title', 'Title'),
                  t('col.effective', 'Effective'),
                  t('col.status', 'Status'),
                  t('col.material', 'Material'),
                  t('col.summary', 'Change summary'),
                ]}
                rows={d.versions.map((v) => ({
                  key: String(v.version),
                  cells: [
                    v.version,
                    v.title,
                    date(v.effectiveDate),
                    <Badge active={v.status === 'in_effect'}>{v.status.replace('_', ' ')}</Badge>,
                    v.material ? t('yes', 'yes') : t('no', 'no'),
                    v.changeSummary ?? '—',
                  ],
                }))}
                empty={t('policy.none', 'No published version')}
              />
            </Panel>
            <Panel title={t('policy.diff', 'Compare two versions')}>
              <Flex gap={4} paddingBottom={4}>
                {select('from', t('policy.from', 'Older'), from)}
                {select('to', t('policy.to', 'Newer'), to)}
              </Flex>
              {diff.data ? <SideBySide diff={diff.data} /> : null}
            </Panel>
          </>
        )}
      </Loadable>
    </PageShell>
  );
}
