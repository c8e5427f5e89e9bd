import { startStrapi, type TestApp } from '../helpers/strapi';
import { bookFirstFree, clock, demoCatalog, sessionFor, type Person } from '../helpers/privacy-rights';
import { accountOf, registerMember } from '../helpers/members';
import { MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';

/**
 * Issue 14, the readers: the export of a manage token, the privacy center's consent list and the
 * notices read a decision in the scope it binds, so a stranger who typed the patient's address
 * into a booking or a registration learns nothing of her decisions and changes nothing she is
 * shown or mailed. Every person here is made up; "the stranger" uses the patient's address.
 */
// A privacy session lasts 30 minutes: the clock moves less than that while one is used.
const MINUTES = 60_000;
let app: TestApp;
let catalog: Awaited<ReturnType<typeof demoCatalog>>;

beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000' });
  catalog = await demoCatalog(app);
});
afterAll(async () => {
  await app?.stop();
});
beforeEach(() => clock(app).set(new Date('2027-03-01T00:00:00Z')));

const api = () => app.request();
const knex = () => app.strapi.db.connection;
const subjectOf = (email: string) => privacy(app.strapi).consent.subjectIdFor(email);
let n = 0;
const patient = (first: string): Person => {
  n += 1;
  return { name: `${first} Readerson${n}`, email: `${first.toLowerCase()}.reader${n}@example.test`, phone: `010-5558-${String(1000 + n)}` };
};
const strangerWith = (her: Person): Person => ({ name: 'Stranger Typist', email: her.email, phone: '010-5558-9999' });

async function book(person: Person, consents: Record<string, boolean> = {}) {
  const booked = await bookFirstFree(app, catalog, person, consents, {}, '2027-03-20');
  return { ...booked, scope: `reservation:${booked.documentId}` };
}

/** A policy version, published in English (the tests' locale); removed again by `remove`. */
async function publishPolicy(data: { version: number; effectiveDate: string; material: boolean; changeSummary: string }) {
  const documents = app.strapi.documents('api::policy-version.policy-version');
  const created = await documents.create({
    locale: 'en',
    data: { ...data, title: `Privacy Policy (v${data.version})`, sections: [{ heading: 'Scope', body: 'New text.' }] },
  } as never);
  await documents.publish({ documentId: created.documentId, locale: 'en' } as never);
  return { remove: () => documents.delete({ documentId: created.documentId, locale: '*' } as never) };
}

type Choice = { key: string; granted: boolean; scope: string | null; occurredAt: string | null };
const choice = async (session: string, key: string) =>
  ((await api().get('/api/privacy/consents').set('X-Privacy-Session', session).expect(200)).body.data.items as Choice[]).find(
    (i) => i.key === key,
  );

