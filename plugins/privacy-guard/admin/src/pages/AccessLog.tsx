import * as React from 'react';
import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, TextInput, Textarea, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { DataTable } from '../components/DataTable';
import { Loadable, PageShell, Panel } from '../components/PageShell';
import { ANY, errorMessage, query, useApi } from '../components/useApi';
import { useT } from '../components/useT';
import { PERMISSIONS } from '../permissions';

const ACTIONS = ['read', 'list', 'change', 'export', 'delete', 'unmask', 'login_failed', 'lockout'];

interface Entry {
  seq: number;
  occurredAt: string;
  staffId: number | null;
  staffRole: string | null;
  action: string;
  contentType: string | null;
  targetDocumentId: string | null;
  subjectId: string | null;
  reason: string | null;
  clientAddress: string | null;
}
interface Review {
  month: string;
  reviewedBy: number | null;
  note: string;
  reviewedAt: string;
}

/** Asks why the log is downloaded, then downloads the CSV (the server logs the export with the reason). */
function ExportButton(props: { filters: Record<string, string> }) {
  const { t } = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState('');
  const download = async () => {
    try {
      const res = await get(`/privacy-guard/access-log/export${query({ ...props.filters, reason })}`, { responseType: 'text' } as never);
      const url = URL.createObjectURL(new Blob([res.data as unknown as string], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `access-log-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      URL.revokeObjectURL(url);
      setOpen(false);
      setReason('');
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  return (
    <>
      <Button startIcon={<Download />} variant="secondary" onClick={() => setOpen(true)}>
        {t('accessLog.export', 'Export CSV')}
      </Button>
      <Modal.Root open={open} onOpenChange={setOpen}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{t('accessLog.exportTitle', 'Export the access log')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Field.Root name="reason" required hint={t('accessLog.reasonHint', 'The export is itself logged, with this reason')}>
              <Field.Label>{t('accessLog.reason', 'Why is it downloaded?')}</Field.Label>
              <TextInput value={reason} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReason(e.target.value)} />
              <Field.Hint />
            </Field.Root>
          </Modal.Body>
          <Modal.Footer>
            <Button variant="tertiary" onClick={() => setOpen(false)}>
              {t('action.cancel', 'Cancel')}
            </Button>
            <Button onClick={download} disabled={reason.trim().length < 3}>
              {t('accessLog.download', 'Download')}
            </Button>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </>
  );
}

function MonthlyReview() {
  const { t, date } = useT();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const reviews = useApi<Review[]>('/access-log/reviews');
  const [month, setMonth] = React.useState(new Date(Date.now() - 15 * 86_400_000).toISOString().slice(0, 7));
  const [note, setNote] = React.useState('');
  const save = async () => {
    try {
      await post('/privacy-guard/access-log/reviews', { month, note });
      toggleNotification({ type: 'success', message: t('accessLog.reviewed', '{month} marked reviewed', { month }) });
      setNote('');
      reviews.reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  return (
    <Panel title={t('accessLog.review', 'Monthly review')}>
      <Flex gap={4} alignItems="flex-end" paddingBottom={4} wrap="wrap">
        <Field.Root name="month">
          <Field.Label>{t('accessLog.month', 'Month')}</Field.Label>
          <TextInput type="month" value={month} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMonth(e.target.value)} />
        </Field.Root>
        <Field.Root name="note" style={{ flex: 1, minWidth: 240 }}>
          <Field.Label>{t('accessLog.note', 'Note')}</Field.Label>
          <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />
        </Field.Root>
        <Button onClick={save} disabled={note.trim().length === 0 || !/^\d{4}-\d{2}$/.test(month)}>
          {t('accessLog.markReviewed', 'Mark reviewed')}
        </Button>
      </Flex>
      <Loadable state={reviews}>
        {(rows) => (
          <DataTable
            label={t('accessLog.review', 'Monthly review')}
            headers={[t('accessLog.month', 'Month'), t('col.by', 'By'), t('col.when', 'When'), t('accessLog.note', 'Note')]}
            rows={rows.map((r) => ({
              key: r.month,
              cells: [r.month, r.reviewedBy === null ? '—' : `#${r.reviewedBy}`, date(r.reviewedAt, true), r.note],
            }))}
            empty={t('accessLog.noReview', 'No month reviewed yet')}
          />
        )}
      </Loadable>
    </Panel>
  );
}

