import { startStrapi, type TestApp } from '../helpers/strapi';
import { bookFirstFree, clock, demoCatalog, type Person } from '../helpers/privacy-rights';
import { accountOf, registerMember } from '../helpers/members';
import { privacy } from '../helpers/privacy';
import { GENESIS, sha256 } from '../../plugins/privacy-guard/server/src/utils/hash-chain';

/**
 * Consent decided on an unverified channel binds only the record it came with: anyone can book
 * (or register) with a patient's address, and what that booking says about third-party
 * provision, keeping data or marketing must change nothing for her other records. Every person
 * here is made up; "the stranger" books with the patient's address.
 */
const DAY = 86_400_000;
let app: TestApp;
let catalog: Awaited<ReturnType<typeof demoCatalog>>;

beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000', RETENTION_GRACE_DAYS: '1' });
  catalog = await demoCatalog(app);
});
afterAll(async () => {
  await app?.stop();
});
beforeEach(() => clock(app).set(new Date('2027-03-01T00:00:00Z')));

const knex = () => app.strapi.db.connection;
let n = 0;
const patient = (first: string): Person => {
  n += 1;
  return { name: `${first} Scopeson${n}`, email: `${first.toLowerCase()}.scope${n}@example.test`, phone: `010-5557-${String(1000 + n)}` };
};
/** Someone else typing her address into the form, with a name and phone of their own. */
const strangerWith = (her: Person): Person => ({ name: 'Stranger Typist', email: her.email, phone: '010-5557-9999' });

const book = (person: Person, consents: Record<string, boolean> = {}) => bookFirstFree(app, catalog, person, consents, {}, '2027-03-12');

const rights = () =>
  app.strapi.plugin('privacy-guard').service('rights') as {
    thirdPartyExport(id: number): Promise<{ records: Array<{ reference: string; name: string }> }>;
  };

async function provisionInEffect() {
  return (await app.strapi.db.query('plugin::privacy-guard.provision').create({
    data: {
      recipient: 'Scope Partner Lab (made up)',
      purpose: 'Aftercare analysis',
      dataItems: ['Name', 'Phone number'],
      period: '1 year',
      legalBasis: 'consent',
      startsAt: new Date('2027-01-01T00:00:00Z'),
      consentItemKey: 'third_party_provision',
      active: true,
    },
  })) as { id: number };
}

describe('a decision given with a booking binds that booking only', () => {
  it('puts only the stranger’s reservation in the third-party export, never hers', async () => {
    const her = patient('Mina');
    const own = await book(her);
    const provision = await provisionInEffect();
    const strangers = await book(strangerWith(her), { third_party_provision: true });

    const exported = (await rights().thirdPartyExport(provision.id)).records.map((r) => r.reference);
    expect(exported).toContain(strangers.reference);
    expect(exported).not.toContain(own.reference);
    // Her next booking, made without the item, is not swept in by the stranger's grant either.
    const next = await book(her);
    expect((await rights().thirdPartyExport(provision.id)).records.map((r) => r.reference)).not.toContain(next.reference);
  });

  it('a stranger’s refusal on a booking does not withdraw what she decided with proof of control', async () => {
    const her = patient('Sora');
    const own = await book(her);
    const provision = await provisionInEffect();
    // Her own decision from the privacy center (a privacy session: proof of control) binds all her records.
    await privacy(app.strapi).consent.record({
      subjectId: privacy(app.strapi).consent.subjectIdFor(her.email),
      channel: 'privacy-center',
      consents: { third_party_provision: true },
      actor: 'self',
      scope: 'subject',
    });
    expect((await rights().thirdPartyExport(provision.id)).records.map((r) => r.reference)).toContain(own.reference);

    const strangers = await book(strangerWith(her), { third_party_provision: false });
    const exported = (await rights().thirdPartyExport(provision.id)).records.map((r) => r.reference);
    expect(exported).toContain(own.reference);
    expect(exported).not.toContain(strangers.reference);
  });

  it('keeps after treatment only the stranger’s reservation; hers is destroyed after completion and the grace', async () => {
    const her = patient('Jiwon');
    const own = await book(her);
    const strangers = await book(strangerWith(her), { reservation_keep: true });
    const frontDesk = app.strapi.plugin('privacy-guard').service('front-desk') as {
      mark(id: string, state: 'completed'): Promise<unknown>;
    };
    clock(app).set(new Date('2027-03-13T00:00:00Z'));
    for (const r of [own, strangers]) await frontDesk.mark(r.documentId, 'completed');
    clock(app).advance(2 * DAY);

    const run = await (
      app.strapi.plugin('privacy-guard').service('retention') as { run(): Promise<{ counts: Record<string, number> }> }
    ).run();
    expect(run.counts['reservation-completed']).toBeGreaterThanOrEqual(1);
    expect(await knex()('reservations').where('document_id', own.documentId).first()).toBeUndefined();
    const kept = await knex()('reservations').where('document_id', strangers.documentId).first();
    expect(kept).toBeDefined();
    expect(kept.keep_until).not.toBeNull();
  });
});

