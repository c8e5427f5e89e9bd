import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/validate';
import { refuse } from '../utils/errors';

const resendParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id') });
const resendBody = z.object({}).strict();
const diffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }).strict();

/** The officer's pages: overview (with the resend of a failed mail), retention rules, policy, third parties, settings. No personal values. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'dashboard').overview() };
  },

  async retentionRules(ctx: Context) {
    const dashboard = getService(strapi, 'dashboard');
    ctx.body = { data: { rules: await dashboard.retentionRules(), lastSweep: await dashboard.lastSweep() } };
  },

  async settings(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'dashboard').settings() };
  },

  async policyVersions(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'registers').policyVersions() };
  },

  async policyDiff(ctx: Context) {
    const q = parse(diffQuery, ctx.query);
    const diff = await getService(strapi, 'registers').policyDiff(q.from, q.to);
    if (!diff) throw refuse(404, 'NOT_FOUND', 'No published policy version with that number');
    ctx.body = { data: diff };
  },

  /** Resend of a failed mail: back to pending (its route logs it as this staff member's act). */
  async resendMail(ctx: Context) {
    const { id } = parse(resendParams, ctx.params);
    parse(resendBody, (ctx.request as { body?: unknown }).body ?? {});
    const result = await getService(strapi, 'dashboard').resendMail(id);
    if (!result.resent) {
      if (!result.exists) throw refuse(404, 'NOT_FOUND', 'No outbox message with that id');
      throw refuse(409, 'MAIL_NOT_FAILED', 'Only a failed message can be resent; this one is sent, waiting or withdrawn');
    }
    ctx.body = { data: { id, status: 'pending' } };
  },

  async thirdParties(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'registers').thirdParties() };
  },
});
