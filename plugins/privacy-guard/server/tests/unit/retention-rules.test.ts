import knexFactory, { type Knex } from 'knex';
import { fakeStrapi } from '../helpers/fake-strapi';
import { toDate } from '../../src/services/erasure';
import pluginConfig from '../../src/config';
import type retentionService from '../../src/services/retention';
import type { ConsentItem } from '../../src/services/host';
import type { Scope } from '../../src/utils/consent-scope';

/**
 * When a record is due, by rule: the sweep's preview (what a sweep now would destroy) on rows in
 * SQLite in memory, with a fake `strapi` (the clock, the consent items, the keep decisions).
 */
const AT = new Date('2026-12-02T00:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(AT.getTime() - ms);

let knex: Knex;
let nextId = 1;

beforeAll(async () => {
  knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  const base = (t: Knex.CreateTableBuilder) => {
    t.increments('id');
    t.string('document_id');
    t.string('subject_id');
  };
  await knex.schema.createTable('reservations', (t) => {
    base(t);
    t.string('state');
    for (const c of ['starts_at', 'ends_at', 'completed_at', 'cancelled_at', 'created_at', 'keep_until']) t.bigInteger(c);
  });
  await knex.schema.createTable('consultations', (t) => (base(t), t.string('state'), t.bigInteger('answered_at')));
  await knex.schema.createTable('complaints', (t) => (base(t), t.string('state'), t.bigInteger('resolved_at')));
  await knex.schema.createTable('legal_holds', (t) => (base(t), t.bigInteger('destroy_at')));
  await knex.schema.createTable('connections', (t) => (base(t), t.bigInteger('occurred_at')));
  await knex.schema.createTable('cookie_consents', (t) => (base(t), t.bigInteger('occurred_at')));
  await knex.schema.createTable('users', (t) => (t.increments('id'), t.boolean('confirmed'), t.bigInteger('created_at')));
  await knex.schema.createTable('member_profiles', (t) => (base(t), t.string('state')));
  await knex.schema.createTable('member_profiles_user_lnk', (t) => (t.integer('member_profile_id'), t.integer('user_id')));
});
afterAll(() => knex.destroy());
afterEach(async () => {
  for (const table of ['reservations', 'consultations', 'complaints', 'legal_holds', 'connections', 'cookie_consents', 'users', 'member_profiles', 'member_profiles_user_lnk']) {
    await knex(table).delete();
  }
});

const METADATA = {
  'api::reservation.reservation': { tableName: 'reservations' },
  'api::consultation.consultation': { tableName: 'consultations' },
  'api::complaint.complaint': { tableName: 'complaints' },
  'plugin::privacy-guard.legal-hold': { tableName: 'legal_holds' },
  'plugin::privacy-guard.connection-entry': { tableName: 'connections' },
  'plugin::privacy-guard.cookie-consent': { tableName: 'cookie_consents' },
  'plugin::users-permissions.user': { tableName: 'users' },
  'api::member-profile.member-profile': {
    tableName: 'member_profiles',
    attributes: { user: { joinTable: { name: 'member_profiles_user_lnk', joinColumn: { name: 'member_profile_id' }, inverseJoinColumn: { name: 'user_id' } } } },
  },
};

const consentItem = (key: string, kind: string, keepDays: number | null): ConsentItem => ({
  key,
  kind,
  title: key,
  purpose: 'care',
  dataCategories: [],
  retention: '',
  required: kind === 'collection',
  refusalConsequence: '',
  keepDays,
  locale: 'en',
});

interface World {
  /** Days the optional keep consent holds a reservation (null: the clinic asks no such item). */
  keepDays?: number | null;
  /** The consultation collection item's own period (null: the plugin's default, 90 days). */
  consultationKeepDays?: number | null;
  /** Reservations whose patient granted the keep consent. */
  keeping?: string[];
  retentionGraceDays?: number;
}

/** What a sweep at AT would destroy, by rule. */
async function due(world: World = {}) {
  const keeping = new Set((world.keeping ?? []).map((id) => `reservation:${id}` as Scope));
  const strapi = fakeStrapi({
    knex,
    metadata: METADATA,
    config: world.retentionGraceDays === undefined ? {} : { 'plugin::privacy-guard': { ...pluginConfig.default, retentionGraceDays: world.retentionGraceDays } },
    host: {
      consentItems: {
        forChannel: async (channel) =>
          channel === 'reservation'
            ? world.keepDays === null
              ? []
              : [consentItem('reservation_keep', 'keep_after_treatment', world.keepDays ?? 365)]
            : [consentItem('consultation_collection', 'collection', world.consultationKeepDays ?? null)],
      },
      clinic: { settings: async () => ({ timeZone: 'Asia/Seoul' }) as never },
    },
    services: {
      erasure: { toDate },
      consent: { grantsFor: async (records: Array<{ scope: Scope }>) => new Set(records.map((r) => r.scope).filter((s) => keeping.has(s))) },
    },
  });
  (strapi.plugin('privacy-guard').service('clock') as { set(d: Date): void }).set(AT);
  const retention = strapi.plugin('privacy-guard').service('retention') as ReturnType<typeof retentionService>;
  return (await retention.preview()).counts;
}

const reservation = (state: string, at: Partial<Record<'ends_at' | 'completed_at' | 'cancelled_at' | 'created_at', Date>>) => {
  const id = nextId++;
  return knex('reservations').insert({ document_id: `res${id}`, subject_id: `subj${id}`, state, starts_at: ago(DAY * 400), ...at }).then(() => `res${id}`);
};
const row = (table: string, values: Record<string, unknown>) => {
  const id = nextId++;
  return knex(table).insert({ document_id: `doc${id}`, subject_id: `subj${id}`, ...values });
};

describe('a completed reservation', () => {
  it('Given it was completed exactly the grace (3 days) ago, then it is due', async () => {
    await reservation('completed', { completed_at: ago(3 * DAY), ends_at: ago(3 * DAY) });
    expect((await due())['reservation-completed']).toBe(1);
  });

  it('Given it was completed a minute less than the grace ago, then it waits', async () => {
    await reservation('completed', { completed_at: ago(3 * DAY - MINUTE), ends_at: ago(10 * DAY) });
    expect((await due())['reservation-completed']).toBe(0);
  });

  it('Given no completion stamp, then the grace counts from the appointment end', async () => {
    await reservation('completed', { ends_at: ago(3 * DAY + MINUTE) });
    await reservation('completed', { ends_at: ago(2 * DAY) });
    expect((await due())['reservation-completed']).toBe(1);
  });

  it('Given a grace of 0 days, then it is due the moment it is completed', async () => {
    await reservation('completed', { completed_at: ago(0), ends_at: ago(0) });
    expect((await due({ retentionGraceDays: 0 }))['reservation-completed']).toBe(1);
  });

  it('Given the patient consented to keeping it for 365 days, then it waits until 365 days after completion', async () => {
    const kept = await reservation('completed', { completed_at: ago(10 * DAY) });
    const over = await reservation('completed', { completed_at: ago(366 * DAY) });
    expect((await due({ keeping: [kept, over] }))['reservation-completed']).toBe(1);
  });
});

describe('a cancelled or missed reservation', () => {
  it('Given it was cancelled a minute ago, then it is due at once', async () => {
    await reservation('cancelled', { cancelled_at: ago(MINUTE), ends_at: new Date(AT.getTime() + DAY) });
    expect((await due())['reservation-cancelled']).toBe(1);
  });

  it('Given a no-show, then it is due at once', async () => {
    await reservation('no_show', { ends_at: ago(HOUR) });
    expect((await due())['reservation-no-show']).toBe(1);
  });

  it('Given a keep consent on a cancelled one, then it waits keepDays from its cancellation', async () => {
    const kept = await reservation('cancelled', { cancelled_at: ago(364 * DAY) });
    expect((await due({ keeping: [kept] }))['reservation-cancelled']).toBe(0);
    expect((await due({ keeping: [kept], keepDays: 300 }))['reservation-cancelled']).toBe(1);
  });

  it('Given the clinic asks no keep item, then a keep decision holds nothing', async () => {
    const kept = await reservation('cancelled', { cancelled_at: ago(DAY) });
    expect((await due({ keeping: [kept], keepDays: null }))['reservation-cancelled']).toBe(1);
  });
});

describe('a reservation waiting for its guardian', () => {
  it('Given it was booked 48 hours ago, then it is due; 47 hours ago, it waits', async () => {
    await reservation('pending_guardian', { created_at: ago(48 * HOUR) });
    await reservation('pending_guardian', { created_at: ago(47 * HOUR) });
    expect((await due())['reservation-pending-guardian']).toBe(1);
  });
});

describe('a consultation', () => {
  it('Given it was answered 90 days ago, then it is due; 89 days ago, it waits', async () => {
    await row('consultations', { state: 'answered', answered_at: ago(90 * DAY) });
    await row('consultations', { state: 'answered', answered_at: ago(89 * DAY) });
    expect((await due())['consultation-answered']).toBe(1);
  });

  it('Given the collection item states 30 days, then the item decides, not the default', async () => {
    await row('consultations', { state: 'answered', answered_at: ago(31 * DAY) });
    expect((await due({ consultationKeepDays: 30 }))['consultation-answered']).toBe(1);
  });

  it('Given it is not answered yet, then it is never due', async () => {
    await row('consultations', { state: 'open', answered_at: null });
    expect((await due())['consultation-answered']).toBe(0);
  });
});

describe('a complaint, a legal hold, logs', () => {
  it('Given a complaint resolved 3 years (1,095 days) ago, then it is due; a day less, it waits', async () => {
    await row('complaints', { state: 'resolved', resolved_at: ago(1095 * DAY) });
    await row('complaints', { state: 'resolved', resolved_at: ago(1094 * DAY) });
    expect((await due())['complaint-resolved']).toBe(1);
  });

  it('Given a legal hold, then it is due on its destroy date, not before', async () => {
    await row('legal_holds', { destroy_at: AT });
    await row('legal_holds', { destroy_at: new Date(AT.getTime() + MINUTE) });
    expect((await due())['legal-hold-expired']).toBe(1);
  });

  it('Given connection log entries, then they are due after 3 months (90 days)', async () => {
    await row('connections', { occurred_at: ago(90 * DAY) });
    await row('connections', { occurred_at: ago(89 * DAY) });
    expect((await due())['connection-log']).toBe(1);
  });

  it('Given cookie choices, then they are due a year (365 days) after they were made', async () => {
    await row('cookie_consents', { occurred_at: ago(365 * DAY) });
    await row('cookie_consents', { occurred_at: ago(364 * DAY) });
    expect((await due())['cookie-consent']).toBe(1);
  });
});

describe('a member account', () => {
  async function account(confirmed: boolean, createdAgo: number, withProfile = true) {
    const [id] = await knex('users').insert({ confirmed, created_at: ago(createdAgo) });
    if (withProfile) await knex('member_profiles_user_lnk').insert({ member_profile_id: id, user_id: id });
    return id;
  }

  it('Given a registration nobody confirmed in 48 hours, then it is due; in 47 hours, it waits', async () => {
    await account(false, 48 * HOUR);
    await account(false, 47 * HOUR);
    expect((await due())['unverified-account']).toBe(1);
  });

  it('Given a confirmed account, or one that is no member registration, then it is never due', async () => {
    await account(true, 400 * DAY);
    await account(false, 400 * DAY, false);
    expect((await due())['unverified-account']).toBe(0);
  });

  it('Given members that staff expelled or that withdrew, then each is due', async () => {
    await row('member_profiles', { state: 'expelled' });
    await row('member_profiles', { state: 'withdrawn' });
    await row('member_profiles', { state: 'active' });
    expect((await due())['member-ended']).toBe(2);
  });
});
