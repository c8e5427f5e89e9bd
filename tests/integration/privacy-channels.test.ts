import { startStrapi, type TestApp } from '../helpers/strapi';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';
import { registerMember } from '../helpers/members';

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

const question = (over: object = {}) => ({
  name: 'Seoyeon Madeup',
  email: 'seoyeon.madeup@example.test',
  phone: '010-5555-0101',
  question: 'How long does recovery take after a rhinoplasty?',
  consents: CONSULTATION_CONSENTS,
  ...over,
});
const outbox = () => app.strapi.db.connection('outbox_messages');

describe('POST /api/consultations', () => {
  it('answers 201 with a reference, stores the question encrypted with an email hash, records the consents and queues the acknowledgement', async () => {
    const res = await app.request().post('/api/consultations').send(question()).expect(201);
    expect(res.body).toEqual({ data: { reference: expect.stringMatching(/^Q-[0-9A-Z]{8}$/) } });
    const raw = await app.strapi.db.connection('consultations').where('reference', res.body.data.reference).first();
    for (const column of ['name', 'email', 'phone', 'question']) expect(raw[column]).toMatch(/^enc2:[A-Za-z0-9_-]+:/);
    expect(raw.email_hash).toBe(privacy(app.strapi).crypto.lookupHash('email', 'SEOYEON.madeup@example.test'));
    const subjectId = privacy(app.strapi).consent.subjectIdFor('seoyeon.madeup@example.test');
    expect(raw.subject_id).toBe(subjectId);
    // Given without proof of control of the address: the consents bind this consultation, not the subject.
    const state = await privacy(app.strapi).consent.state(subjectId, { scope: `consultation:${raw.document_id}` });
    expect(Object.keys(state).sort()).toEqual(['consultation_collection', 'consultation_health']);
    expect(await privacy(app.strapi).consent.state(subjectId)).toEqual({});

    const mail = await outbox().where({ kind: 'consultation.received', related_document_id: raw.document_id }).first();
    expect(mail.envelope).toMatch(/^enc2:/);
    const opened = await app.strapi.documents('api::outbox-message.outbox-message').findOne({ documentId: mail.document_id } as never);
    const envelope = JSON.parse((opened as unknown as { envelope: string }).envelope);
    expect(envelope).toMatchObject({ to: 'seoyeon.madeup@example.test' });
    expect(envelope.text).toContain(res.body.data.reference);
  });

  it('mails the answer once staff answer it in the admin', async () => {
    const { body } = await app.request().post('/api/consultations').send(question({ locale: 'ko' })).expect(201);
    const stored = await app.strapi.documents('api::consultation.consultation').findFirst({ filters: { reference: body.data.reference } } as never);
    const documentId = (stored as unknown as { documentId: string }).documentId;
    await app.strapi.documents('api::consultation.consultation').update({ documentId, data: { answer: 'About two weeks.' } } as never);
    const answered = (await app.strapi.documents('api::consultation.consultation').findOne({ documentId } as never)) as unknown as Record<string, unknown>;
    expect(answered).toMatchObject({ state: 'answered', answer: 'About two weeks.', name: 'Seoyeon Madeup' });
    const mails = await outbox().where({ related_document_id: documentId }).orderBy('id');
    expect(mails.map((m) => m.kind)).toEqual(['consultation.received', 'consultation.answered']);
  });

  it('refuses missing consents with 422 CONSENT_REQUIRED and unknown ones with 400, storing nothing', async () => {
    const before = await app.strapi.db.connection('consultations').count({ n: '*' });
    const missing = await app.request().post('/api/consultations').send(question({ consents: { consultation_collection: true } })).expect(422);
    expect(missing.body.error.details).toEqual({ code: 'CONSENT_REQUIRED', keys: ['consultation_health'] });
    const unknown = await app.request().post('/api/consultations').send(question({ consents: { ...CONSULTATION_CONSENTS, marketing_notices: true } })).expect(400);
    expect(unknown.body.error.details.code).toBe('VALIDATION');
    expect(await app.strapi.db.connection('consultations').count({ n: '*' })).toEqual(before);
  });

  it('refuses text that looks like a resident registration number', async () => {
    const res = await app.request().post('/api/consultations').send(question({ question: 'My number is 900101-1234567, is that needed?' })).expect(422);
    expect(res.body.error.details).toEqual({ code: 'RRN_REFUSED', fields: ['question'] });
    await app.request().post('/api/consultations').send(question({ question: 'Call me at 01055550101 please' })).expect(201);
  });

  it('refuses malformed bodies with VALIDATION naming the fields', async () => {
    const res = await app.request().post('/api/consultations').send({ name: '', email: 'nope', question: 'x', consents: CONSULTATION_CONSENTS, extra: 1 }).expect(400);
    expect(res.body.error.details.fields.sort()).toEqual(['(body)', 'email', 'name'].sort());
  });
});

