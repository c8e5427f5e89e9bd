import type { Core } from '@strapi/strapi';
import { getService, host } from '../utils';
import { CORRECTION } from '../utils/uids';
import { declarations } from '../declarations';
import { leasesRepository, ledgerRepository, statisticsRepository } from '../repositories';
import { addDays, eachDate, localDate, startOfDate } from '../utils/clinic-time';
import type { PrivacyGuardConfig } from '../config';
import { mailTrouble, resendFailed } from '../utils/mail-trouble';

const DAYS = 90;

const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

/**
 * The figures behind the officer's pages: counts, the 90-day charts, the last sweep, the
 * retention rules and settings, and which key encrypts how many values. Counts and dates
 * only: nothing here reads a personal value.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const COMPLAINT = declarations(strapi).uid('complaint');
  const OUTBOX = declarations(strapi).uid('outbox');
  const RESERVATION = declarations(strapi).uid('reservation');
  const now = () => getService(strapi, 'clock').now();
  const config = () => strapi.config.get('plugin::privacy-guard') as Required<PrivacyGuardConfig>;

  /** Bookings per clinic day: live reservations plus the destroyed ones the statistics kept. */
  async function bookingsPerDay(zone: string, from: string, to: string) {
    const byDay = new Map(eachDate(from, to).map((d) => [d, 0]));
    const live = (await strapi.db.query(RESERVATION).findMany({
      where: { startsAt: { $gte: startOfDate(from, zone), $lt: startOfDate(addDays(to, 1), zone) } },
      select: ['startsAt'],
    })) as Array<{ startsAt: string }>;
    for (const r of live) {
      const day = localDate(new Date(r.startsAt), zone);
      if (byDay.has(day)) byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    const kept = await statisticsRepository(strapi).reservationsPerDay(from, to);
    for (const row of kept) {
      const day = typeof row.day === 'string' ? row.day.slice(0, 10) : localDate(row.day, 'UTC');
      if (byDay.has(day)) byDay.set(day, (byDay.get(day) ?? 0) + Number(row.n));
    }
    return [...byDay].map(([day, count]) => ({ day, count }));
  }

  /** Per consent item: of the people who gave the clinic any consent answer in the period, how many granted this item. */
  async function consentRates(since: Date) {
    const rows = await ledgerRepository(strapi).since(since);
    const subjects = new Set(rows.map((r) => r.subject_id));
    const latest = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      if (!latest.has(r.item_key)) latest.set(r.item_key, new Map());
      (latest.get(r.item_key) as Map<string, boolean>).set(r.subject_id, r.action === 'granted');
    }
    const items = await host(strapi).consentItems
      .forChannel('reservation')
      .catch(() => []);
    const keys = new Set([...items.map((i) => i.key), ...latest.keys()]);
    return [...keys].sort().map((key) => {
      const granted = [...(latest.get(key)?.values() ?? [])].filter(Boolean).length;
      return {
        item: key,
        granted,
        asked: subjects.size,
        rate: subjects.size === 0 ? 0 : Math.round((granted / subjects.size) * 1000) / 10,
      };
    });
  }

  async function lastSweep() {
    const row = await leasesRepository(strapi).lastRun('retention-sweep');
    if (!row?.last_run_at) return null;
    return { at: new Date(row.last_run_at).toISOString(), result: parseJson(row.last_result) };
  }

  const count = (uid: string, where: Record<string, unknown>) => strapi.db.query(uid as never).count({ where });

  return {
    async overview() {
      const clinic = await host(strapi).clinic.settings();
      const today = localDate(now(), clinic.timeZone);
      const from = addDays(today, -(DAYS - 1));
      const overdue = await getService(strapi, 'deadlines').overdue();
      const [bookings, consent, pendingCorrections, openComplaints, guardianPending, outboxWaiting, sweep, next, mail] = await Promise.all([
        bookingsPerDay(clinic.timeZone, from, today),
        consentRates(startOfDate(from, clinic.timeZone)),
        count(CORRECTION, { status: 'pending' }),
        count(COMPLAINT, { state: 'open' }),
        count(RESERVATION, { state: 'pending_guardian' }),
        count(OUTBOX, { status: 'pending' }),
        lastSweep(),
        getService(strapi, 'retention').preview(),
        mailTrouble(strapi, now()),
      ]);
      return {
        period: { from, to: today, days: DAYS },
        bookingsPerDay: bookings,
        consentRates: consent,
        counts: {
          pendingCorrections,
          overdueCorrections: overdue.filter((o) => o.kind === 'correction').length,
          openComplaints,
          overdueComplaints: overdue.filter((o) => o.kind === 'complaint').length,
          guardianPending,
          outboxWaiting,
        },
        overdue,
        lastSweep: sweep,
        nextSweep: next,
        mail,
      };
    },

    /** A failed message back in the queue (the officer's *resend*). */
    resendMail: (documentId: string) => resendFailed(strapi, documentId, now()),

    /** The retention rules with the periods in force (config and consent items). */
    async retentionRules() {
      const c = config();
      const items = await host(strapi).consentItems.forChannel('reservation');
      const keep = items.find((i) => i.kind === 'keep_after_treatment');
      const consultation = (await host(strapi).consentItems.forChannel('consultation')).find(
        (i) => i.kind === 'collection' && i.keepDays !== null,
      );
      return [
        {
          rule: 'reservation-completed',
          period: `${c.retentionGraceDays} day(s) after treatment`,
          keptLonger: keep ? `${keep.keepDays} day(s) with the "${keep.key}" consent` : null,
        },
        {
          rule: 'reservation-cancelled',
          period: 'at once',
          keptLonger: keep ? `${keep.keepDays} day(s) with the "${keep.key}" consent` : null,
        },
        {
          rule: 'reservation-no-show',
          period: 'at once',
          keptLonger: keep ? `${keep.keepDays} day(s) with the "${keep.key}" consent` : null,
        },
        {
          rule: 'reservation-pending-guardian',
          period: `${c.pendingGuardianHours} hour(s) without a guardian's confirmation`,
          keptLonger: null,
        },
        {
          rule: 'consultation-answered',
          period: `${consultation?.keepDays ?? c.consultationKeepDays} day(s) after the answer`,
          keptLonger: null,
        },
        { rule: 'complaint-resolved', period: `${c.complaintKeepDays} day(s) after resolution`, keptLonger: null },
        { rule: 'legal-hold-expired', period: 'on the hold’s end date', keptLonger: null },
        { rule: 'member-ended', period: 'at once when a membership ends', keptLonger: null },
        { rule: 'unverified-account', period: '48 hours after a registration whose address was never confirmed', keptLonger: null },
      ];
    },

    lastSweep,

    /** How many stored values each key id encrypts (and how many are still plaintext), per content type. */
    keyStatus: () => getService(strapi, 'keys').status(),

    async settings() {
      const clinic = await host(strapi).clinic.settings();
      const c = config();
      return {
        booking: {
          timeZone: clinic.timeZone,
          minimumNoticeMinutes: clinic.minimumNoticeMinutes,
          bookingHorizonDays: clinic.bookingHorizonDays,
          bufferMinutes: clinic.bufferMinutes,
          slotStepMinutes: clinic.slotStepMinutes,
          reminderTime: clinic.reminderTime,
        },
        retention: {
          retentionGraceDays: c.retentionGraceDays,
          pendingGuardianHours: c.pendingGuardianHours,
          consultationKeepDays: c.consultationKeepDays,
          complaintKeepDays: c.complaintKeepDays,
          connectionLogDays: c.connectionLogDays,
          cookieConsentDays: c.cookieConsentDays,
          sweepSchedule: process.env.RETENTION_SWEEP_CRON || '0 7 * * * *',
        },
        officer: clinic.officer,
        mailSender: clinic.mailFrom ?? process.env.MAIL_FROM ?? null,
        keys: await this.keyStatus(),
      };
    },
  };
};
