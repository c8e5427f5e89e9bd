import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { fail, parse, publicUrl, staffRoleOf } from '../../../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../../../utils/privacy-guard';
import { tooMany } from '../../../middlewares/rate-limit';
import type calendarFeed from '../services/calendar-feed';
import type { FeedScope } from '../services/calendar-feed';
import { feedCalendar } from '../feed-ics';
import { feedTokens } from '../token';

/** Whoever holds it manages every practitioner's feeds (the privacy officer, the super admin). */
export const ALL_FEEDS_ACTION = 'plugin::privacy-guard.calendar-feeds.manage';
/** The access log's actor for a feed's fetch: no staff member, the feed itself. */
export const FEED_ACTOR = 'calendar-feed';
const RESERVATION = 'api::reservation.reservation';
const FEED = 'api::calendar-feed.calendar-feed';

/** Fetches per feed token an hour (`CALENDAR_FEED_PER_HOUR`, default 60): calendar programs poll every 15 minutes or slower. */
const feedLimit = () => ({ name: 'calendar-feed', points: Number(process.env.CALENDAR_FEED_PER_HOUR ?? 60) || 60, seconds: 3600 });
/** Fetches per client address an hour, whatever the token (`CALENDAR_FEED_PER_CLIENT_PER_HOUR`, default 600): a new guess each time gets no fresh count. */
const clientLimit = () => ({ name: 'calendar-feed-client', points: Number(process.env.CALENDAR_FEED_PER_CLIENT_PER_HOUR ?? 600) || 600, seconds: 3600 });

const documentId = z.string().regex(/^[a-z0-9]{10,40}$/, 'is not an id');
const idParams = z.object({ id: documentId }).loose();
const listQuery = z.object({ practitioner: documentId.optional() }).strict();
const createBody = z.object({ practitioner: documentId, label: z.string().trim().min(1).max(80) }).strict();

/** The feed's address, as shown once on creation. */
export const feedUrl = (token: string) => `${publicUrl()}/api/calendar/feeds/${token}.ics`;

interface AdminState {
  user?: { id?: number; roles?: Array<{ code?: string }> };
  userAbility?: { can(action: string): boolean };
}

/**
 * The public feed (`GET /api/calendar/feeds/<token>.ics`) and the staff's list, create and revoke
 * (admin, see admin-routes.ts). An unknown, revoked or malformed token all answer the same 404.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::calendar-feed.calendar-feed') as unknown as ReturnType<typeof calendarFeed>;
  const accessLog = () =>
    privacyGuard(strapi).service('access-log');
  const tokens = feedTokens(strapi);
  const noSuchFeed = () => fail(404, 'NOT_FOUND', 'No such calendar feed');

  async function scopeOf(ctx: Context): Promise<FeedScope> {
    const state = ctx.state as AdminState;
    if (state.userAbility?.can(ALL_FEEDS_ACTION)) return { all: true };
    const practitioners = state.user?.id ? await service().managedBy(state.user.id) : [];
    if (practitioners.length === 0)
      throw fail(403, 'FORBIDDEN', "Only the privacy officer and a practitioner's managers manage calendar feeds");
    return { all: false, practitioners };
  }

  const mayManage = (scope: FeedScope, practitioner: string | undefined | null) =>
    scope.all || (Boolean(practitioner) && scope.practitioners.includes(practitioner as string));

  const staffOf = (ctx: Context) => {
    const user = (ctx.state as AdminState).user;
    return { staffId: user?.id ?? null, staffRole: staffRoleOf(user), clientAddress: ctx.request.ip };
  };

  return {
    async feed(ctx: Context) {
      const file = String(ctx.params.file ?? '');
      const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
      // Counted by the token's hash, known or not, so a revoked token and an unknown one answer alike.
      const limits = privacyGuard(strapi).service('limits');
      const wait = (await limits.consumeForClient(clientLimit(), ctx.request.ip)) ?? (await limits.consume(feedLimit(), tokens.hash(file)));
      if (wait !== null) throw tooMany(ctx, wait, 'This calendar feed was fetched too often; please wait');
      const feed = await service().open(token);
      if (!feed) throw noSuchFeed();
      const { events, zone, clinicName, location } = await service().events(feed.practitioner);
      const body = feedCalendar({ name: clinicName, zone, location, events, stamp: privacyGuard(strapi).service('clock').now() });
      await accessLog().record({
        staffId: null,
        staffRole: FEED_ACTOR,
        action: 'list',
        contentType: RESERVATION,
        targetDocumentId: feed.id,
        reason: `calendar feed of practitioner ${feed.practitioner}, events: ${events.length}`,
        clientAddress: ctx.request.ip,
      });
      await service().fetched(feed.id);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('X-Robots-Tag', 'noindex');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.type = 'text/calendar; charset=utf-8';
      ctx.body = body;
    },

    async practitioners(ctx: Context) {
      ctx.body = { data: await service().practitioners(await scopeOf(ctx)) };
    },

    async list(ctx: Context) {
      const { practitioner } = parse(listQuery, ctx.query);
      const scope = await scopeOf(ctx);
      if (practitioner && !mayManage(scope, practitioner)) throw fail(403, 'FORBIDDEN', "You do not manage this practitioner's feeds");
      const narrowed: FeedScope = practitioner ? { all: false, practitioners: [practitioner] } : scope;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await service().list(narrowed) };
    },

    async create(ctx: Context) {
      const scope = await scopeOf(ctx);
      const body = parse(createBody, (ctx.request as { body?: unknown }).body);
      if (!mayManage(scope, body.practitioner)) throw fail(403, 'FORBIDDEN', "You do not manage this practitioner's feeds");
      const [known] = await service().practitioners({ all: false, practitioners: [body.practitioner] });
      if (!known) throw fail(400, 'UNKNOWN_PRACTITIONER', 'No such practitioner', { fields: ['practitioner'] });
      const staff = staffOf(ctx);
      const { feed, token } = await service().create(body.practitioner, body.label, staff.staffId);
      await accessLog().record({
        ...staff,
        action: 'change',
        contentType: FEED,
        targetDocumentId: feed.id,
        reason: `calendar feed created for practitioner ${body.practitioner}`,
      });
      ctx.status = 201;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: { ...feed, url: feedUrl(token) } };
    },

    async revoke(ctx: Context) {
      const scope = await scopeOf(ctx);
      const { id } = parse(idParams, ctx.params);
      const existing = await service().findOne(id);
      if (!existing) throw fail(404, 'NOT_FOUND', 'No such calendar feed');
      if (!mayManage(scope, existing.practitioner?.id)) throw fail(403, 'FORBIDDEN', "You do not manage this practitioner's feeds");
      const feed = await service().revoke(id, staffOf(ctx).staffId);
      if (!existing.revokedAt) {
        await accessLog().record({
          ...staffOf(ctx),
          action: 'change',
          contentType: FEED,
          targetDocumentId: id,
          reason: `calendar feed revoked for practitioner ${existing.practitioner?.id ?? 'none'}`,
        });
      }
      ctx.body = { data: feed };
    },
  };
};
