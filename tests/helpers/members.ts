import type { TestApp } from './strapi';

export interface RegisteredMember {
  jwt: string;
  user: { id: number; documentId?: string; email?: string; confirmed?: boolean };
}

/**
 * Registers a member the way a person does: the registration, the confirmation link mailed to the
 * address (its token read from the account, as the mail carries it), then a log-in. An account that
 * the server confirms at once (no verification) answers its JWT directly.
 */
export async function registerMember(app: TestApp, body: Record<string, unknown>): Promise<RegisteredMember> {
  const registered = await app.request().post('/api/auth/local/register').send(body);
  if (registered.status !== 200) throw new Error(`registration answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  if (registered.body.jwt) return { jwt: registered.body.jwt, user: registered.body.user };
  await confirmMember(app, registered.body.user.id);
  const login = await app.request().post('/api/auth/local').send({ identifier: body.email, password: body.password });
  if (login.status !== 200) throw new Error(`log-in after confirmation answered ${login.status}: ${JSON.stringify(login.body)}`);
  return { jwt: login.body.jwt, user: login.body.user };
}

/** Follows the account's confirmation link (users-permissions' own route). */
export async function confirmMember(app: TestApp, userId: number): Promise<void> {
  const account = (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: userId }, select: ['confirmationToken'] })) as {
    confirmationToken: string | null;
  } | null;
  if (!account?.confirmationToken) throw new Error('the account has no confirmation token');
  const res = await app.request().get(`/api/auth/email-confirmation?confirmation=${encodeURIComponent(account.confirmationToken)}`);
  if (res.status >= 400) throw new Error(`confirmation answered ${res.status}: ${JSON.stringify(res.body)}`);
}
