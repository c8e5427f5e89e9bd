import knexFactory, { type Knex } from 'knex';
import { fakeStrapi } from '../helpers/fake-strapi';
import type { ConsentItem, PolicyVersion } from '../../src/services/host';
import type { LedgerEntry, LedgerRow } from '../../src/services/ledger';
import type { Scope } from '../../src/utils/consent-scope';

/**
 * How the consent service decides, on a fake `strapi`: the channel's items and the policy come
 * from a provided host, the ledger is a list in memory, member accounts a table in SQLite.
 */
const SUBJECT = 'subj-jisoo';
const A: Scope = 'reservation:resA';
const B: Scope = 'reservation:resB';

const item = (key: string, required: boolean, kind = 'collection'): ConsentItem => ({
  key,
  kind,
  title: key,
  purpose: 'booking',
  dataCategories: ['name'],
  retention: 'until treated',
  required,
  refusalConsequence: 'no booking',
  keepDays: null,
  locale: 'en',
});
const ITEMS = [item('reservation_collection', true), item('reservation_health', true), item('reservation_keep', false, 'keep_after_treatment')];

const version = (n: number, effectiveDate: string, material: boolean): PolicyVersion => ({
  documentId: `v${n}`,
  version: n,
  effectiveDate,
  title: `Policy ${n}`,
  introduction: null,
  material,
  changeSummary: null,
  sections: [],
  locale: 'en',
});

let knex: Knex;
beforeAll(async () => {
  knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await knex.schema.createTable('up_users', (t) => {
    t.increments('id');
    t.string('document_id');
    t.boolean('confirmed');
  });
  await knex('up_users').insert([
    { document_id: 'confirmedUser', confirmed: true },
    { document_id: 'newUser', confirmed: false },
  ]);
});
afterAll(() => knex.destroy());

function world(versions: PolicyVersion[] = [version(1, '2010-10-26', false)]) {
  const rows: LedgerRow[] = [];
  const today = '2026-12-02';
  const effective = () => versions.filter((v) => v.effectiveDate <= today);
  const strapi = fakeStrapi({
    knex,
    metadata: { 'plugin::users-permissions.user': { tableName: 'up_users' } },
    host: {
      consentItems: { forChannel: async () => ITEMS },
      policies: {
        published: async () => versions,
        inEffectNumber: async () => effective().at(-1)?.version ?? null,
        timeline: async () => ({ versions, current: effective().at(-1) ?? null, today, status: () => 'in_effect' }),
      },
    },
    services: {
      ledger: {
        rowsOf: async (subjectId: string) => rows.filter((r) => r.subjectId === subjectId),
        append: async (entries: LedgerEntry[], at: Date) => {
          const added = entries.map((e, i) => ({ ...e, seq: rows.length + i + 1, prevHash: '', hash: '', occurredAt: at.toISOString() }));
          rows.push(...added);
          return added;
        },
      },
    },
  });
  const consent = strapi.plugin('privacy-guard').service('consent') as ReturnType<typeof import('../../src/services/consent').default>;
  const decide = (scope: Scope, consents: Record<string, boolean>) =>
    consent.record({ subjectId: SUBJECT, channel: 'reservation', consents, actor: 'self', clientAddress: '203.0.113.7', scope });
  return { consent, decide, rows };
}

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'passes',
    (error: { details?: { code?: string; keys?: string[] } }) => error.details?.code,
  );

describe('checking what a person sends on a channel', () => {
  it('Given the reservation items, when a required one is missing, then 422 CONSENT_REQUIRED names it', async () => {
    const { consent } = world();
    await expect(consent.check('reservation', { reservation_collection: true })).rejects.toMatchObject({
      details: { code: 'CONSENT_REQUIRED', keys: ['reservation_health'] },
    });
  });

  it('Given the reservation items, when a key the channel does not ask is sent, then 400 VALIDATION names its path', async () => {
    const { consent } = world();
    await expect(consent.check('reservation', { reservation_collection: true, reservation_health: true, marketing: true })).rejects.toMatchObject({
      details: { code: 'VALIDATION', fields: ['consents.marketing'] },
    });
  });

  it('Given the reservation items, when every required one is given and the optional one refused, then the items are returned', async () => {
    const { consent } = world();
    const items = await consent.check('reservation', { reservation_collection: true, reservation_health: true, reservation_keep: false });
    expect(items.map((i) => i.key)).toEqual(['reservation_collection', 'reservation_health', 'reservation_keep']);
  });
});

