import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { firstSlot, patient, requiredConsents } from '../helpers/booking';
import { accountOf, registerMember } from '../helpers/members';
import { CONSULTATION_CONSENTS, MEMBERSHIP_CONSENTS } from '../helpers/privacy';

/**
 * A deletion in the Content Manager is an erasure like any other: the record and what hangs on it
 * go (slot cells, mail), and the destruction log says what went, by which rule and which staff member.
 */
let app: TestApp;
let officer: string;
beforeAll(async () => {
  app = await startStrapi();
  officer = await adminToken(app, 'strapi-super-admin');
});
afterAll(async () => {
  await app?.stop();
});

const knex = () => app.strapi.db.connection;
const cmDelete = (uid: string, documentId: string) =>
  app.request().delete(`/content-manager/collection-types/${uid}/${documentId}`).set('Authorization', `Bearer ${officer}`);
const destructions = (subjectId: string) => knex()('privacy_destruction_log').where('subject_id', subjectId);

describe('deleting personal records in the Content Manager', () => {
  it('a reservation goes with its slot cells and mail, its time is free again, and the destruction log names the staff member', async () => {
    const { service, slot } = await firstSlot((url) => app.request().get(url));
    const booked = await app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: patient(41), consents: requiredConsents, locale: 'en' })
      .expect(201);
    const row = await knex()('reservations').where('reference', booked.body.data.reference).first();
    expect(await knex()('booking_slot_cells').where('reservation_document_id', row.document_id)).not.toHaveLength(0);
    expect(await knex()('outbox_messages').where('related_document_id', row.document_id)).not.toHaveLength(0);

    await cmDelete('api::reservation.reservation', row.document_id).expect(200);

    expect(await knex()('reservations').where('id', row.id)).toHaveLength(0);
    expect(await knex()('booking_slot_cells').where('reservation_document_id', row.document_id)).toHaveLength(0);
    expect(await knex()('outbox_messages').where('related_document_id', row.document_id)).toHaveLength(0);
    const log = await destructions(row.subject_id);
    expect(log.map((l) => l.category).sort()).toEqual(expect.arrayContaining(['reservation', 'outbox-mail']));
    for (const line of log) {
      expect(line.rule).toBe('staff-deletion');
      expect(line.performed_by).toMatch(/^admin:\d+:/);
    }
    const again = await app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: patient(42), consents: requiredConsents, locale: 'en' });
    expect(again.status).toBe(201);
  });

  it('a consultation goes with its mail and a destruction-log line', async () => {
    const asked = await app
      .request()
      .post('/api/consultations')
      .send({ name: 'Made Up Asker', email: 'asker.cm@example.test', question: 'Is it safe?', consents: CONSULTATION_CONSENTS, locale: 'en' })
      .expect(201);
    const row = await knex()('consultations').where('reference', asked.body.data.reference).first();
    await cmDelete('api::consultation.consultation', row.document_id).expect(200);
    expect(await knex()('consultations').where('id', row.id)).toHaveLength(0);
    expect(await knex()('outbox_messages').where('related_document_id', row.document_id)).toHaveLength(0);
    expect((await destructions(row.subject_id)).map((l) => [l.rule, l.category])).toContainEqual(['staff-deletion', 'consultation']);
  });

  it('a member profile goes with the account, as on expulsion', async () => {
    const member = await registerMember(app, {
      email: 'member.cm@example.test',
      password: 'A-long-passw0rd',
      birthDate: '1980-01-01',
      name: 'Made Up Member',
      consents: MEMBERSHIP_CONSENTS,
    });
    const profile = await knex()('member_profiles').where('subject_id', app.strapi.plugin('privacy-guard').service('crypto').subjectIdFor('member.cm@example.test')).first();
    await cmDelete('api::member-profile.member-profile', profile.document_id).expect(200);
    expect(await knex()('member_profiles').where('id', profile.id)).toHaveLength(0);
    expect(await knex()('up_users').where('id', member.user.id)).toHaveLength(0);
    expect((await destructions(profile.subject_id)).map((l) => l.rule)).toContain('expulsion');
    await app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${member.jwt}`).expect(401);
  });

  it('a member’s User goes as on expulsion: profile, connection log and mail destroyed, consents withdrawn, the destruction log naming the staff member', async () => {
    const email = 'member.user.cm@example.test';
    const member = await registerMember(app, { email, password: 'A-long-passw0rd', birthDate: '1981-01-01', name: 'Made Up Member', consents: MEMBERSHIP_CONSENTS });
    const subjectId = app.strapi.plugin('privacy-guard').service('crypto').subjectIdFor(email);
    const account = await knex()('up_users').where('id', member.user.id).first();
    expect(await knex()('member_profiles').where('subject_id', subjectId)).toHaveLength(1);
    expect(await knex()('privacy_connection_log').where('subject_id', subjectId)).not.toHaveLength(0);
    expect(await knex()('outbox_messages').where('subject_id', subjectId)).not.toHaveLength(0);

    await cmDelete('plugin::users-permissions.user', account.document_id).expect(200);

    expect(await knex()('up_users').where('id', member.user.id)).toHaveLength(0);
    expect(await knex()('member_profiles').where('subject_id', subjectId)).toHaveLength(0);
    expect(await knex()('privacy_connection_log').where('subject_id', subjectId)).toHaveLength(0);
    expect(await knex()('outbox_messages').where('subject_id', subjectId)).toHaveLength(0);
    const log = await destructions(subjectId);
    expect(log.map((l) => l.category)).toEqual(expect.arrayContaining(['member-profile', 'member-account', 'connection-log', 'outbox-mail']));
    for (const line of log) {
      expect(line.rule).toBe('expulsion');
      expect(line.performed_by).toMatch(/^admin:\d+:/);
    }
    const consents = await app.strapi.plugin('privacy-guard').service('consent').stateInAnyScope(subjectId);
    expect(Object.values(consents).filter((item) => (item as { granted: boolean }).granted)).toHaveLength(0);
    await app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${member.jwt}`).expect(401);
  });

  it('a User whose address was never confirmed goes alone with its profile: what the address’s owner holds stays', async () => {
    const owner = patient(43);
    const { service, slot } = await firstSlot((url) => app.request().get(url));
    const booked = await app
      .request()
      .post('/api/booking/reservations')
      .send({ service: service.id, practitioner: slot.practitionerId, start: slot.start, patient: owner, consents: requiredConsents, locale: 'en' })
      .expect(201);
    // Anyone may register with the owner's address; the account stays unconfirmed.
    const registered = await app
      .request()
      .post('/api/auth/local/register')
      .send({ email: owner.email, password: 'A-long-passw0rd', birthDate: '1985-05-05', name: 'Made Up Stranger', consents: MEMBERSHIP_CONSENTS })
      .expect(200);
    expect(registered.body.jwt).toBeUndefined();
    const account = await accountOf(app, owner.email);

    await cmDelete('plugin::users-permissions.user', String(account.document_id)).expect(200);

    const subjectId = app.strapi.plugin('privacy-guard').service('crypto').subjectIdFor(owner.email);
    expect(await knex()('up_users').where('id', account.id)).toHaveLength(0);
    expect(await knex()('member_profiles').where('subject_id', subjectId)).toHaveLength(0);
    expect(await knex()('reservations').where('reference', booked.body.data.reference)).toHaveLength(1);
    const log = await destructions(subjectId);
    expect(log.map((l) => [l.rule, l.category])).toEqual(expect.arrayContaining([['staff-deletion', 'member-account'], ['staff-deletion', 'member-profile']]));
    expect(log.map((l) => l.category)).not.toContain('reservation');
  });
});
