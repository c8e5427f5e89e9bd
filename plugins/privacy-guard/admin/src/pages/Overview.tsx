import * as React from 'react';
import { Badge, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { BarChart, RateBars } from '../components/BarChart';
import { DataTable } from '../components/DataTable';
import { MailTrouble, type MailTroubleData } from '../components/MailTrouble';
import { Figure, Loadable, PageShell, Panel } from '../components/PageShell';
import { errorMessage, useApi } from '../components/useApi';
import { useT } from '../components/useT';

interface OverviewData {
  period: { from: string; to: string; days: number };
  bookingsPerDay: Array<{ day: string; count: number }>;
  consentRates: Array<{ item: string; granted: number; asked: number; rate: number }>;
  counts: {
    pendingCorrections: number;
    overdueCorrections: number;
    openComplaints: number;
    overdueComplaints: number;
    guardianPending: number;
    outboxWaiting: number;
  };
  overdue: Array<{ kind: string; reference: string; dueAt: string; daysOverdue: number }>;
  lastSweep: { at: string; result: unknown } | null;
  nextSweep: { at: string; counts: Record<string, number> };
  mail: MailTroubleData;
}

interface ChainStatus {
  ok: boolean;
  rows: number;
  firstBadRow?: { seq: number | null; problem: string };
  reason?: 'UNKEYED_FORMAT';
  unkeyedRows?: number;
}

function chainMessage(status: ChainStatus, t: ReturnType<typeof useT>['t']): string {
  if (status.ok) return t('chain.ok', 'Intact: {rows} rows, every hash checks', { rows: status.rows });
  if (status.reason === 'UNKEYED_FORMAT')
    return t('chain.unkeyed', 'Not verified: {unkeyed} of {rows} rows still linked in the first, unkeyed format (npm run ledger:migrate)', {
      unkeyed: status.unkeyedRows ?? 0,
      rows: status.rows,
    });
  return t('chain.broken', 'Broken at row {seq} ({problem})', {
    seq: String(status.firstBadRow?.seq ?? '?'),
    problem: status.firstBadRow?.problem ?? '',
  });
}

function ChainCheck(props: { label: string; path: string }) {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { t } = useT();
  const [status, setStatus] = React.useState<ChainStatus | null>(null);
  const [busy, setBusy] = React.useState(false);
  const verify = React.useCallback(async () => {
    setBusy(true);
    try {
      const res = await get<{ data: ChainStatus }>(`/privacy-guard${props.path}`);
      setStatus(res.data.data);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }, [props.path]);
  React.useEffect(() => {
    void verify();
  }, [verify]);
  return (
    <Flex justifyContent="space-between" alignItems="center" paddingBottom={3} gap={4}>
      <Flex direction="column" alignItems="flex-start">
        <Typography fontWeight="bold">{props.label}</Typography>
        {status ? (
          <Typography textColor={status.ok ? 'success600' : status.reason ? 'warning600' : 'danger600'}>
            {chainMessage(status, t)}
          </Typography>
        ) : (
          <Typography textColor="neutral600">{t('chain.checking', 'Checking…')}</Typography>
        )}
      </Flex>
      <Button variant="secondary" onClick={verify} loading={busy}>
        {t('chain.verify', 'Verify')}
      </Button>
    </Flex>
  );
}

export function Overview() {
  const { t, date } = useT();
  const state = useApi<OverviewData>('/overview');
  return (
    <PageShell
      title={t('page.overview', 'Overview')}
      subtitle={t('overview.subtitle', 'The last 90 days, what needs an answer, and whether the logs are intact')}
    >
      <Loadable state={state}>
        {(d) => {
          const sweepTotal = Object.values(d.nextSweep.counts).reduce((s, n) => s + n, 0);
          return (
            <>
              <Flex gap={4} wrap="wrap" alignItems="stretch">
                <Figure
                  label={t('overview.corrections', 'Pending corrections')}
                  value={d.counts.pendingCorrections}
                  tone={d.counts.overdueCorrections ? 'danger' : 'neutral'}
                  note={d.counts.overdueCorrections ? t('overview.overdue', '{n} overdue', { n: d.counts.overdueCorrections }) : undefined}
                />
                <Figure
                  label={t('overview.complaints', 'Open complaints')}
                  value={d.counts.openComplaints}
                  tone={d.counts.overdueComplaints ? 'danger' : 'neutral'}
                  note={d.counts.overdueComplaints ? t('overview.overdue', '{n} overdue', { n: d.counts.overdueComplaints }) : undefined}
                />
                <Figure
                  label={t('overview.guardian', 'Awaiting a guardian')}
                  value={d.counts.guardianPending}
                  tone={d.counts.guardianPending ? 'warning' : 'neutral'}
                />
                <Figure
                  label={t('overview.outbox', 'Mail waiting in the outbox')}
                  value={d.counts.outboxWaiting}
                  tone={d.mail.failed ? 'danger' : d.mail.failing ? 'warning' : 'neutral'}
                  note={
                    d.mail.failing + d.mail.failed
                      ? t('overview.mailTrouble', '{failing} failing, {failed} failed', { failing: d.mail.failing, failed: d.mail.failed })
                      : undefined
                  }
                />
              </Flex>
              <MailTrouble mail={d.mail} onResent={state.reload} />
              {d.overdue.length > 0 ? (
                <Panel title={t('overview.overdueTitle', 'Past their 10-day deadline')}>
                  <DataTable
                    label={t('overview.overdueTitle', 'Past their 10-day deadline')}
                    headers={[t('col.kind', 'Kind'), t('col.reference', 'Reference'), t('col.due', 'Due'), t('col.late', 'Days overdue')]}
                    rows={d.overdue.map((o) => ({
                      key: o.reference,
                      cells: [o.kind, o.reference, date(o.dueAt), <Badge active>{o.daysOverdue}</Badge>],
                    }))}
                    empty=""
                  />
                </Panel>
              ) : null}
              <Grid.Root gap={4}>
                <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
                  <Panel title={t('overview.bookings', 'Bookings per day ({from} – {to})', { from: d.period.from, to: d.period.to })}>
                    <BarChart
                      title={t('overview.bookingsShort', 'Bookings per day')}
                      bars={d.bookingsPerDay.map((b) => ({ label: b.day, value: b.count }))}
                    />
                    <Typography variant="pi" textColor="neutral600">
                      {t('overview.bookingsTotal', '{n, plural, one {# booking} other {# bookings}} in {days} days', {
                        n: d.bookingsPerDay.reduce((s, b) => s + b.count, 0),
                        days: d.period.days,
                      })}
                    </Typography>
                  </Panel>
                </Grid.Item>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <Panel title={t('overview.consent', 'Consent rate per item')}>
                    {d.consentRates.length === 0 ? (
                      <Typography textColor="neutral600">{t('overview.noConsent', 'No consent answers in the period')}</Typography>
                    ) : (
                      <RateBars
                        title={t('overview.consent', 'Consent rate per item')}
                        rates={d.consentRates.map((r) => ({ label: r.item, rate: r.rate, note: `${r.granted}/${r.asked}` }))}
                      />
                    )}
                  </Panel>
                </Grid.Item>
              </Grid.Root>
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Panel title={t('overview.sweep', 'Retention sweep')}>
                    <Typography tag="p">
                      {d.lastSweep
                        ? t('overview.lastSweep', 'Last sweep: {at}', { at: date(d.lastSweep.at, true) })
                        : t('overview.noSweep', 'No sweep has run yet')}
                    </Typography>
                    <Typography tag="p" paddingBottom={2}>
                      {t('overview.nextSweep', 'The next sweep would destroy {n} record(s):', { n: sweepTotal })}
                    </Typography>
                    <DataTable
                      label={t('overview.nextSweepShort', 'Next sweep by rule')}
                      headers={[t('col.rule', 'Rule'), t('col.count', 'Records')]}
                      rows={Object.entries(d.nextSweep.counts).map(([rule, n]) => ({ key: rule, cells: [rule, n] }))}
                      empty=""
                    />
                  </Panel>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Panel title={t('overview.chains', 'Hash chains')}>
                    <ChainCheck label={t('overview.ledger', 'Consent ledger')} path="/ledger/verify" />
                    <ChainCheck label={t('overview.accessLog', 'Access log')} path="/access-log/verify" />
                  </Panel>
                </Grid.Item>
              </Grid.Root>
            </>
          );
        }}
      </Loadable>
    </PageShell>
  );
}
