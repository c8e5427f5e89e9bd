import type { Core } from '@strapi/strapi';

interface Crypto {
  encrypt(plain: string): string | null;
  decrypt(envelope: string): string | null;
  isSealed(value: unknown): boolean;
}
const crypto = (strapi: Core.Strapi) => strapi.plugin('privacy-guard').service('crypto') as Crypto;

/**
 * The token in an unsubscribe link: the subject id sealed with the plugin's data key
 * (AES-256-GCM), so the link says nothing about who it is for and cannot be forged for someone else.
 */
export const unsubscribeToken = {
  create(strapi: Core.Strapi, subjectId: string): string {
    return Buffer.from(crypto(strapi).encrypt(JSON.stringify({ s: subjectId, p: 'unsubscribe' })) as string).toString('base64url');
  },

  /** The subject id behind a token, or null for anything this server did not seal. */
  open(strapi: Core.Strapi, token: string): string | null {
    if (!/^[A-Za-z0-9_-]{20,600}$/.test(token)) return null;
    const envelope = Buffer.from(token, 'base64url').toString('utf8');
    if (!crypto(strapi).isSealed(envelope)) return null;
    try {
      const payload = JSON.parse(crypto(strapi).decrypt(envelope) ?? '') as { s?: unknown; p?: unknown };
      return payload.p === 'unsubscribe' && typeof payload.s === 'string' ? payload.s : null;
    } catch {
      return null;
    }
  },
};