describe('marketing notices', () => {
  const audience = async () =>
    (
      (await (app.strapi.service('api::service-notice.service-notice') as { audience(): Promise<Array<{ email: string }>> }).audience()) ??
      []
    ).map((c) => c.email);

  it('a marketing grant given with a booking does not put the confirmed member with that address in the audience', async () => {
    const her = patient('Yuna');
    await registerMember(app, {
      email: her.email,
      password: 'A-long-passw0rd',
      birthDate: '1986-06-06',
      name: her.name,
      consents: { membership_collection: true, marketing_notices: false },
    });
    // An editor also asks the marketing item on the booking form: a stranger's booking can now grant it.
    await app.strapi.db.query('api::consent-item.consent-item').updateMany({
      where: { key: 'marketing_notices' },
      data: { channels: ['membership', 'reservation'] },
    });
    try {
      await book(strangerWith(her), { marketing_notices: true });
      expect(await audience()).not.toContain(her.email);
    } finally {
      await app.strapi.db
        .query('api::consent-item.consent-item')
        .updateMany({ where: { key: 'marketing_notices' }, data: { channels: ['membership'] } });
    }
  });

  it('an account registered with her address grants marketing for that account only, and reaches nobody until it is confirmed', async () => {
    const her = patient('Hayoung');
    await book(her);
    await app
      .request()
      .post('/api/auth/local/register')
      .send({
        email: her.email,
        password: 'A-long-passw0rd',
        birthDate: '1990-01-01',
        name: 'Stranger Typist',
        consents: { membership_collection: true, marketing_notices: true },
      })
      .expect(200);
    // Registration leaves the account unconfirmed until the link mailed to the address is followed
    // (where users-permissions still confirms at once, the account is put back in that state).
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: (await accountOf(app, her.email)).id }, data: { confirmed: false } });
    expect(await audience()).not.toContain(her.email);
    const { consent } = privacy(app.strapi);
    expect((await consent.state(consent.subjectIdFor(her.email))).marketing_notices).toBeUndefined();
  });
});