describe('the export of a stranger’s manage token', () => {
  it('shows only what his booking decided: none of her verified decisions, their dates, versions or scope', async () => {
    const her = patient('Minji');
    const his = await book(strangerWith(her));
    const hisRows = await knex()('privacy_consent_ledger').where({ subject_id: subjectOf(her.email), scope: his.scope });
    // She decides later, under a newer policy version, in the privacy center (proof of control).
    const v2 = await publishPolicy({ version: 2, effectiveDate: '2027-03-03', material: false, changeSummary: 'Wording.' });
    try {
      clock(app).set(new Date('2027-03-04T09:30:00Z'));
      const session = await sessionFor(app, her.email);
      const granted = await api()
        .post('/api/privacy/consents')
        .set('X-Privacy-Session', session)
        .send({ consents: { third_party_provision: true, reservation_keep: true } })
        .expect(200);
      const hers = (granted.body.data.items as Choice[]).find((i) => i.key === 'third_party_provision') as Choice;
      expect(hers).toMatchObject({ granted: true, scope: 'subject' });

      clock(app).advance(5 * MINUTES);
      const data = (await api().get('/api/privacy/my-data').set('X-Manage-Token', his.manageToken).expect(200)).body.data;
      const text = JSON.stringify(data);
      expect(text).not.toContain(hers.occurredAt as string);
      expect(text).not.toContain('"scope":"subject"');
      expect(text).not.toContain('"policyVersionConsented":2');
      const [receipt, ...others] = data.consentReceipts as Array<{
        scope: string;
        policyVersion: number;
        consentTimestamp: number;
        services: Array<{ purposes: Array<{ purposeCategory: string[]; consented: boolean; consentedAt: string; scope: string }> }>;
      }>;
      expect(others).toEqual([]);
      expect(receipt).toMatchObject({ scope: his.scope, policyVersion: 1 });
      // Exactly the items his booking decided (its grants, and its refusals, which are rows whatever she granted), at the time he booked.
      const purposes = receipt.services[0].purposes;
      expect(purposes).toHaveLength(hisRows.length);
      expect(purposes.every((p) => p.scope === his.scope)).toBe(true);
      expect(purposes.map((p) => p.consented).sort()).toEqual(hisRows.map((r) => r.action === 'granted').sort());
      expect(new Set(purposes.map((p) => p.consentedAt))).toEqual(new Set(hisRows.map((r) => new Date(r.occurred_at).toISOString())));
      expect(receipt.consentTimestamp * 1000).toBeLessThan(new Date(hers.occurredAt as string).getTime());
      // The consent history: his booking's rows only, each saying the scope it binds.
      expect((data.ledger as Array<{ scope: string }>).map((r) => r.scope)).toEqual(hisRows.map(() => his.scope));
      expect(data.provisions).toEqual([]);

      // She, with proof of control, sees the whole history with each row's scope.
      const mine = (await api().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(200)).body.data;
      const scopes = (mine.ledger as Array<{ itemKey: string; scope: string }>).map((r) => `${r.itemKey} ${r.scope}`);
      expect(scopes).toEqual(
        expect.arrayContaining(['third_party_provision subject', 'reservation_keep subject', `reservation_collection ${his.scope}`]),
      );
    } finally {
      await v2.remove();
    }
  });

  it('an unconfirmed account opened with her address sees the rows of that account, not those of her former one', async () => {
    const her = patient('Dasom');
    const { consent } = privacy(app.strapi);
    // Her own account, ended since: its rows stay in the ledger under its scope.
    await consent.record({
      subjectId: subjectOf(her.email),
      channel: 'membership',
      consents: { membership_collection: true, marketing_notices: true },
      actor: 'self',
      scope: 'member:formeraccountofhers000001',
    });
    clock(app).advance(5 * MINUTES);
    const { jwt, user } = await registerMember(app, {
      email: her.email,
      password: 'A-long-passw0rd',
      birthDate: '1990-05-05',
      name: 'Stranger Typist',
      consents: MEMBERSHIP_CONSENTS,
    });
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { confirmed: false } });
    const documentId = (await accountOf(app, her.email)).document_id as string;

    const data = (await api().get('/api/privacy/my-data').set('Authorization', `Bearer ${jwt}`).expect(200)).body.data;
    const rows = data.ledger as Array<{ itemKey: string; scope: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.scope === `member:${documentId}`)).toBe(true);
    // Her former account granted marketing; this one's rows say only what it decided itself.
    expect(rows.filter((r) => r.itemKey === 'marketing_notices').map((r) => (r as { action?: string }).action)).not.toContain('granted');
    expect(data.consentReceipts).toEqual([]);
  });
});

describe('the privacy center’s consent list', () => {
  it('shows a marketing grant as withdrawn once the confirmed member withdrew it at log-in', async () => {
    const her = patient('Yejin');
    await registerMember(app, {
      email: her.email,
      password: 'A-long-passw0rd',
      birthDate: '1987-07-07',
      name: her.name,
      consents: MEMBERSHIP_CONSENTS,
    });
    const session = await sessionFor(app, her.email);
    await api()
      .post('/api/privacy/consents')
      .set('X-Privacy-Session', session)
      .send({ consents: { marketing_notices: true } })
      .expect(200);
    expect(await choice(session, 'marketing_notices')).toMatchObject({ granted: true, scope: 'subject' });

    clock(app).advance(5 * MINUTES);
    await api()
      .post('/api/auth/local')
      .send({ identifier: her.email, password: 'A-long-passw0rd', consents: { membership_collection: true, marketing_notices: false } })
      .expect(200);
    const documentId = (await accountOf(app, her.email)).document_id as string;
    expect((await privacy(app.strapi).consent.state(subjectOf(her.email))).marketing_notices).toMatchObject({ granted: false });
    expect(await choice(session, 'marketing_notices')).toMatchObject({
      granted: false,
      scope: `member:${documentId}`,
      occurredAt: '2027-03-01T00:05:00.000Z',
    });
  });

  it('does not show a stranger’s booking grant as hers', async () => {
    const her = patient('Chaeyoung');
    await book(her);
    const session = await sessionFor(app, her.email);
    await book(strangerWith(her), { third_party_provision: true, reservation_keep: true });
    for (const key of ['third_party_provision', 'reservation_keep']) {
      expect(await choice(session, key)).toMatchObject({ granted: false, scope: null, occurredAt: null });
    }
  });
});

