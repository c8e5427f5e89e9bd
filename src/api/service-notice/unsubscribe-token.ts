import type { Core } from '@strapi/strapi';
import { LOCALES, type Locale } from '../../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../../utils/privacy-guard';

const crypto = (strapi: Core.Strapi) => privacyGuard(strapi).service('crypto');

/**
 * The token in an unsubscribe link: the subject id sealed with the plugin's data key
 * (AES-256-GCM), so the link says nothing about who it is for and cannot be forged for someone else.
 */
export const unsubscribeToken = {
  /** `locale` is the language of the mail, so the page behind the link speaks it too. */
  create(strapi: Core.Strapi, subjectId: string, locale?: Locale): string {
    const payload = locale ? { s: subjectId, p: 'unsubscribe', l: locale } : { s: subjectId, p: 'unsubscribe' };
    return Buffer.from(crypto(strapi).encrypt(JSON.stringify(payload)) as string).toString('base64url');
  },

  /** The subject id and language behind a token, or null for anything this server did not seal. */
  read(strapi: Core.Strapi, token: string): { subjectId: string; locale: Locale | null } | null {
    if (!/^[A-Za-z0-9_-]{20,600}$/.test(token)) return null;
    const envelope = Buffer.from(token, 'base64url').toString('utf8');
    if (!crypto(strapi).isSealed(envelope)) return null;
    try {
      const payload = JSON.parse(crypto(strapi).decrypt(envelope) ?? '') as { s?: unknown; p?: unknown; l?: unknown };
      if (payload.p !== 'unsubscribe' || typeof payload.s !== 'string') return null;
      return { subjectId: payload.s, locale: (LOCALES as readonly unknown[]).includes(payload.l) ? (payload.l as Locale) : null };
    } catch {
      return null;
    }
  },

  /** The subject id behind a token, or null for anything this server did not seal. */
  open(strapi: Core.Strapi, token: string): string | null {
    return unsubscribeToken.read(strapi, token)?.subjectId ?? null;
  },
};
