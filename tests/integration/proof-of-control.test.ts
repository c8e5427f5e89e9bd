import { useStrapiWithSmtp } from '../helpers/smtp';
import { bookFirstFree, clock, demoCatalog, readVerifyMail, type Person } from '../helpers/privacy-rights';
import { registerMember } from '../helpers/members';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';

/**
 * Issue 14: nobody reads, changes or erases a person's data by knowing their e-mail address.
 * The verification mail is read from a real SMTP server on loopback and its link followed.
 */
const PUBLIC_URL = 'https://clinic.example.test';
const ctx = useStrapiWithSmtp({ PUBLIC_URL, RATE_LIMIT_PER_MINUTE: '100000' });
let catalog: Awaited<ReturnType<typeof demoCatalog>>;
beforeAll(async () => {
  catalog = await demoCatalog(ctx.app);
});
beforeEach(() => clock(ctx.app).set(new Date('2027-03-01T00:00:00Z')));

const api = () => ctx.app.request();
const outbox = () => ctx.app.strapi.service('api::outbox-message.outbox') as { drain(): Promise<unknown> };
const MINUTE = 60_000;
const NOTE = 'I take warfarin every evening (made up).';

/** The patient books with her details and a note; the stranger books another slot with her address and his own details. */
async function patientAndStranger(email: string) {
  const patient: Person = { name: 'Seoyeon Fictiva', email, phone: '010-5555-1401' };
  const stranger: Person = { name: 'Mallory Intruda', email, phone: '010-5555-1499' };
  const hers = await bookFirstFree(ctx.app, catalog, patient, {}, { patient: { name: patient.name, birthDate: '1979-11-23', phone: patient.phone, email }, note: NOTE });
  const his = await bookFirstFree(ctx.app, catalog, stranger);
  return { patient, stranger, hers, his };
}

