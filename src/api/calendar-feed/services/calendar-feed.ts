import type { Core } from '@strapi/strapi';
import { clinicService } from '../../../utils/services';
import { privacyGuard } from '../../../utils/privacy-guard';
import { findLocalized } from '../../../utils/localized';
import { feedTokens } from '../token';
import type { FeedEvent } from '../feed-ics';

const FEED = 'api::calendar-feed.calendar-feed';
const PRACTITIONER = 'api::practitioner.practitioner';
const RESERVATION = 'api::reservation.reservation';

/** What a feed shows: 30 days back, 180 ahead, every state but cancelled. */
export const FEED_WINDOW = { daysBack: 30, daysAhead: 180 } as const;
const DAY = 24 * 60 * 60 * 1000;
const SHOWN_STATES = ['pending_guardian', 'confirmed', 'completed', 'no_show'] as const;

interface FeedRow {
  documentId: string;
  label: string;
  createdAt: string;
  lastFetchedAt: string | null;
  fetchCount: number | null;
  revokedAt: string | null;
  practitioner: { documentId: string; name: string } | null;
}

/** A feed as the admin lists it: never its token, nor the token's hash. */
export interface FeedView {
  id: string;
  label: string;
  practitioner: { id: string; name: string } | null;
  createdAt: string;
  lastFetchedAt: string | null;
  fetchCount: number;
  revokedAt: string | null;
}

/** Whose feeds a staff member may see, create and revoke: every practitioner's, or those they manage. */
export type FeedScope = { all: true } | { all: false; practitioners: string[] };

const FEED_FIELDS = ['label', 'createdAt', 'lastFetchedAt', 'fetchCount', 'revokedAt'];
const POPULATE_PRACTITIONER = { practitioner: { fields: ['name'] } };

const viewOf = (row: FeedRow): FeedView => ({
  id: row.documentId,
  label: row.label,
  practitioner: row.practitioner ? { id: row.practitioner.documentId, name: row.practitioner.name } : null,
  createdAt: row.createdAt,
  lastFetchedAt: row.lastFetchedAt,
  fetchCount: Number(row.fetchCount ?? 0),
  revokedAt: row.revokedAt,
});

