import { startStrapi, type TestApp } from '../helpers/strapi';
import { registerMember } from '../helpers/members';
import { MEMBERSHIP_CONSENTS } from '../helpers/privacy';

/** A member's tokens stop working when the password is reset or changed: a stolen token, or the old password's holder, is out. */
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false' });
});
afterAll(async () => {
  await app?.stop();
});

const jwt = () => app.strapi.plugin('users-permissions').service('jwt') as { issue(payload: Record<string, unknown>): string };
/** A token of this account issued a minute ago (as one copied from a browser would be). */
const earlierToken = (id: number) => jwt().issue({ id, iat: Math.floor(Date.now() / 1000) - 60 });
const myData = (token: string) => app.request().get('/api/privacy/my-data').set('Authorization', `Bearer ${token}`);

describe('member tokens after a change of credentials', () => {
  it('a password reset ends every token issued before it; the one it answers works', async () => {
    const member = await registerMember(app, { email: 'tokens.reset@example.test', password: 'First-passw0rd', birthDate: '1984-04-04', consents: MEMBERSHIP_CONSENTS });
    const stolen = earlierToken(member.user.id);
    await myData(stolen).expect(200);

    await app.request().post('/api/auth/forgot-password').send({ email: 'tokens.reset@example.test' }).expect(200);
    const { resetPasswordToken: code } = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: member.user.id }, select: ['resetPasswordToken'] });
    const reset = await app.request().post('/api/auth/reset-password').send({ code, password: 'Second-passw0rd', passwordConfirmation: 'Second-passw0rd' }).expect(200);

    expect((await myData(stolen)).status).toBe(401);
    expect((await app.request().get('/api/members/me').set('Authorization', `Bearer ${stolen}`)).status).toBe(401);
    await myData(reset.body.jwt).expect(200);
  });

  it('a change of password ends every token issued before it; the one it answers works', async () => {
    const member = await registerMember(app, { email: 'tokens.change@example.test', password: 'First-passw0rd', birthDate: '1984-04-04', consents: MEMBERSHIP_CONSENTS });
    const stolen = earlierToken(member.user.id);
    const changed = await app
      .request()
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${member.jwt}`)
      .send({ currentPassword: 'First-passw0rd', password: 'Second-passw0rd', passwordConfirmation: 'Second-passw0rd' })
      .expect(200);
    expect((await myData(stolen)).status).toBe(401);
    await myData(changed.body.jwt).expect(200);
  });
});