describe('receipts', () => {
  it('name the scope of each decision: her verified membership for the subject, each booking for itself', async () => {
    const her = patient('Eunbi');
    const { jwt } = await registerMember(app, {
      email: her.email,
      password: 'A-long-passw0rd',
      birthDate: '1984-04-04',
      name: her.name,
      consents: { membership_collection: true, marketing_notices: false },
    });
    const own = await book(her);
    const strangers = await book(strangerWith(her), { third_party_provision: true });
    await provisionInEffect();

    const data = (await app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${jwt}`).expect(200)).body.data;
    const receipts = data.consentReceipts as Array<{
      scope: string;
      services: Array<{
        service: string;
        scope: string;
        purposes: Array<{ purposeCategory: string[]; consented: boolean; scope: string }>;
      }>;
    }>;
    const byScope = Object.fromEntries(receipts.map((r) => [r.scope, r]));
    expect(Object.keys(byScope).sort()).toEqual([`reservation:${own.documentId}`, `reservation:${strangers.documentId}`, 'subject'].sort());
    expect(byScope.subject.services[0]).toMatchObject({ service: 'membership', scope: 'subject' });
    const strangerPurposes = byScope[`reservation:${strangers.documentId}`].services[0].purposes;
    expect(strangerPurposes.every((p) => p.scope === `reservation:${strangers.documentId}`)).toBe(true);
    expect(strangerPurposes.filter((p) => p.consented).length).toBe(3);
    expect(byScope[`reservation:${own.documentId}`].services[0].purposes.filter((p) => p.consented).length).toBe(2);
    // The provision is listed with the one record it concerns.
    expect(data.provisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipient: 'Scope Partner Lab (made up)', scopes: [`reservation:${strangers.documentId}`] }),
      ]),
    );
  });
});

describe('the ledger', () => {
  it('refuses a decision that does not say what it binds, or says it in another spelling, and writes nothing', async () => {
    const { consent } = privacy(app.strapi);
    const subjectId = consent.subjectIdFor('no.scope@example.test');
    const base = {
      subjectId,
      channel: 'reservation',
      consents: { reservation_collection: true, reservation_health: true },
      actor: 'self',
      clientAddress: null,
    };
    for (const scope of [undefined, 'Subject', 'reservation:', 'reservation:../x', 'member', 'subject ', 'visitor:abc']) {
      await expect(consent.record({ ...base, scope })).rejects.toThrow(/scope/);
    }
    expect(await knex()('privacy_consent_ledger').where('subject_id', subjectId)).toHaveLength(0);
  });

  it('verifies rows written before scopes existed and after, and finds a scope added, removed or changed', async () => {
    const { consent } = privacy(app.strapi);
    const table = () => knex()('privacy_consent_ledger');
    // A row as the code before scopes wrote it: its hash over the old canonical form, no scope column value.
    const last = await table().orderBy('seq', 'desc').first();
    const seq = last ? Number(last.seq) + 1 : 1;
    const prevHash = last ? String(last.hash) : GENESIS;
    const occurredAt = '2027-02-27T10:00:00.000Z';
    const subjectId = consent.subjectIdFor('legacy.row@example.test');
    const legacy = {
      seq,
      prevHash,
      subjectId,
      itemKey: 'third_party_provision',
      policyVersion: 1,
      textHash: 'a'.repeat(64),
      action: 'granted',
      channel: 'reservation',
      actor: 'self',
      clientAddress: null,
      occurredAt,
    };
    // A row written before scopes (its digest has no scope), linked under the chain key as every link is now.
    const chainMac = (text: string) => (app.strapi.plugin('privacy-guard').service('crypto') as { chainMac(t: string): string }).chainMac(text);
    const hash = chainMac(
      sha256(JSON.stringify([seq, prevHash, subjectId, legacy.itemKey, 1, legacy.textHash, 'granted', 'reservation', 'self', null, occurredAt])),
    );
    await table().insert({
      document_id: `ledger-${seq}`,
      seq,
      prev_hash: prevHash,
      hash,
      subject_id: subjectId,
      item_key: legacy.itemKey,
      policy_version: 1,
      text_hash: legacy.textHash,
      action: 'granted',
      channel: 'reservation',
      actor: 'self',
      client_address: null,
      occurred_at: new Date(occurredAt),
      created_at: new Date(),
      updated_at: new Date(),
    });
    await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).set({ key: 'consent-ledger-head', value: { seq, hash } });
    await consent.record({
      subjectId,
      channel: 'reservation',
      consents: { reservation_collection: true, reservation_health: true },
      actor: 'self',
      scope: 'reservation:abcdefghijklmnopqrstuvwx',
    });
    expect((await consent.verify()).ok).toBe(true);
    // A row from before scopes binds the subject as it always did.
    expect((await consent.state(subjectId)).third_party_provision).toMatchObject({ granted: true, scope: 'subject' });

    const scoped = await table().where({ subject_id: subjectId }).whereNotNull('scope').orderBy('seq').first();
    const tamper = async (where: Record<string, unknown>, scope: string | null) => {
      const before = await table().where(where).first();
      await table().where(where).update({ scope });
      const result = await consent.verify();
      await table().where(where).update({ scope: before.scope });
      return result;
    };
    expect(await tamper({ seq }, 'subject')).toMatchObject({ ok: false, firstBadRow: { seq, problem: 'edited' } });
    expect(await tamper({ id: scoped.id }, null)).toMatchObject({ ok: false, firstBadRow: { seq: Number(scoped.seq), problem: 'edited' } });
    expect(await tamper({ id: scoped.id }, 'subject')).toMatchObject({
      ok: false,
      firstBadRow: { seq: Number(scoped.seq), problem: 'edited' },
    });
    expect((await consent.verify()).ok).toBe(true);
  });
});