/**
 * Practitioners' private calendar feeds: the feed rows (a keyed hash of each token, never the
 * token), who may manage them (the `managers` of a practitioner, or whoever holds every
 * practitioner's), and the reservations a feed shows.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const feeds = () => strapi.documents(FEED);
  const tokens = feedTokens(strapi);

  return {
    /** Practitioners the staff member manages (documentIds and names), or every practitioner. */
    async practitioners(scope: FeedScope): Promise<Array<{ id: string; name: string }>> {
      const filters = scope.all ? {} : { documentId: { $in: scope.practitioners } };
      const rows = (await strapi
        .documents(PRACTITIONER)
        .findMany({ filters, fields: ['name'], sort: 'name:asc' } as never)) as unknown as Array<{
        documentId: string;
        name: string;
      }>;
      return rows.map((p) => ({ id: p.documentId, name: p.name }));
    },

    /** The documentIds of the practitioners whose `managers` include this admin user. */
    async managedBy(adminId: number): Promise<string[]> {
      const rows = (await strapi.documents(PRACTITIONER).findMany({
        filters: { managers: { id: adminId } },
        fields: ['documentId'],
      } as never)) as unknown as Array<{ documentId: string }>;
      return rows.map((p) => p.documentId);
    },

    async list(scope: FeedScope): Promise<FeedView[]> {
      const filters = scope.all ? {} : { practitioner: { documentId: { $in: scope.practitioners } } };
      const rows = (await feeds().findMany({
        filters,
        fields: FEED_FIELDS,
        populate: POPULATE_PRACTITIONER,
        sort: 'createdAt:desc',
      } as never)) as unknown as FeedRow[];
      return rows.map(viewOf);
    },

    async findOne(documentId: string): Promise<FeedView | null> {
      const row = (await feeds().findOne({
        documentId,
        fields: FEED_FIELDS,
        populate: POPULATE_PRACTITIONER,
      } as never)) as unknown as FeedRow | null;
      return row ? viewOf(row) : null;
    },

    /** A new feed; its token is returned here once and stored only as its keyed hash. */
    async create(practitioner: string, label: string, staffId: number | null): Promise<{ feed: FeedView; token: string }> {
      const token = tokens.create();
      const row = (await feeds().create({
        data: { label, practitioner, tokenHash: tokens.hash(token), createdByStaffId: staffId, fetchCount: 0 },
        fields: FEED_FIELDS,
        populate: POPULATE_PRACTITIONER,
      } as never)) as unknown as FeedRow;
      return { feed: viewOf(row), token };
    },

    /** Revokes a feed once: a second revocation keeps the first time. */
    async revoke(documentId: string, staffId: number | null): Promise<FeedView | null> {
      const feed = await this.findOne(documentId);
      if (!feed || feed.revokedAt) return feed;
      const row = (await feeds().update({
        documentId,
        data: { revokedAt: privacyGuard(strapi).service('clock').now().toISOString(), revokedByStaffId: staffId },
        fields: FEED_FIELDS,
        populate: POPULATE_PRACTITIONER,
      } as never)) as unknown as FeedRow;
      return viewOf(row);
    },

    /** The live feed a token opens (not revoked, its practitioner still there), or null. */
    async open(token: string): Promise<{ id: string; practitioner: string } | null> {
      const hash = tokens.hashIfWellFormed(token);
      if (!hash) return null;
      const row = (await feeds().findFirst({
        filters: { tokenHash: hash, revokedAt: { $null: true } },
        fields: ['documentId'],
        populate: { practitioner: { fields: ['documentId'] } },
      } as never)) as unknown as { documentId: string; practitioner: { documentId: string } | null } | null;
      if (!row?.practitioner) return null;
      return { id: row.documentId, practitioner: row.practitioner.documentId };
    },

    /** The practitioner's reservations in the feed's window, with what a feed may show and nothing else. */
    async events(practitioner: string): Promise<{ events: FeedEvent[]; zone: string; clinicName: string; location: string | null }> {
      const clinic = await clinicService(strapi).settings();
      const at = privacyGuard(strapi).service('clock').now().getTime();
      // Only these columns are read: the patient's fields are never loaded, so they cannot leak into the feed.
      const rows = (await strapi.documents(RESERVATION).findMany({
        filters: {
          practitioner: { documentId: practitioner },
          state: { $in: SHOWN_STATES },
          startsAt: {
            $gte: new Date(at - FEED_WINDOW.daysBack * DAY).toISOString(),
            $lt: new Date(at + FEED_WINDOW.daysAhead * DAY).toISOString(),
          },
        },
        fields: ['reference', 'state', 'startsAt', 'endsAt', 'sequence', 'updatedAt'],
        populate: { service: { fields: ['documentId'] } },
        sort: 'startsAt:asc',
      } as never)) as unknown as Array<{
        documentId: string;
        reference: string;
        state: FeedEvent['state'];
        startsAt: string;
        endsAt: string;
        sequence: number | null;
        updatedAt: string;
        service: { documentId: string } | null;
      }>;
      const serviceIds = [...new Set(rows.map((r) => r.service?.documentId).filter((id): id is string => Boolean(id)))];
      const services = serviceIds.length
        ? await findLocalized<{ documentId: string; name: string }>(
            strapi,
            'api::service.service',
            [clinic.defaultLocale, ...clinic.locales],
            {
              filters: { documentId: { $in: serviceIds } },
              fields: ['name'],
            },
          )
        : [];
      const names = new Map(services.map((s) => [s.documentId, s.name]));
      return {
        zone: clinic.timeZone,
        clinicName: clinic.name,
        location: clinic.address,
        events: rows.map((r) => ({
          documentId: r.documentId,
          reference: r.reference,
          state: r.state,
          start: new Date(r.startsAt),
          end: new Date(r.endsAt),
          sequence: r.sequence ?? 0,
          updatedAt: new Date(r.updatedAt),
          serviceName: (r.service && names.get(r.service.documentId)) || 'Reservation',
        })),
      };
    },

    /** Stamps a fetch on the feed row (last fetched, how many times). */
    async fetched(documentId: string): Promise<void> {
      const row = (await feeds().findOne({ documentId, fields: ['fetchCount'] } as never)) as unknown as {
        fetchCount: number | null;
      } | null;
      await feeds().update({
        documentId,
        data: { lastFetchedAt: privacyGuard(strapi).service('clock').now().toISOString(), fetchCount: Number(row?.fetchCount ?? 0) + 1 },
      } as never);
    },
  };
};