describe('POST /api/auth/local/register (extended)', () => {
  const member = (over: object = {}) => ({
    username: 'jiwoo',
    email: 'jiwoo.inventedname@example.test',
    password: 'A-long-passw0rd',
    birthDate: '1990-04-12',
    name: 'Jiwoo Inventedname',
    phone: '010-5555-0199',
    gender: 'female',
    consents: MEMBERSHIP_CONSENTS,
    ...over,
  });

  it('creates the account, the encrypted member profile and the ledger rows; the users table holds no address', async () => {
    const res = await registerMember(app, member());
    expect(res.jwt).toEqual(expect.any(String));
    expect(res.user.email).toBe('jiwoo.inventedname@example.test');
    const user = await app.strapi.db.connection('up_users').where('id', res.user.id).first();
    expect(JSON.stringify(user)).not.toMatch(/jiwoo|inventedname/i);
    const profile = (await app.strapi.documents('api::member-profile.member-profile').findFirst({ filters: { user: { id: res.user.id } } } as never)) as unknown as Record<string, unknown>;
    expect(profile).toMatchObject({ name: 'Jiwoo Inventedname', email: 'jiwoo.inventedname@example.test', birthDate: '1990-04-12', phone: '010-5555-0199', state: 'active' });
    const raw = await app.strapi.db.connection('member_profiles').where('document_id', profile.documentId).first();
    expect(raw.name).toMatch(/^enc2:/);
    expect(raw.phone_hash).toBe(privacy(app.strapi).crypto.lookupHash('phone', '+82 10-5555-0199'));
    const state = await privacy(app.strapi).consent.state(raw.subject_id);
    expect(state.membership_collection.granted).toBe(true);
    expect(state.marketing_notices?.granted ?? false).toBe(false);

    const login = await app.request().post('/api/auth/local').send({ identifier: 'Jiwoo.Inventedname@example.test', password: 'A-long-passw0rd' }).expect(200);
    expect(login.body.user.email).toBe('Jiwoo.Inventedname@example.test');
    await app.request().post('/api/auth/local').send({ identifier: 'jiwoo.inventedname@example.test', password: 'wrong-passw0rd' }).expect(400);
  });

  it('refuses a child under 14 in the clinic time zone with 422 UNDER_14, creating nothing', async () => {
    privacy(app.strapi).clock.set(new Date('2030-05-09T15:30:00Z')); // 10 May 2030, 00:30 in Seoul
    try {
      const child = await app.request().post('/api/auth/local/register').send(member({ email: 'child@example.test', birthDate: '2016-05-11' })).expect(422);
      expect(child.body.error.details.code).toBe('UNDER_14');
      await registerMember(app, member({ email: 'teen@example.test', birthDate: '2016-05-10' }));
    } finally {
      privacy(app.strapi).clock.reset();
    }
    expect(await app.strapi.db.connection('up_users').where('email', 'like', '%child%').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    const subject = privacy(app.strapi).consent.subjectIdFor('child@example.test');
    expect(await app.strapi.db.connection('privacy_consent_ledger').where('subject_id', subject)).toHaveLength(0);
  });

  it('refuses missing consents with 422 CONSENT_REQUIRED and a missing birth date with 400', async () => {
    const res = await app.request().post('/api/auth/local/register').send(member({ email: 'noconsent@example.test', consents: { membership_collection: false } })).expect(422);
    expect(res.body.error.details).toEqual({ code: 'CONSENT_REQUIRED', keys: ['membership_collection'] });
    const { birthDate: _b, ...noBirth } = member({ email: 'nobirth@example.test' }) as Record<string, unknown>;
    expect((await app.request().post('/api/auth/local/register').send(noBirth).expect(400)).body.error.details.fields).toEqual(['birthDate']);
    const subject = privacy(app.strapi).consent.subjectIdFor('noconsent@example.test');
    expect(await app.strapi.db.connection('privacy_consent_ledger').where('subject_id', subject)).toHaveLength(0);
  });

  it('answers POLICY_OUTDATED at login after a material version takes effect, until the member consents again', async () => {
    const email = 'minho.fictional@example.test';
    await registerMember(app, member({ email, name: 'Minho Fictional' }));
    const documents = app.strapi.documents('api::policy-version.policy-version');
    const created = await documents.create({
      locale: 'en',
      data: { version: 2, effectiveDate: '2031-03-01', title: 'Privacy Policy (2031)', material: true, sections: [{ heading: 'Scope', body: 'Newer.' }] },
    } as never);
    await documents.publish({ documentId: created.documentId, locale: 'en' } as never);
    const { clock, consent } = privacy(app.strapi);
    try {
      const login = () => app.request().post('/api/auth/local');
      clock.set(new Date('2031-02-28T14:00:00Z'));
      await login().send({ identifier: email, password: 'A-long-passw0rd' }).expect(200);

      clock.set(new Date('2031-03-01T01:00:00Z'));
      const outdated = await login().send({ identifier: email, password: 'A-long-passw0rd' }).expect(422);
      expect(outdated.body.error.details).toEqual({ code: 'POLICY_OUTDATED', keys: ['membership_collection'], policyVersion: 2 });
      await expect(consent.assertCurrent(consent.subjectIdFor(email), 'membership')).rejects.toMatchObject({ status: 422 });

      await login().send({ identifier: email, password: 'A-long-passw0rd', consents: MEMBERSHIP_CONSENTS }).expect(200);
      await consent.assertCurrent(consent.subjectIdFor(email), 'membership');
      expect((await consent.state(consent.subjectIdFor(email))).membership_collection.policyVersion).toBe(2);
    } finally {
      clock.reset();
      await documents.delete({ documentId: created.documentId, locale: '*' } as never);
    }
  });
});
