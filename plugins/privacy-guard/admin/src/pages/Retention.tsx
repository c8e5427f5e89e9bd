import * as React from 'react';
import { Button, Dialog, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ConfirmDialog, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { DataTable } from '../components/DataTable';
import { Loadable, PageShell, Panel } from '../components/PageShell';
import { ANY, errorMessage, query, useApi } from '../components/useApi';
import { useT } from '../components/useT';

interface Rules {
  rules: Array<{ rule: string; period: string; keptLonger: string | null }>;
  lastSweep: { at: string; result: unknown } | null;
}
interface Preview {
  at: string;
  counts: Record<string, number>;
}
interface Destruction {
  rule: string;
  category: string;
  contentType: string | null;
  subjectId: string | null;
  count: number;
  performedBy: string;
  occurredAt: string;
}

export function Retention() {
  const { t, date } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const rules = useApi<Rules>('/retention/rules');
  const preview = useApi<Preview>('/retention/preview');
  const [filters, setFilters] = React.useState({ rule: '', from: '', to: '' });
  const log = useApi<Destruction[]>(`/destruction-log${query(filters)}`);
  const [running, setRunning] = React.useState(false);

  const runNow = async () => {
    setRunning(true);
    try {
      const res = await post<{ data: { counts: Record<string, number> } }>('/privacy-guard/retention/run', {});
      const counts = res.data.data.counts;
      const total = Object.values(counts).reduce((s, n) => s + n, 0);
      toggleNotification({ type: 'success', message: t('retention.ran', 'Sweep done: {n} record(s) destroyed', { n: total }) });
      preview.reload();
      rules.reload();
      log.reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setRunning(false);
    }
  };

  const runButton = (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button variant="danger" loading={running}>
          {t('retention.run', 'Run now')}
        </Button>
      </Dialog.Trigger>
      <ConfirmDialog onConfirm={runNow}>
        {t('retention.confirm', 'Destroy now everything past its period? This cannot be undone.')}
      </ConfirmDialog>
    </Dialog.Root>
  );

  return (
    <PageShell
      title={t('page.retention', 'Retention')}
      subtitle={t('retention.subtitle', 'What is kept how long, what the next sweep destroys, and what was destroyed')}
      action={runButton}
    >
      <Panel title={t('retention.rules', 'Rules and periods')}>
        <Loadable state={rules}>
          {(r) => (
            <>
              <DataTable
                label={t('retention.rules', 'Rules and periods')}
                headers={[t('col.rule', 'Rule'), t('col.period', 'Destroyed'), t('col.keep', 'Kept longer')]}
                rows={r.rules.map((x) => ({ key: x.rule, cells: [x.rule, x.period, x.keptLonger ?? '—'] }))}
                empty=""
              />
              <Typography tag="p" paddingTop={3} textColor="neutral600">
                {r.lastSweep
                  ? t('overview.lastSweep', 'Last sweep: {at}', { at: date(r.lastSweep.at, true) })
                  : t('overview.noSweep', 'No sweep has run yet')}
              </Typography>
            </>
          )}
        </Loadable>
      </Panel>
      <Panel title={t('retention.preview', 'Next sweep, by rule')}>
        <Loadable state={preview}>
          {(p) => (
            <DataTable
              label={t('retention.preview', 'Next sweep, by rule')}
              headers={[t('col.rule', 'Rule'), t('col.count', 'Records')]}
              rows={Object.entries(p.counts).map(([rule, n]) => ({ key: rule, cells: [rule, n] }))}
              empty=""
            />
          )}
        </Loadable>
      </Panel>
      <Panel title={t('retention.log', 'Destruction log')}>
        <Flex gap={4} paddingBottom={4} alignItems="flex-end" wrap="wrap">
          <Field.Root name="rule">
            <Field.Label>{t('col.rule', 'Rule')}</Field.Label>
            <SingleSelect
              value={filters.rule || ANY}
              onChange={(v: string | number) => setFilters({ ...filters, rule: v === ANY ? '' : String(v) })}
            >
              <SingleSelectOption value={ANY}>{t('filter.any', 'Any')}</SingleSelectOption>
              {(rules.data?.rules ?? []).map((r) => (
                <SingleSelectOption key={r.rule} value={r.rule}>
                  {r.rule}
                </SingleSelectOption>
              ))}
              {['withdrawal', 'membership-withdrawn', 'expulsion'].map((r) => (
                <SingleSelectOption key={r} value={r}>
                  {r}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root name="from">
            <Field.Label>{t('filter.from', 'From')}</Field.Label>
            <TextInput
              type="date"
              value={filters.from}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilters({ ...filters, from: e.target.value })}
            />
          </Field.Root>
          <Field.Root name="to">
            <Field.Label>{t('filter.to', 'To')}</Field.Label>
            <TextInput
              type="date"
              value={filters.to}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilters({ ...filters, to: e.target.value })}
            />
          </Field.Root>
        </Flex>
        <Loadable state={log}>
          {(rows) => (
            <DataTable
              label={t('retention.log', 'Destruction log')}
              headers={[
                t('col.when', 'When'),
                t('col.rule', 'Rule'),
                t('col.category', 'Category'),
                t('col.count', 'Records'),
                t('col.subject', 'Subject'),
                t('col.by', 'By'),
              ]}
              rows={rows.map((r, i) => ({
                key: `${r.occurredAt}-${i}`,
                cells: [date(r.occurredAt, true), r.rule, r.category, r.count, r.subjectId ?? '—', r.performedBy],
              }))}
              empty={t('retention.noLog', 'Nothing destroyed in this period')}
            />
          )}
        </Loadable>
      </Panel>
    </PageShell>
  );
}
