import type { Core } from '@strapi/strapi';

const PROFILE = 'api::member-profile.member-profile';

/** The `iat` (seconds) of a JWT users-permissions has just issued; only read, its signature is users-permissions' business. */
const issuedAt = (jwt: string): number | null => {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iat?: unknown };
    return typeof payload.iat === 'number' ? payload.iat : null;
  } catch {
    return null;
  }
};

/**
 * After a password reset or change: every member token issued before the one just answered stops
 * working (someone who had the old password, or a stolen token, is out). The stamp is the new
 * token's own issue time, so the new token itself stays good.
 */
export async function endEarlierTokens(strapi: Core.Strapi, userId: number, jwt: string | undefined): Promise<void> {
  const iat = jwt ? issuedAt(jwt) : null;
  const at = new Date((iat ?? Math.floor(Date.now() / 1000)) * 1000);
  const profile = (await strapi.db.query(PROFILE).findOne({ where: { user: { id: userId } }, select: ['id'] })) as { id: number } | null;
  if (profile) await strapi.db.query(PROFILE).update({ where: { id: profile.id }, data: { credentialsChangedAt: at } });
}

type JwtService = { verify(token: string): Promise<{ id?: number | string; iat?: number }> } & Record<string, unknown>;

/**
 * users-permissions' JWT service, whose `verify` (used by its authentication and by the privacy
 * routes) refuses a member token issued before the member's credentials last changed.
 */
export const jwtWithCredentialCheck =
  (factory: (deps: { strapi: Core.Strapi }) => JwtService) =>
  ({ strapi }: { strapi: Core.Strapi }): JwtService => {
    const base = factory({ strapi });
    return {
      ...base,
      async verify(token: string) {
        const payload = await base.verify(token);
        if (payload?.id === undefined) return payload;
        const profile = (await strapi.db.query(PROFILE).findOne({ where: { user: { id: Number(payload.id) } }, select: ['credentialsChangedAt'] })) as {
          credentialsChangedAt: string | Date | null;
        } | null;
        const changed = profile?.credentialsChangedAt ? Math.floor(new Date(profile.credentialsChangedAt).getTime() / 1000) : null;
        if (changed !== null && (payload.iat ?? 0) < changed) throw new Error('Invalid token.');
        return payload;
      },
    };
  };
