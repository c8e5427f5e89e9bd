import type { Core } from '@strapi/strapi';
import { fail, validationError } from '../../../utils/errors';
import { consentItemService } from '../../../utils/services';

type Consents = Record<string, boolean>;

interface ConsentService {
  check(channel: 'reservation', consents: Consents): unknown;
  subjectIdFor(email: string): string;
  record(entry: {
    subjectId: string | null;
    channel: 'reservation';
    consents: Consents;
    actor: 'self' | 'guardian';
    clientAddress: string;
  }): unknown;
}

interface CryptoService {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
}

const pluginService = <T>(strapi: Core.Strapi, name: string): T | undefined =>
  strapi.plugin('privacy-guard')?.service(name) as T | undefined;

/** Until the plugin's consent service lands: the channel's items decide, unknown keys are refused. */
async function checkLocally(strapi: Core.Strapi, consents: Consents) {
  const items = await consentItemService(strapi).forChannel('reservation');
  const known = new Set(items.map((item) => item.key));
  const unknown = Object.keys(consents).filter((key) => !known.has(key));
  if (unknown.length) {
    throw validationError(unknown.map((key) => ({ path: `consents.${key}`, message: 'Unknown consent item' })));
  }
  const missing = items.filter((item) => item.required && consents[item.key] !== true).map((item) => item.key);
  if (missing.length) throw fail(422, 'CONSENT_REQUIRED', 'Some required consents are missing', { keys: missing });
}

/**
 * Booking's only door to the privacy-guard plugin: each call uses the plugin's service when
 * it exists and does the minimal thing otherwise, so the swap happens here and nowhere else.
 */
export const privacyBridge = (strapi: Core.Strapi) => {
  const consent = () => pluginService<ConsentService>(strapi, 'consent');
  const crypto = () => pluginService<CryptoService>(strapi, 'crypto');
  return {
    /** `422 CONSENT_REQUIRED { keys }` when a required item of the reservation channel is not granted. */
    async checkConsents(consents: Consents): Promise<void> {
      const service = consent();
      if (service) await service.check('reservation', consents);
      else await checkLocally(strapi, consents);
    },

    /** The pseudonymous subject id of a person; null until the plugin can compute one. */
    subjectIdFor(email: string): string | null {
      return consent()?.subjectIdFor(email) ?? null;
    },

    /** Writes the consents to the plugin's ledger; call inside the reservation's transaction, before creating it. */
    async recordConsents(entry: Parameters<ConsentService['record']>[0]): Promise<void> {
      await consent()?.record(entry);
    },

    encrypt(plain: string): string {
      return crypto()?.encrypt(plain) ?? plain;
    },

    decrypt(stored: string): string {
      return crypto()?.decrypt(stored) ?? stored;
    },
  };
};

export type PrivacyBridge = ReturnType<typeof privacyBridge>;
