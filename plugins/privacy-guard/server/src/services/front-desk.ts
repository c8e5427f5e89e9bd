import type { Core } from '@strapi/strapi';
import { host } from '../utils';
import { maskValue } from '../utils/mask';
import { declarations } from '../declarations';
import { addDays, startOfDate, toClinicIso } from '../utils/clinic-time';

interface ReservationDoc {
  documentId: string;
  reference: string;
  state: string;
  startsAt: string;
  endsAt: string;
  subjectId: string | null;
  isMinor: boolean | null;
  restricted: boolean | null;
  patientName: string | null;
  patientPhone: string | null;
  patientEmail: string | null;
  patientBirthDate: string | null;
  patientGender: string | null;
  guardian: string | null;
  note: string | null;
  completedAt: string | null;
  practitioner?: { documentId: string; name: string } | null;
  service?: { name: string } | null;
}

export const MARKABLE = ['completed', 'no_show'] as const;
export type Mark = (typeof MARKABLE)[number];

type Docs = {
  findMany(p: Record<string, unknown>): Promise<ReservationDoc[]>;
  findOne(p: Record<string, unknown>): Promise<ReservationDoc | null>;
  update(p: Record<string, unknown>): Promise<ReservationDoc>;
};

/**
 * The front desk's day: the clinic day's reservations by practitioner and time with names
 * masked, one opened in full, marked completed or no-show; and the day's closures. The
 * controller records each list, opening and change in the access log.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const RESERVATION = declarations(strapi).uid('reservation');
  const reservations = () => strapi.documents(RESERVATION) as unknown as Docs;

  return {
    async day(date: string) {
      const clinic = await host(strapi).clinic.settings();
      const zone = clinic.timeZone;
      const rows = await reservations().findMany({
        filters: { startsAt: { $gte: startOfDate(date, zone).toISOString(), $lt: startOfDate(addDays(date, 1), zone).toISOString() } },
        populate: { practitioner: { fields: ['name'] }, service: { fields: ['name'] } },
        sort: ['startsAt:asc'],
        limit: 500,
      });
      const closures = (await strapi.documents('api::closure.closure').findMany({
        filters: {
          $or: [
            { startDate: date, endDate: { $null: true } },
            { startDate: { $lte: date }, endDate: { $gte: date } },
          ],
        },
        populate: { practitioner: { fields: ['name'] } },
      } as never)) as unknown as Array<{
        startDate: string;
        endDate: string | null;
        kind: string;
        reason: string | null;
        practitioner?: { name: string } | null;
      }>;
      return {
        date,
        timeZone: zone,
        reservations: rows.map((r) => ({
          documentId: r.documentId,
          reference: r.reference,
          state: r.state,
          startsAt: toClinicIso(new Date(r.startsAt), zone),
          endsAt: toClinicIso(new Date(r.endsAt), zone),
          practitioner: r.practitioner?.name ?? null,
          service: r.service?.name ?? null,
          patientName: maskValue('name', r.patientName),
          isMinor: Boolean(r.isMinor),
          restricted: Boolean(r.restricted),
        })),
        closures: closures.map((c) => ({
          startDate: c.startDate,
          endDate: c.endDate,
          kind: c.kind,
          reason: c.reason,
          practitioner: c.practitioner?.name ?? null,
        })),
      };
    },

    /** One reservation in full (the caller logs the read). */
    async open(documentId: string) {
      const r = await reservations().findOne({
        documentId,
        populate: { practitioner: { fields: ['name'] }, service: { fields: ['name'] } },
      });
      if (!r) return null;
      return {
        documentId: r.documentId,
        reference: r.reference,
        state: r.state,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        subjectId: r.subjectId,
        practitioner: r.practitioner?.name ?? null,
        service: r.service?.name ?? null,
        patientName: r.patientName,
        patientPhone: r.patientPhone,
        patientEmail: r.patientEmail,
        patientBirthDate: r.patientBirthDate,
        patientGender: r.patientGender,
        guardian: r.guardian,
        note: r.note,
        isMinor: Boolean(r.isMinor),
        restricted: Boolean(r.restricted),
      };
    },

    /** Marks a confirmed reservation completed or no-show; null when there is none, false when it is not confirmed. */
    async mark(documentId: string, state: Mark): Promise<{ subjectId: string | null; state: string } | null | false> {
      const r = await reservations().findOne({ documentId, fields: ['state', 'subjectId'] });
      if (!r) return null;
      if (r.state !== 'confirmed') return false;
      // completedAt is stamped by the app's Document Service middleware, whoever marks it.
      const updated = await reservations().update({ documentId, data: { state } });
      return { subjectId: r.subjectId, state: updated.state };
    },
  };
};