export function AccessLog() {
  const { t, date } = useT();
  const { allowedActions } = useRBAC(PERMISSIONS.accessLogExport as never);
  const [filters, setFilters] = React.useState({ staff: '', subject: '', action: '', from: '', to: '' });
  const [page, setPage] = React.useState(1);
  const log = useApi<Entry[]>(`/access-log${query({ ...filters, page: String(page) })}`);
  const set = (key: keyof typeof filters) => (value: string) => {
    setPage(1);
    setFilters({ ...filters, [key]: value });
  };
  return (
    <PageShell
      title={t('page.access-log', 'Access log')}
      subtitle={t('accessLog.subtitle', 'Every staff read, list, change, export and deletion of personal data')}
      action={allowedActions.canExport ? <ExportButton filters={filters} /> : undefined}
    >
      <Panel title={t('accessLog.entries', 'Entries')}>
        <Flex gap={4} paddingBottom={4} alignItems="flex-end" wrap="wrap">
          <Field.Root name="staff">
            <Field.Label>{t('filter.staff', 'Staff id')}</Field.Label>
            <TextInput
              value={filters.staff}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('staff')(e.target.value.replace(/\D/g, ''))}
            />
          </Field.Root>
          <Field.Root name="subject">
            <Field.Label>{t('filter.subject', 'Subject')}</Field.Label>
            <TextInput
              value={filters.subject}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('subject')(e.target.value.trim())}
            />
          </Field.Root>
          <Field.Root name="action">
            <Field.Label>{t('filter.action', 'Action')}</Field.Label>
            <SingleSelect value={filters.action || ANY} onChange={(v: string | number) => set('action')(v === ANY ? '' : String(v))}>
              <SingleSelectOption value={ANY}>{t('filter.any', 'Any')}</SingleSelectOption>
              {ACTIONS.map((a) => (
                <SingleSelectOption key={a} value={a}>
                  {a}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root name="from">
            <Field.Label>{t('filter.from', 'From')}</Field.Label>
            <TextInput
              type="date"
              value={filters.from}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('from')(e.target.value)}
            />
          </Field.Root>
          <Field.Root name="to">
            <Field.Label>{t('filter.to', 'To')}</Field.Label>
            <TextInput type="date" value={filters.to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('to')(e.target.value)} />
          </Field.Root>
        </Flex>
        <Loadable state={log}>
          {(rows) => (
            <>
              <DataTable
                label={t('accessLog.entries', 'Entries')}
                headers={[
                  '#',
                  t('col.when', 'When'),
                  t('col.staff', 'Staff'),
                  t('filter.action', 'Action'),
                  t('col.type', 'Content type'),
                  t('col.subject', 'Subject'),
                  t('col.reason', 'Reason'),
                ]}
                rows={rows.map((r) => ({
                  key: String(r.seq),
                  cells: [
                    r.seq,
                    date(r.occurredAt, true),
                    r.staffId === null ? '—' : `#${r.staffId} ${r.staffRole ?? ''}`,
                    r.action,
                    r.contentType ?? '—',
                    r.subjectId ?? '—',
                    r.reason ?? '',
                  ],
                }))}
                empty={t('accessLog.none', 'No entries match')}
              />
              <Flex gap={2} paddingTop={4} justifyContent="flex-end">
                <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  {t('action.previous', 'Previous')}
                </Button>
                <Typography>{t('accessLog.page', 'Page {n}', { n: page })}</Typography>
                <Button variant="tertiary" disabled={rows.length < 50} onClick={() => setPage(page + 1)}>
                  {t('action.next', 'Next')}
                </Button>
              </Flex>
            </>
          )}
        </Loadable>
      </Panel>
      <MonthlyReview />
    </PageShell>
  );
}
