import type { TestApp } from './strapi';

export interface RegisteredMember {
  jwt: string;
  user: { id: number; documentId?: string; email?: string; confirmed?: boolean };
}

/**
 * Registers a member the way a person does: the registration, the confirmation link mailed to the
 * address (its token read from the account, as the mail carries it) followed, then the log-in with
 * it that confirms. An account that the server confirms at once (no verification) answers its JWT directly.
 */
export async function registerMember(app: TestApp, body: Record<string, unknown>): Promise<RegisteredMember> {
  const registered = await app.request().post('/api/auth/local/register').send(body);
  if (registered.status !== 200) throw new Error(`registration answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  if (registered.body.jwt) return { jwt: registered.body.jwt, user: registered.body.user };
  const login = await confirmMember(app, String(body.email), String(body.password));
  return { jwt: login.jwt, user: login.user };
}

/** The users table's row of a member's account, found by the keyed-hash placeholder of the real address. */
export async function accountOf(app: TestApp, email: string): Promise<Record<string, unknown> & { id: number }> {
  const crypto = app.strapi.plugin('privacy-guard').service('crypto') as { lookupHash(field: string, value: string): string };
  const account = await app.strapi.db.connection('up_users').where('email', `${crypto.lookupHash('email', email).slice(0, 40)}@members.invalid`).first();
  if (!account) throw new Error('no account is registered with this address');
  return account;
}

/** Follows the account's confirmation link (to the privacy center) and logs in with its token, which confirms the address. */
export async function confirmMember(app: TestApp, email: string, password: string): Promise<RegisteredMember> {
  const { confirmation_token: token } = (await accountOf(app, email)) as { confirmation_token: string | null };
  if (!token) throw new Error('the account has no confirmation token');
  const followed = await app.request().get(`/api/auth/email-confirmation?confirmation=${encodeURIComponent(token)}`);
  if (followed.status !== 302) throw new Error(`the confirmation link answered ${followed.status}: ${JSON.stringify(followed.body)}`);
  const confirmation = /#member-confirm=([0-9a-f]{64})$/.exec(String(followed.headers.location))?.[1];
  const login = await app.request().post('/api/auth/local').send({ identifier: email, password, confirmation });
  if (login.status !== 200) throw new Error(`log-in with the confirmation answered ${login.status}: ${JSON.stringify(login.body)}`);
  return { jwt: login.body.jwt, user: login.body.user };
}
