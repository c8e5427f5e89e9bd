import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';
import { declarations } from '../declarations';
import { SELF_ACCESS_ROLE } from '../utils/staff';
import { accessLogRepository, ledgerRepository } from '../repositories';

const complaintsQuery = z.object({ state: z.enum(['open', 'resolved']).optional() }).strict();
const DAY = 86_400_000;

interface ComplaintDoc {
  documentId: string;
  reference: string;
  state: string;
  subjectId: string | null;
  name: string | null;
  email: string | null;
  message: string | null;
  result: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

/** The Requests page: complaints to answer, and the history of withdrawals and expulsions. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const COMPLAINT = declarations(strapi).uid('complaint');
  const now = () => getService(strapi, 'clock').now();
  const daysLeft = (dueAt: string | null) => (dueAt ? Math.ceil((new Date(dueAt).getTime() - now().getTime()) / DAY) : null);

  return {
    async complaints(ctx: Context) {
      const { state } = parse(complaintsQuery, ctx.query);
      const rows = (await strapi.documents(COMPLAINT).findMany({
        filters: state ? { state } : {},
        sort: 'createdAt:asc',
      } as never)) as unknown as ComplaintDoc[];
      ctx.body = {
        data: rows.map((c) => ({
          id: c.documentId,
          reference: c.reference,
          state: c.state,
          subjectId: c.subjectId,
          name: c.name,
          email: c.email,
          message: c.message,
          result: c.result,
          receivedAt: c.createdAt,
          dueAt: c.dueAt,
          resolvedAt: c.resolvedAt,
          daysLeft: c.state === 'open' ? daysLeft(c.dueAt) : null,
        })),
      };
    },

    /** Withdrawals, expulsions and consent withdrawals: answered at once, so each shows its date against the 10 days. */
    async history(ctx: Context) {
      const erasures = (await strapi.db.query('plugin::privacy-guard.destruction-entry').findMany({
        where: { rule: { $in: ['withdrawal', 'membership-withdrawn', 'expulsion'] } },
        select: ['rule', 'subjectId', 'performedBy', 'occurredAt', 'count'],
        orderBy: [{ occurredAt: 'desc' }],
        limit: 200,
      })) as Array<{ rule: string; subjectId: string | null; performedBy: string; occurredAt: string; count: number }>;
      const consentWithdrawals = await ledgerRepository(strapi).withdrawals(200);
      const accessRequests = await accessLogRepository(strapi).exportsBy(SELF_ACCESS_ROLE, 200);
      ctx.body = {
        data: {
          accessRequests: accessRequests.map((a) => ({
            subjectId: a.subject_id,
            via: /\((.+)\)/.exec(a.reason ?? '')?.[1] ?? null,
            occurredAt: new Date(a.occurred_at).toISOString(),
            answeredWithinDays: 0,
          })),
          erasures: erasures.map((e) => ({ ...e, answeredWithinDays: 0 })),
          consentWithdrawals: consentWithdrawals.map((w) => ({
            subjectId: w.subject_id,
            item: w.item_key,
            channel: w.channel,
            actor: w.actor,
            occurredAt: new Date(w.occurred_at).toISOString(),
          })),
        },
      };
    },
  };
};