/** The latest verification mail the SMTP server received for an address, after the outbox ran. */
async function verifyMailTo(email: string, count = 1, subject = 'privacy center') {
  await outbox().drain();
  const mine = () => ctx.smtp.received.filter((m) => (m.to as { text: string }).text === email && m.subject?.includes(subject));
  const until = Date.now() + 10_000;
  while (mine().length < count) {
    if (Date.now() > until) throw new Error(`expected ${count} verification mails to ${email}, got ${mine().length}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { mail: mine()[count - 1], ...readVerifyMail(mine()[count - 1].text as string) };
}

async function sessionByMail(email: string) {
  await api().post('/api/privacy/verify').send({ email }).expect(202);
  const { token } = await verifyMailTo(email);
  return (await api().post('/api/privacy/session').send({ token }).expect(201)).body.data.session as string;
}

const reservationRow = (reference: string) => ctx.app.strapi.db.connection('reservations').where('reference', reference).first();

describe('a stranger who books with the patient’s address', () => {
  it("reads nothing of the patient's reservation through his manage token", async () => {
    const { patient, stranger, hers, his } = await patientAndStranger('seoyeon.fictiva@example.test');
    const res = await api().get('/api/privacy/my-data').set('X-Manage-Token', his.manageToken).expect(200);
    const text = JSON.stringify(res.body);
    expect(res.body.data.reservations.map((r: { reference: string }) => r.reference)).toEqual([his.reference]);
    expect(res.body.data.reservations[0].patient).toMatchObject({ name: stranger.name, phone: stranger.phone });
    for (const secret of [hers.reference, patient.name, '1979-11-23', patient.phone, NOTE]) expect(text).not.toContain(secret);
    expect(res.body.data.profile).toBeNull();
    const { document_id: hisDocument } = await reservationRow(his.reference);
    expect(res.body.data.consentReceipts.map((r: { scope: string }) => r.scope)).toEqual([`reservation:${hisDocument}`]);
  });

  it("destroys nothing of the patient's by withdrawing through his manage token", async () => {
    const { hers, his } = await patientAndStranger('jiwoo.fictiva@example.test');
    const res = await api().post('/api/privacy/withdrawal').set('X-Manage-Token', his.manageToken).send({}).expect(200);
    expect(res.body.data.categories).toEqual(expect.arrayContaining([{ category: 'reservation', count: 1 }]));
    expect(await reservationRow(his.reference)).toBeUndefined();
    const manage = await api().get(`/api/booking/manage/${hers.manageToken}`).expect(200);
    expect(manage.body.data).toMatchObject({ reference: hers.reference, status: 'confirmed' });
  });

  it("restricts only his own reservation when he asks a correction through his manage token", async () => {
    const { hers, his } = await patientAndStranger('haeun.fictiva@example.test');
    await api().post('/api/privacy/corrections').set('X-Manage-Token', his.manageToken).send({ field: 'phone', value: '010-5555-1498' }).expect(201);
    expect(Boolean((await reservationRow(his.reference)).restricted)).toBe(true);
    expect(Boolean((await reservationRow(hers.reference)).restricted)).toBe(false);
    const restriction = ctx.app.strapi.plugin('privacy-guard').service('restriction') as { isSubjectRestricted(subjectId: string): Promise<boolean> };
    expect(await restriction.isSubjectRestricted(privacy(ctx.app.strapi).consent.subjectIdFor('haeun.fictiva@example.test'))).toBe(false);
  });

  it('changes only his own reservation when staff apply that correction', async () => {
    const { patient, hers, his } = await patientAndStranger('minseo.fictiva@example.test');
    const asked = await api().post('/api/privacy/corrections').set('X-Manage-Token', his.manageToken).send({ field: 'name', value: 'Minseo Changedname' }).expect(201);
    const correction = await ctx.app.strapi.db.connection('privacy_corrections').where('reference', asked.body.data.reference).first();
    const rights = ctx.app.strapi.plugin('privacy-guard').service('rights') as {
      resolveCorrection(id: string, input: { outcome: 'applied'; message: string }): Promise<{ restricted: boolean }>;
    };
    expect(await rights.resolveCorrection(correction.document_id, { outcome: 'applied', message: 'Done.' })).toMatchObject({ restricted: false });
    const docs = ctx.app.strapi.documents('api::reservation.reservation');
    const find = async (reference: string) => ((await docs.findFirst({ filters: { reference } } as never)) as unknown as { patientName: string; restricted: boolean }) ?? null;
    expect(await find(his.reference)).toMatchObject({ patientName: 'Minseo Changedname', restricted: false });
    expect(await find(hers.reference)).toMatchObject({ patientName: patient.name });
  });

  it('cannot change consents for the address through his manage token', async () => {
    const { his } = await patientAndStranger('yuna.fictiva@example.test');
    for (const res of [
      await api().get('/api/privacy/consents').set('X-Manage-Token', his.manageToken),
      await api().post('/api/privacy/consents').set('X-Manage-Token', his.manageToken).send({ consents: { third_party_provision: true } }),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.error.details.code).toBe('VERIFICATION_REQUIRED');
    }
  });
});

describe('POST /api/privacy/verify', () => {
  it('answers known and unknown addresses byte for byte alike, and queues the same mail for both', async () => {
    await patientAndStranger('known.fictiva@example.test');
    const known = await api().post('/api/privacy/verify').send({ email: 'known.fictiva@example.test' });
    const unknown = await api().post('/api/privacy/verify').send({ email: 'nobody.fictiva@example.test' });
    for (const res of [known, unknown]) expect(res.status).toBe(202);
    expect(known.text).toBe('{"data":{"status":"sent"}}');
    expect(unknown.text).toBe(known.text);
    const headers = (res: typeof known) => Object.keys(res.headers).filter((h) => h !== 'date' && h !== 'x-response-time').sort().map((h) => `${h}: ${h === 'content-length' || h === 'content-type' ? res.headers[h] : ''}`);
    expect(headers(unknown)).toEqual(headers(known));
    const kinds = await ctx.app.strapi.db
      .connection('outbox_messages')
      .whereIn('subject_id', ['known.fictiva@example.test', 'nobody.fictiva@example.test'].map((e) => privacy(ctx.app.strapi).consent.subjectIdFor(e)))
      .andWhere('kind', 'privacy.verify');
    expect(kinds).toHaveLength(2);
  });

  it('mails a link into the privacy center (the token in the fragment) and a code, to that address only', async () => {
    const email = 'hyejin.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    const { mail, link, code } = await verifyMailTo(email);
    expect(mail.to).toMatchObject({ text: email });
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/privacy/#verify=[A-Za-z0-9_-]{43}$`));
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$/);
    expect(mail.html).toContain(`href="${link}"`);
  });

  it('writes the mail in Korean when asked', async () => {
    const email = 'eunji.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email, locale: 'ko' }).expect(202);
    const { mail, token } = await verifyMailTo(email, 1, '개인정보 센터');
    expect(mail.text).toContain('30분');
    expect(token).toHaveLength(43);
  });

  it('stores only keyed hashes: the link token and the code are nowhere in the database', async () => {
    const email = 'sora.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    const { token, code } = await verifyMailTo(email);
    const knex = ctx.app.strapi.db.connection;
    const dump = JSON.stringify([await knex('privacy_verifications').select('*'), await knex('outbox_messages').select('*')]);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(code.replace('-', ''));
    const row = await knex('privacy_verifications').where('subject_id', privacy(ctx.app.strapi).consent.subjectIdFor(email)).first();
    for (const copied of [row.link_lookup, row.link_hash, row.code_hash]) {
      const res = await api().post('/api/privacy/session').send({ token: copied }).expect(422);
      expect(res.body.error.details.code).toBe('INVALID_CODE');
    }
  });

  it('gives an address 3 mails in 15 minutes, then 429 RATE_LIMITED with Retry-After, and queues no fourth mail', async () => {
    const email = 'dayeon.fictiva@example.test';
    for (let i = 0; i < 3; i++) await api().post('/api/privacy/verify').send({ email }).expect(202);
    const over = await api().post('/api/privacy/verify').send({ email: ' Dayeon.Fictiva@Example.test ' });
    expect(over.status).toBe(429);
    expect(over.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    const queued = await ctx.app.strapi.db.connection('outbox_messages').where({ kind: 'privacy.verify', subject_id: privacy(ctx.app.strapi).consent.subjectIdFor(email) });
    expect(queued).toHaveLength(3);
    await api().post('/api/privacy/verify').send({ email: 'another.fictiva@example.test' }).expect(202);
  });

  it('refuses a body that is no address with 400 VALIDATION', async () => {
    const res = await api().post('/api/privacy/verify').send({ email: 'not-an-address', extra: 1 }).expect(400);
    expect(res.body.error.details.code).toBe('VALIDATION');
  });
});

