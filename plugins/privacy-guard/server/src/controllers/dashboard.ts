import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { getService } from '../utils';
import { parse } from '../utils/app';
import { refuse } from '../utils/refusals';

const diffQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }).strict();

/** The officer's read-only pages: overview, retention rules, policy, third parties, settings. No personal values. */
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

  async thirdParties(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'registers').thirdParties() };
  },
});
