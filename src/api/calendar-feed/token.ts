import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { privacyGuard } from '../../utils/privacy-guard';

/** A feed token: 32 random bytes (256 bits), base64url, 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Feed tokens as stored: an HMAC under the plugin's index key (from the environment, never in the
 * database), like guardian codes. A hash copied out of the database opens nothing: the server
 * hashes what it is given, and a hash of a hash matches no row.
 */
export const feedTokens = (strapi: Core.Strapi) => {
  const hash = (token: string): string =>
    privacyGuard(strapi).service('crypto').secretHash('calendar-feed', token);
  return {
    create: (): string => crypto.randomBytes(32).toString('base64url'),
    hash,
    /** The hash of a token of the right shape; null for anything else (never looked up). */
    hashIfWellFormed: (token: string): string | null => (TOKEN.test(token) ? hash(token) : null),
  };
};
