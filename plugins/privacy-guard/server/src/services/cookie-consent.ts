import type { Core } from '@strapi/strapi';
import { getService, host } from '../utils';
import { fail, validationError } from '../utils/errors';
import { truncateAddress } from '../utils/client-address';

export interface CookieChoice {
  consentId: string;
  categories: Record<string, boolean>;
  policyVersion: number;
}

/** An anonymous browser's cookie choice, checked against the categories the CMS offers. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async save(choice: CookieChoice, clientAddress: string | null) {
    const categories = await host(strapi).consentItems.forChannel('cookie');
    const known = new Set(categories.map((c) => c.key));
    const unknown = Object.keys(choice.categories).filter((key) => !known.has(key));
    if (unknown.length) {
      throw validationError(unknown.map((key) => ({ path: `categories.${key}`, message: `"${key}" is not a cookie category` })));
    }
    const missing = categories.filter((c) => c.required && choice.categories[c.key] !== true).map((c) => c.key);
    if (missing.length) throw fail(422, 'CONSENT_REQUIRED', 'Required cookie categories cannot be refused', { keys: missing });
    const inEffect = await host(strapi).policies.inEffectNumber();
    if (choice.policyVersion !== inEffect) {
      throw fail(422, 'POLICY_OUTDATED', 'The choice was made under another policy version', { policyVersion: inEffect });
    }
    const complete = Object.fromEntries(categories.map((c) => [c.key, choice.categories[c.key] === true]));
    await strapi.db.query('plugin::privacy-guard.cookie-consent').create({
      data: {
        consentId: choice.consentId,
        categories: complete,
        policyVersion: inEffect,
        clientAddress: truncateAddress(clientAddress),
        occurredAt: getService(strapi, 'clock').now(),
      },
    });
    return { consentId: choice.consentId, categories: complete, policyVersion: inEffect };
  },
});