describe('deciding by scope', () => {
  it('Given grants made with booking A, then they stand for A and for nothing else of the subject', async () => {
    const { consent, decide } = world();
    await decide(A, { reservation_collection: true, reservation_health: true });
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation', { scope: A }))).toBe('passes');
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation', { scope: B }))).toBe('CONSENT_REQUIRED');
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation'))).toBe('CONSENT_REQUIRED');
  });

  it('Given subject-wide grants, when booking A withdraws one, then A lacks it and booking B still stands', async () => {
    const { consent, decide } = world();
    await decide('subject', { reservation_collection: true, reservation_health: true });
    await decide(A, { reservation_health: false });
    expect(await consent.missingGrants(SUBJECT, 'reservation', { scope: A })).toEqual(['reservation_health']);
    expect(await consent.missingGrants(SUBJECT, 'reservation', { scope: B })).toEqual([]);
  });

  it('Given a refusal in a booking, then it is a row whether or not the address granted the item elsewhere (nothing to learn from it)', async () => {
    const alone = world();
    await alone.decide(A, { reservation_collection: true, reservation_health: true, reservation_keep: false });
    const granted = world();
    await granted.decide('subject', { reservation_keep: true });
    const before = granted.rows.length;
    await granted.decide(A, { reservation_collection: true, reservation_health: true, reservation_keep: false });
    const shape = (rows: typeof alone.rows) => rows.map((r) => [r.itemKey, r.action, r.scope]);
    expect(shape(alone.rows)).toEqual([
      ['reservation_collection', 'granted', A],
      ['reservation_health', 'granted', A],
      ['reservation_keep', 'withdrawn', A],
    ]);
    expect(shape(granted.rows.slice(before))).toEqual(shape(alone.rows));
  });

  it('Given a refusal for the whole address of an item never granted, then no ledger row is written', async () => {
    const { decide, rows } = world();
    await decide('subject', { reservation_keep: false });
    expect(rows).toEqual([]);
  });

  it('Given grants by a member whose address is not confirmed, then they bind only that account', async () => {
    const { consent, decide } = world();
    await decide('member:newUser', { reservation_collection: true, reservation_health: true });
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation', { scope: 'member:newUser' }))).toBe('passes');
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation', { scope: A }))).toBe('CONSENT_REQUIRED');
  });

  it('Given grants by a confirmed member, then they bind the whole subject, every booking included', async () => {
    const { consent, decide } = world();
    await decide('member:confirmedUser', { reservation_collection: true, reservation_health: true });
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation'))).toBe('passes');
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation', { scope: B }))).toBe('passes');
  });

  it('Given a decision without a scope, then nothing is recorded', async () => {
    const { consent, rows } = world();
    await expect(
      consent.record({ subjectId: SUBJECT, channel: 'reservation', consents: { reservation_collection: true }, actor: 'self', clientAddress: null, scope: undefined as never }),
    ).rejects.toThrow(/needs a scope/);
    expect(rows).toHaveLength(0);
  });
});

describe('deciding by policy version', () => {
  it('Given grants under version 1, when a material version 2 is in effect, then 422 POLICY_OUTDATED with version 2', async () => {
    const versions = [version(1, '2010-10-26', false)];
    const { consent, decide } = world(versions);
    await decide('subject', { reservation_collection: true, reservation_health: true });
    versions.push(version(2, '2026-01-01', true));
    await expect(consent.assertCurrent(SUBJECT, 'reservation')).rejects.toMatchObject({
      details: { code: 'POLICY_OUTDATED', keys: ['reservation_collection', 'reservation_health'], policyVersion: 2 },
    });
  });

  it('Given grants under version 1, when a non-material version 2 is in effect, then they still stand', async () => {
    const versions = [version(1, '2010-10-26', false)];
    const { consent, decide } = world(versions);
    await decide('subject', { reservation_collection: true, reservation_health: true });
    versions.push(version(2, '2026-01-01', false));
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation'))).toBe('passes');
  });

  it('Given a material version 2 published for next year, then grants under version 1 stand until its date', async () => {
    const versions = [version(1, '2010-10-26', false)];
    const { consent, decide } = world(versions);
    await decide('subject', { reservation_collection: true, reservation_health: true });
    versions.push(version(2, '2027-06-01', true));
    expect(await code(consent.assertCurrent(SUBJECT, 'reservation'))).toBe('passes');
  });
});
