import type { Core } from '@strapi/strapi';
import { getService, host } from '../utils';
import { CORRECTION } from '../utils/uids';
import { declarations } from '../declarations';

/** Corrections and complaints must be answered within 10 days (the dueAt each gets when filed). */

export interface Overdue {
  kind: 'correction' | 'complaint';
  reference: string;
  dueAt: string;
  daysOverdue: number;
}

/**
 * The 10-day clock of requests: lists what is overdue for the officer and mails the officer once
 * per overdue request — references and dates only, never what the person wrote.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();
  const COMPLAINT = declarations(strapi).uid('complaint');
  const OPEN: Record<string, { field: string; value: string }> = { [CORRECTION]: { field: 'status', value: 'pending' }, [COMPLAINT]: { field: 'state', value: 'open' } };

  async function overdueRows(uid: string) {
    const { field, value } = OPEN[uid];
    return (await strapi.db.query(uid as never).findMany({
      where: { [field]: value, dueAt: { $lt: now() } },
      select: ['id', 'reference', 'dueAt', 'overdueNotifiedAt'],
      orderBy: { dueAt: 'asc' },
    })) as Array<{ id: number; reference: string; dueAt: string; overdueNotifiedAt: string | null }>;
  }

  const describe = (kind: Overdue['kind'], row: { reference: string; dueAt: string }): Overdue => ({
    kind,
    reference: row.reference,
    dueAt: new Date(row.dueAt).toISOString(),
    daysOverdue: Math.floor((now().getTime() - new Date(row.dueAt).getTime()) / 86_400_000),
  });

  return {
    async overdue(): Promise<Overdue[]> {
      const [corrections, complaints] = await Promise.all([overdueRows(CORRECTION), overdueRows(COMPLAINT)]);
      return [...corrections.map((r) => describe('correction', r)), ...complaints.map((r) => describe('complaint', r))];
    },

    /** Marks newly overdue requests and mails the officer one list of them; an already flagged one is not mailed again. */
    async flagOverdue(): Promise<{ flagged: number }> {
      const clinic = await host(strapi).clinic.settings();
      const fresh: Overdue[] = [];
      for (const [uid, kind] of [[CORRECTION, 'correction'], [COMPLAINT, 'complaint']] as const) {
        for (const row of await overdueRows(uid)) {
          if (row.overdueNotifiedAt) continue;
          const claimed = await strapi.db
            .connection(strapi.db.metadata.get(uid as never).tableName)
            .where({ id: row.id })
            .whereNull('overdue_notified_at')
            .update({ overdue_notified_at: now() });
          if (claimed === 1) fresh.push(describe(kind, row));
        }
      }
      if (fresh.length === 0 || !clinic.officer.email) return { flagged: fresh.length };
      const lines = fresh.map((o) => `${o.kind} ${o.reference}: due ${o.dueAt.slice(0, 10)}, ${o.daysOverdue} day(s) overdue`);
      await host(strapi).outbox.enqueue({
        kind: 'privacy.overdue',
        to: clinic.officer.email,
        locale: clinic.defaultLocale,
        subject: `${clinic.name}: ${fresh.length} privacy request(s) past their 10-day deadline`,
        text: ['These requests have not been answered within 10 days:', ...lines, 'Answer them in the admin panel.'].join('\n\n'),
        html: ['<p>These requests have not been answered within 10 days:</p>', `<ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul>`].join(''),
        dedupeKey: `privacy.overdue:${fresh.map((o) => o.reference).join(',')}`.slice(0, 250),
      });
      return { flagged: fresh.length };
    },
  };
};