describe('the privacy session', () => {
  it('opened by the mailed link, shows everything held on the address: both bookings', async () => {
    const { hers, his } = await patientAndStranger('gaeun.fictiva@example.test');
    const session = await sessionByMail('gaeun.fictiva@example.test');
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const res = await api().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(200);
    expect(res.body.data.subject).toEqual({ subjectId: privacy(ctx.app.strapi).consent.subjectIdFor('gaeun.fictiva@example.test'), identifiedBy: 'privacy-session' });
    expect(res.body.data.reservations.map((r: { reference: string }) => r.reference).sort()).toEqual([hers.reference, his.reference].sort());
    expect(res.body.data.reservations.find((r: { reference: string }) => r.reference === hers.reference).note).toBe(NOTE);
    const logged = await ctx.app.strapi.db.connection('privacy_access_log').where({ subject_id: res.body.data.subject.subjectId, action: 'export' });
    expect(logged.map((r) => r.reason)).toEqual(['access request (privacy-session)']);
  });

  it('is opened once per link: the link again, or the code of the same mail, is 422 INVALID_CODE', async () => {
    const email = 'bora.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    const { token, code } = await verifyMailTo(email);
    await api().post('/api/privacy/session').send({ token }).expect(201);
    expect((await api().post('/api/privacy/session').send({ token }).expect(422)).body.error.details.code).toBe('INVALID_CODE');
    expect((await api().post('/api/privacy/session').send({ email, code }).expect(422)).body.error.details.code).toBe('INVALID_CODE');
  });

  it('cannot be opened by a link older than 30 minutes (plugin clock)', async () => {
    const email = 'nari.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    const first = await verifyMailTo(email, 1);
    const second = await verifyMailTo(email, 2);
    clock(ctx.app).advance(29 * MINUTE);
    await api().post('/api/privacy/session').send({ token: first.token }).expect(201);
    clock(ctx.app).advance(2 * MINUTE);
    expect((await api().post('/api/privacy/session').send({ token: second.token }).expect(422)).body.error.details.code).toBe('INVALID_CODE');
  });

  it('opens one session only for requests racing with one link', async () => {
    const email = 'racer.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    const { token } = await verifyMailTo(email);
    const answers = await Promise.all([0, 1, 2].map(() => api().post('/api/privacy/session').send({ token })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422, 422]);
  });

  it('opens with the address and the code, typed in any case and without the dash', async () => {
    const email = 'chaewon.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    const { code } = await verifyMailTo(email);
    const res = await api().post('/api/privacy/session').send({ email: 'Chaewon.Fictiva@example.test', code: code.replace('-', '').toLowerCase() }).expect(201);
    expect(res.body.data).toEqual({ session: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: '2027-03-01T00:30:00.000Z' });
  });

  it('burns the verification after 5 wrong codes: 422 CODE_BURNED, for the right code and the link too', async () => {
    const email = 'yeji.fictiva@example.test';
    await api().post('/api/privacy/verify').send({ email }).expect(202);
    const { code, token } = await verifyMailTo(email);
    const wrong = code === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA';
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push((await api().post('/api/privacy/session').send({ email, code: wrong })).body.error.details.code);
    expect(answers).toEqual(['INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'CODE_BURNED']);
    expect((await api().post('/api/privacy/session').send({ email, code }).expect(422)).body.error.details.code).toBe('CODE_BURNED');
    expect((await api().post('/api/privacy/session').send({ token }).expect(422)).body.error.details.code).toBe('CODE_BURNED');
  });

  it('is 401 SESSION_EXPIRED once revoked', async () => {
    const session = await sessionByMail('soyeon.fictiva@example.test');
    expect((await api().get('/api/privacy/session').set('X-Privacy-Session', session).expect(200)).body.data).toEqual({ expiresAt: '2027-03-01T00:30:00.000Z' });
    await api().delete('/api/privacy/session').set('X-Privacy-Session', session).expect(204);
    for (const path of ['/api/privacy/session', '/api/privacy/my-data']) {
      expect((await api().get(path).set('X-Privacy-Session', session).expect(401)).body.error.details.code).toBe('SESSION_EXPIRED');
    }
  });

  it('is 401 SESSION_EXPIRED after 30 minutes', async () => {
    const session = await sessionByMail('jimin.fictiva@example.test');
    clock(ctx.app).advance(31 * MINUTE);
    expect((await api().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(401)).body.error.details.code).toBe('SESSION_EXPIRED');
  });

  it('is bound to its subject: a session row moved to another address opens nothing', async () => {
    const session = await sessionByMail('attacker.fictiva@example.test');
    const knex = ctx.app.strapi.db.connection;
    const subject = privacy(ctx.app.strapi).consent.subjectIdFor('attacker.fictiva@example.test');
    await knex('privacy_sessions').where('subject_id', subject).update({ subject_id: privacy(ctx.app.strapi).consent.subjectIdFor('victim.fictiva@example.test') });
    expect((await api().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(401)).body.error.details.code).toBe('SESSION_EXPIRED');
    const copied = await knex('privacy_sessions').first();
    expect((await api().get('/api/privacy/my-data').set('X-Privacy-Session', copied.session_hash).expect(401)).body.error.details.code).toBe('SESSION_EXPIRED');
  });

  it('grants and withdraws an optional consent for the whole address, on channel privacy-center', async () => {
    const email = 'hayoung.fictiva@example.test';
    await bookFirstFree(ctx.app, catalog, { name: 'Hayoung Fictiva', email, phone: '010-5555-1402' });
    const session = await sessionByMail(email);
    const item = async () =>
      ((await api().get('/api/privacy/consents').set('X-Privacy-Session', session).expect(200)).body.data.items as Array<Record<string, unknown>>).find(
        (i) => i.key === 'third_party_provision',
      );
    expect(await item()).toMatchObject({ required: false, granted: false });
    const granted = await api().post('/api/privacy/consents').set('X-Privacy-Session', session).send({ consents: { third_party_provision: true } }).expect(200);
    expect(granted.body.data.items.find((i: { key: string }) => i.key === 'third_party_provision')).toMatchObject({ granted: true, scope: 'subject', occurredAt: expect.any(String) });
    await api().post('/api/privacy/consents').set('X-Privacy-Session', session).send({ consents: { third_party_provision: false } }).expect(200);
    expect(await item()).toMatchObject({ granted: false });
    const rows = await ctx.app.strapi.db
      .connection('privacy_consent_ledger')
      .where({ subject_id: privacy(ctx.app.strapi).consent.subjectIdFor(email), item_key: 'third_party_provision' })
      .orderBy('seq');
    expect(rows.map((r) => [r.action, r.channel])).toEqual([
      ['granted', 'privacy-center'],
      ['withdrawn', 'privacy-center'],
    ]);
    expect((await privacy(ctx.app.strapi).consent.verify()).ok).toBe(true);
  });

  it('refuses to change a required consent one by one: 422 NOT_ALLOWED, nothing written', async () => {
    const email = 'siwoo.fictiva@example.test';
    const session = await sessionByMail(email);
    const res = await api().post('/api/privacy/consents').set('X-Privacy-Session', session).send({ consents: { reservation_collection: false } }).expect(422);
    expect(res.body.error.details).toMatchObject({ code: 'NOT_ALLOWED', keys: ['reservation_collection'] });
    const unknown = await api().post('/api/privacy/consents').set('X-Privacy-Session', session).send({ consents: { free_lunch: true } }).expect(400);
    expect(unknown.body.error.details.code).toBe('VALIDATION');
    expect(await ctx.app.strapi.db.connection('privacy_consent_ledger').where('subject_id', privacy(ctx.app.strapi).consent.subjectIdFor(email))).toHaveLength(0);
  });

  it('previews what withdrawal destroys (no free text), then withdrawal destroys it, the member account of the address included', async () => {
    const email = 'dahee.fictiva@example.test';
    const person = { name: 'Dahee Fictiva', email, phone: '010-5555-1403' };
    const { user } = await registerMember(ctx.app, { email, password: 'A-long-passw0rd', birthDate: '1985-02-14', name: person.name, consents: MEMBERSHIP_CONSENTS });
    const booked = await bookFirstFree(ctx.app, catalog, person, {}, { note: NOTE });
    const asked = await api().post('/api/consultations').send({ name: person.name, email, question: 'Is a second opinion possible?', consents: CONSULTATION_CONSENTS }).expect(201);
    const session = await sessionByMail(email);

    const preview = await api().get('/api/privacy/withdrawal').set('X-Privacy-Session', session).expect(200);
    expect(preview.body.data).toEqual({
      member: true,
      reservations: [{ reference: booked.reference, start: expect.any(String), service: expect.any(String), status: 'confirmed' }],
      consultations: [{ reference: asked.body.data.reference, createdAt: expect.any(String) }],
      complaints: [],
      corrections: 0,
      boardPosts: 0,
      boardComments: 0,
    });
    for (const text of [person.name, email, NOTE, 'second opinion']) expect(JSON.stringify(preview.body)).not.toContain(text);

    const res = await api().post('/api/privacy/withdrawal').set('X-Privacy-Session', session).send({}).expect(200);
    const categories = Object.fromEntries(res.body.data.categories.map((c: { category: string; count: number }) => [c.category, c.count]));
    expect(categories).toMatchObject({ reservation: 1, consultation: 1, 'member-profile': 1, 'member-account': 1 });
    expect(await reservationRow(booked.reference)).toBeUndefined();
    expect(await ctx.app.strapi.db.connection('up_users').where('id', user.id)).toHaveLength(0);
    expect((await api().get('/api/privacy/my-data').set('X-Privacy-Session', session).expect(401)).body.error.details.code).toBe('SESSION_EXPIRED');
  });
});

describe('who may do what', () => {
  it('refuses every route of the address without a credential: 401 VERIFICATION_REQUIRED', async () => {
    for (const res of [
      await api().get('/api/privacy/my-data'),
      await api().post('/api/privacy/corrections').send({ field: 'phone', value: '010-5555-1404' }),
      await api().get('/api/privacy/consents'),
      await api().post('/api/privacy/consents').send({ consents: { third_party_provision: true } }),
      await api().get('/api/privacy/withdrawal'),
      await api().post('/api/privacy/withdrawal').send({}),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.error.details.code).toBe('VERIFICATION_REQUIRED');
    }
  });

  it('opens no more through another spelling of the path', async () => {
    const { hers, his } = await patientAndStranger('spelling.fictiva@example.test');
    for (const path of ['/api/privacy/MY-DATA', '/api/Privacy/My-Data', '/api/privacy/my-data/', '/api/privacy//my-data']) {
      const res = await api().get(path).set('X-Manage-Token', his.manageToken);
      expect([200, 404]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(hers.reference);
      expect((await api().get(path)).status).not.toBe(200);
    }
  });

  it('takes a manage token for nothing but itself: as a privacy session it is 401 SESSION_EXPIRED', async () => {
    const { his } = await patientAndStranger('swapped.fictiva@example.test');
    const res = await api().get('/api/privacy/my-data').set('X-Privacy-Session', his.manageToken).expect(401);
    expect(res.body.error.details.code).toBe('SESSION_EXPIRED');
  });

  it("limits a manage token's withdrawal preview to its own reservation", async () => {
    const { his } = await patientAndStranger('arin.fictiva@example.test');
    const preview = await api().get('/api/privacy/withdrawal').set('X-Manage-Token', his.manageToken).expect(200);
    expect(preview.body.data).toMatchObject({ member: false, reservations: [expect.objectContaining({ reference: his.reference })], consultations: [], complaints: [] });
  });

  it("opens an unconfirmed member's profile only, never the address's bookings", async () => {
    const email = 'nayeon.fictiva@example.test';
    const booked = await bookFirstFree(ctx.app, catalog, { name: 'Nayeon Fictiva', email, phone: '010-5555-1405' }, {}, { note: NOTE });
    const { jwt, user } = await registerMember(ctx.app, { email, password: 'A-long-passw0rd', birthDate: '1990-05-05', name: 'Mallory Signup', consents: MEMBERSHIP_CONSENTS });
    await ctx.app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { confirmed: false } });
    const res = await api().get('/api/privacy/my-data').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(res.body.data.profile).toMatchObject({ name: 'Mallory Signup' });
    expect(res.body.data.reservations).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(booked.reference);
    expect(JSON.stringify(res.body)).not.toContain(NOTE);
    for (const r of [
      await api().post('/api/privacy/withdrawal').set('Authorization', `Bearer ${jwt}`).send({}),
      await api().post('/api/privacy/corrections').set('Authorization', `Bearer ${jwt}`).send({ field: 'phone', value: '010-5555-1406' }),
      await api().get('/api/privacy/consents').set('Authorization', `Bearer ${jwt}`),
    ]) {
      expect(r.status).toBe(401);
      expect(r.body.error.details.code).toBe('VERIFICATION_REQUIRED');
    }
    expect(await reservationRow(booked.reference)).toBeDefined();
  });

  it("opens a confirmed member's bookings made with the same address", async () => {
    const email = 'yerim.fictiva@example.test';
    const booked = await bookFirstFree(ctx.app, catalog, { name: 'Yerim Fictiva', email, phone: '010-5555-1407' });
    const { jwt } = await registerMember(ctx.app, { email, password: 'A-long-passw0rd', birthDate: '1990-05-05', name: 'Yerim Fictiva', consents: MEMBERSHIP_CONSENTS });
    const res = await api().get('/api/privacy/my-data').set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(res.body.data.subject.identifiedBy).toBe('member');
    expect(res.body.data.reservations.map((r: { reference: string }) => r.reference)).toEqual([booked.reference]);
  });
});
