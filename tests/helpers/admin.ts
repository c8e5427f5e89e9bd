import type { TestApp } from './strapi';

/** Creates an admin with one role (by code) and returns a token from a real `POST /admin/login`. */
export async function adminToken(app: TestApp, roleCode: string, email = `${roleCode}@staff.dodream.example`): Promise<string> {
  const password = 'Staff-Passw0rd!';
  const role = await app.strapi.service('admin::role').findOne({ code: roleCode });
  if (!role) throw new Error(`no admin role ${roleCode}`);
  const users = app.strapi.service('admin::user');
  if (!(await users.findOneByEmail(email))) {
    await users.create({ email, firstname: 'Test', lastname: roleCode, password, isActive: true, registrationToken: null, roles: [role.id] });
  }
  const res = await app.request().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}
