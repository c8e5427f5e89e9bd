import * as React from 'react';
import { Badge, Button, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { AnswerModal } from '../components/AnswerModal';
import { DataTable } from '../components/DataTable';
import { Loadable, PageShell, Panel } from '../components/PageShell';
import { errorMessage, useApi } from '../components/useApi';
import { useT } from '../components/useT';

interface Correction {
  id: string;
  reference: string;
  subjectId: string;
  field: string;
  value: string;
  reason: string | null;
  status: string;
  dueAt: string;
  resolvedAt: string | null;
}
interface Complaint {
  id: string;
  reference: string;
  state: string;
  name: string | null;
  email: string | null;
  message: string | null;
  result: string | null;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  daysLeft: number | null;
}
interface History {
  accessRequests: Array<{ subjectId: string; via: string | null; occurredAt: string }>;
  erasures: Array<{ rule: string; subjectId: string | null; performedBy: string; occurredAt: string; count: number }>;
  consentWithdrawals: Array<{ subjectId: string; item: string; channel: string; actor: string; occurredAt: string }>;
}

const DAY = 86_400_000;

/** The 10-day clock of one request: days left, overdue, or answered on a date. */
function Clock(props: { dueAt: string | null; resolvedAt: string | null }) {
  const { t, date } = useT();
  if (props.resolvedAt) return <Badge>{t('clock.answered', 'answered {date}', { date: date(props.resolvedAt) })}</Badge>;
  if (!props.dueAt) return <Badge>—</Badge>;
  const left = Math.ceil((new Date(props.dueAt).getTime() - Date.now()) / DAY);
  return left < 0 ? (
    <Badge backgroundColor="danger100" textColor="danger700">
      {t('clock.overdue', '{n} day(s) overdue', { n: -left })}
    </Badge>
  ) : (
    <Badge backgroundColor={left <= 2 ? 'warning100' : 'neutral150'}>{t('clock.left', '{n} day(s) left', { n: left })}</Badge>
  );
}

export function Requests() {
  const { t, date } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const corrections = useApi<Correction[]>('/corrections');
  const complaints = useApi<Complaint[]>('/complaints');
  const history = useApi<History>('/requests/history');
  const [answering, setAnswering] = React.useState<{ kind: 'correction' | 'complaint'; id: string; reference: string } | null>(null);

  const resolve = async ({ text, outcome }: { text: string; outcome?: string }) => {
    if (!answering) return;
    try {
      if (answering.kind === 'correction') await post(`/privacy-guard/corrections/${answering.id}/resolve`, { outcome, message: text });
      else await post(`/privacy-guard/complaints/${answering.id}/resolve`, { result: text });
      toggleNotification({
        type: 'success',
        message: t('requests.resolved', '{reference} resolved; the answer is mailed', { reference: answering.reference }),
      });
      setAnswering(null);
      corrections.reload();
      complaints.reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };

  return (
    <PageShell
      title={t('page.requests', 'Requests')}
      subtitle={t('requests.subtitle', 'Corrections, complaints, withdrawals: each answered within 10 days')}
    >
      <Panel title={t('requests.corrections', 'Corrections')}>
        <Loadable state={corrections}>
          {(rows) => (
            <DataTable
              label={t('requests.corrections', 'Corrections')}
              headers={[
                t('col.reference', 'Reference'),
                t('col.field', 'Field'),
                t('col.value', 'Asked value'),
                t('col.status', 'Status'),
                t('col.clock', '10-day clock'),
                '',
              ]}
              rows={rows.map((c) => ({
                key: c.id,
                cells: [
                  c.reference,
                  c.field,
                  c.value,
                  c.status,
                  <Clock dueAt={c.dueAt} resolvedAt={c.resolvedAt} />,
                  c.status === 'pending' ? (
                    <Button
                      size="S"
                      variant="secondary"
                      onClick={() => setAnswering({ kind: 'correction', id: c.id, reference: c.reference })}
                    >
                      {t('action.resolve', 'Resolve')}
                    </Button>
                  ) : null,
                ],
              }))}
              empty={t('requests.noCorrections', 'No correction requests')}
            />
          )}
        </Loadable>
      </Panel>
      <Panel title={t('requests.complaints', 'Complaints')}>
        <Loadable state={complaints}>
          {(rows) => (
            <DataTable
              label={t('requests.complaints', 'Complaints')}
              headers={[
                t('col.reference', 'Reference'),
                t('col.received', 'Received'),
                t('col.from', 'From'),
                t('col.message', 'Message'),
                t('col.clock', '10-day clock'),
                '',
              ]}
              rows={rows.map((c) => ({
                key: c.id,
                cells: [
                  c.reference,
                  date(c.receivedAt),
                  c.name ?? c.email ?? '—',
                  <Typography ellipsis style={{ maxWidth: 320, display: 'block' }}>
                    {c.message ?? ''}
                  </Typography>,
                  <Clock dueAt={c.dueAt} resolvedAt={c.resolvedAt} />,
                  c.state === 'open' ? (
                    <Button
                      size="S"
                      variant="secondary"
                      onClick={() => setAnswering({ kind: 'complaint', id: c.id, reference: c.reference })}
                    >
                      {t('action.answer', 'Answer')}
                    </Button>
                  ) : null,
                ],
              }))}
              empty={t('requests.noComplaints', 'No complaints')}
            />
          )}
        </Loadable>
      </Panel>
      <Panel title={t('requests.history', 'Access and withdrawal history')}>
        <Typography tag="p" textColor="neutral600" paddingBottom={3}>
          {t(
            'requests.historyNote',
            'Access requests and withdrawals are answered at once by the server (my data, withdraw): each line is its own answer, on day 0 of 10.',
          )}
        </Typography>
        <Loadable state={history}>
          {(h) => (
            <DataTable
              label={t('requests.history', 'Access and withdrawal history')}
              headers={[t('col.when', 'When'), t('col.what', 'What'), t('col.subject', 'Subject'), t('col.by', 'By')]}
              rows={[
                ...h.accessRequests.map((a, i) => ({
                  key: `a${i}`,
                  cells: [
                    date(a.occurredAt, true),
                    t('requests.accessRequest', 'access request (my data)'),
                    a.subjectId,
                    t('requests.self', 'the person'),
                  ],
                })),
                ...h.erasures.map((e, i) => ({
                  key: `e${i}`,
                  cells: [date(e.occurredAt, true), e.rule, e.subjectId ?? '—', e.performedBy],
                })),
                ...h.consentWithdrawals.map((w, i) => ({
                  key: `w${i}`,
                  cells: [
                    date(w.occurredAt, true),
                    t('requests.consentWithdrawn', 'consent withdrawn: {item}', { item: w.item }),
                    w.subjectId,
                    w.actor,
                  ],
                })),
              ]}
              empty={t('requests.noHistory', 'No access requests or withdrawals yet')}
            />
          )}
        </Loadable>
      </Panel>
      <AnswerModal
        open={answering !== null}
        title={answering ? t('requests.answerTitle', 'Answer {reference}', { reference: answering.reference }) : ''}
        label={
          answering?.kind === 'correction'
            ? t('requests.message', 'Message to the person')
            : t('requests.result', 'Result of the complaint')
        }
        outcomes={
          answering?.kind === 'correction'
            ? [
                { value: 'applied', label: t('requests.apply', 'Apply the correction') },
                { value: 'rejected', label: t('requests.reject', 'Reject it') },
              ]
            : undefined
        }
        onClose={() => setAnswering(null)}
        onSubmit={resolve}
      />
    </PageShell>
  );
}
