import * as React from 'react';
import { Badge, Button, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../permissions';
import { DataTable } from './DataTable';
import { Panel } from './PageShell';
import { errorMessage } from './useApi';
import { useT } from './useT';

export interface MailTroubleData {
  failing: number;
  failed: number;
  items: Array<{
    id: string;
    state: 'failing' | 'failed';
    kind: string;
    attempts: number;
    reason: string | null;
    queuedAt: string;
    ageMinutes: number;
    nextAttemptAt: string | null;
  }>;
}

/** "40 min", "5 h", "3 d": how long a message has waited. */
function useAge() {
  const { t } = useT();
  return (minutes: number) =>
    minutes < 120
      ? t('age.minutes', '{n} min', { n: minutes })
      : minutes < 48 * 60
        ? t('age.hours', '{n} h', { n: Math.floor(minutes / 60) })
        : t('age.days', '{n} d', { n: Math.floor(minutes / 1440) });
}

/**
 * Mail that has not gone out: failing (still retried, at most an hour apart, for 7 days) and
 * failed (refused by the mail server, or not delivered in 7 days), with the reason and, for a
 * failed one, *Resend* (the officer's act, in the access log). No recipient, no text.
 */
export function MailTrouble(props: { mail: MailTroubleData; onResent: () => void }) {
  const { t, date } = useT();
  const age = useAge();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.requests);
  const canResend = Object.values(allowedActions).some(Boolean);
  const [busy, setBusy] = React.useState<string | null>(null);
  const { mail } = props;
  if (mail.failing + mail.failed === 0) return null;

  const resend = async (id: string) => {
    setBusy(id);
    try {
      await post(`/privacy-guard/outbox/${id}/resend`, {});
      toggleNotification({ type: 'success', message: t('mail.resent', 'The message is queued again') });
      props.onResent();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  const title = t('mail.title', 'Mail not delivered: {failing} failing, {failed} failed', { failing: mail.failing, failed: mail.failed });
  return (
    <Panel title={title}>
      <DataTable
        label={title}
        headers={[
          t('col.state', 'State'),
          t('col.kind', 'Kind'),
          t('col.age', 'Age'),
          t('col.attempts', 'Attempts'),
          t('col.reason', 'Reason'),
          '',
        ]}
        rows={mail.items.map((m) => ({
          key: m.id,
          cells: [
            m.state === 'failed' ? (
              <Badge backgroundColor="danger100" textColor="danger700">
                {t('mail.failed', 'failed')}
              </Badge>
            ) : (
              <Badge backgroundColor="warning100" textColor="warning700">
                {t('mail.failing', 'failing')}
              </Badge>
            ),
            m.kind,
            age(m.ageMinutes),
            m.attempts,
            <Typography variant="pi">
              {m.reason ?? '—'}
              {m.nextAttemptAt ? ` · ${t('mail.next', 'next try {at}', { at: date(m.nextAttemptAt, true) })}` : ''}
            </Typography>,
            m.state === 'failed' && canResend ? (
              <Button size="S" variant="secondary" loading={busy === m.id} onClick={() => resend(m.id)}>
                {t('action.resend', 'Resend')}
              </Button>
            ) : null,
          ],
        }))}
        empty=""
      />
    </Panel>
  );
}