describe('notices', () => {
  const queued = async (email: string, kind: string) =>
    (
      await knex()('outbox_messages')
        .where({ subject_id: subjectOf(email) })
        .andWhere('dedupe_key', 'like', `${kind}:%`)
    ).length;
  const notices = () =>
    app.strapi.plugin('privacy-guard').service('notices') as {
      announcePolicy(): Promise<{ versions: number; queued: number }>;
      announceProvisions(): Promise<{ provisions: number; queued: number }>;
    };

  it('mails a material policy version to confirmed members only, never to an address a stranger registered', async () => {
    const member = patient('Seonwoo');
    await registerMember(app, {
      email: member.email,
      password: 'A-long-passw0rd',
      birthDate: '1982-02-02',
      name: member.name,
      consents: MEMBERSHIP_CONSENTS,
    });
    const her = patient('Haneul');
    await api()
      .post('/api/auth/local/register')
      .send({
        email: her.email,
        password: 'A-long-passw0rd',
        birthDate: '1990-01-01',
        name: 'Stranger Typist',
        consents: MEMBERSHIP_CONSENTS,
      })
      .expect(200);
    // Where users-permissions still confirms at once, the account is put back as a registration leaves it.
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: (await accountOf(app, her.email)).id }, data: { confirmed: false } });

    const upcoming = await publishPolicy({ version: 3, effectiveDate: '2035-01-01', material: true, changeSummary: 'Longer keeping.' });
    try {
      expect((await notices().announcePolicy()).queued).toBeGreaterThanOrEqual(1);
      expect(await queued(member.email, 'privacy.policy-notice')).toBe(1);
      expect(await queued(her.email, 'privacy.policy-notice')).toBe(0);
    } finally {
      await upcoming.remove();
    }
  });

  it('does not mail a provision notice about a booking restricted by a correction asked through its manage token', async () => {
    const restricted = patient('Gaeun');
    const open = patient('Bomi');
    const hers = await book(restricted, { third_party_provision: true });
    await book(open, { third_party_provision: true });
    await api()
      .post('/api/privacy/corrections')
      .set('X-Manage-Token', hers.manageToken)
      .send({ field: 'phone', value: '010-5558-0001' })
      .expect(201);
    await app.strapi.db.query('plugin::privacy-guard.provision').create({
      data: {
        recipient: 'Reader Partner Lab (made up)',
        purpose: 'Aftercare analysis',
        dataItems: ['Name', 'Phone number'],
        period: '1 year',
        legalBasis: 'consent',
        startsAt: new Date('2027-04-01T00:00:00Z'),
        consentItemKey: 'third_party_provision',
        active: true,
      },
    });

    await notices().announceProvisions();
    expect(await queued(open.email, 'privacy.provision-notice')).toBe(1);
    expect(await queued(restricted.email, 'privacy.provision-notice')).toBe(0);
  });

  /** A provision to be announced (it starts after the clock's now). */
  const provisionFrom = (startsAt: string): Promise<{ id: number }> =>
    app.strapi.db.query('plugin::privacy-guard.provision').create({
      data: {
        recipient: 'Subject Partner Lab (made up)',
        purpose: 'Aftercare analysis',
        dataItems: ['Name'],
        period: '1 year',
        legalBasis: 'consent',
        startsAt: new Date(startsAt),
        consentItemKey: 'third_party_provision',
        active: true,
      },
    });
  const grantInCenter = async (email: string) =>
    api().post('/api/privacy/consents').set('X-Privacy-Session', await sessionFor(app, email)).send({ consents: { third_party_provision: true } }).expect(200);
  /** The notices of one provision mailed for an address (the provisions of the tests before it are in effect too). */
  const provisionMails = async (email: string, provision: { id: number }) =>
    (await knex()('outbox_messages')
      .where({ subject_id: subjectOf(email) })
      .andWhere('dedupe_key', 'like', `privacy.provision-notice:${provision.id}:%`)) as Array<{ locale: string | null }>;

  it('does not reach a person who granted provision for her whole address through a booking under correction', async () => {
    const her = patient('Yerin');
    const booked = await book(her);
    await api().post('/api/privacy/corrections').set('X-Manage-Token', booked.manageToken).send({ field: 'phone', value: '010-5558-0002' }).expect(201);
    await grantInCenter(her.email);
    const first = await provisionFrom('2027-05-01T00:00:00Z');
    await notices().announceProvisions();
    expect(await provisionMails(her.email, first)).toHaveLength(0);

    // Her older booking, not under correction, is how she is reached.
    const other = patient('Dain');
    await book(other);
    const newer = await book(other);
    await api().post('/api/privacy/corrections').set('X-Manage-Token', newer.manageToken).send({ field: 'phone', value: '010-5558-0003' }).expect(201);
    await grantInCenter(other.email);
    const second = await provisionFrom('2027-05-02T00:00:00Z');
    await notices().announceProvisions();
    expect(await provisionMails(other.email, second)).toHaveLength(1);
  });

  it('reaches a person who granted provision for her whole address in her own language, never in that of an account a stranger registered', async () => {
    const her = patient('Sohee');
    await book(her);
    await grantInCenter(her.email);
    // A stranger registers her address in Korean; nobody confirms it.
    await api()
      .post('/api/auth/local/register')
      .send({ email: her.email, password: 'A-long-passw0rd', birthDate: '1990-01-01', name: 'Stranger Typist', locale: 'ko', consents: MEMBERSHIP_CONSENTS })
      .expect(200);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: (await accountOf(app, her.email)).id }, data: { confirmed: false } });
    const provision = await provisionFrom('2027-05-03T00:00:00Z');
    await notices().announceProvisions();
    const mails = await provisionMails(her.email, provision);
    expect(mails).toHaveLength(1);
    expect(mails[0].locale).toBe('en');
  });
});
