import { startStrapi, type TestApp } from '../helpers/strapi';

const credentials = { email: 'operator@dodream.example', password: 'Demo-Passw0rd!' };
let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ ADMIN_EMAIL: credentials.email, ADMIN_PASSWORD: credentials.password });
});
afterAll(async () => {
  await app?.stop();
});

describe('the first admin', () => {
  it('exists after the first start when ADMIN_EMAIL and ADMIN_PASSWORD are set, and can log in', async () => {
    const init = await app.request().get('/admin/init').expect(200);
    expect(init.body.data.hasAdmin).toBe(true);
    const login = await app.request().post('/admin/login').send(credentials).expect(200);
    expect(login.body.data.token).toEqual(expect.any(String));
    expect(login.body.data.user.email).toBe(credentials.email);
  });

  it('is a super admin', async () => {
    const login = await app.request().post('/admin/login').send(credentials).expect(200);
    const me = await app.request().get('/admin/users/me').set('Authorization', `Bearer ${login.body.data.token}`).expect(200);
    expect(me.body.data.roles.map((r: { code: string }) => r.code)).toContain('strapi-super-admin');
  });
});
