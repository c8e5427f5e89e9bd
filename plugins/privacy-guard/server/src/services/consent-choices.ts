import type { Core } from '@strapi/strapi';
import { getService, host } from '../utils';
import { validationError, refuse } from '../utils/errors';
import type { ConsentItem } from './host';
import type { Locale } from '../utils/locale';

/** The channels whose items a person decides; the privacy center shows each item once, under the first channel that asks it. */
const CHANNELS = ['reservation', 'membership', 'consultation'] as const;

/**
 * The consents of a verified subject, item by item, as the privacy center shows and changes
 * them: optional items only are changed here (a required one goes with withdrawal), and every
 * change is a ledger row of channel `privacy-center` decided for the whole subject.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function items(locale: Locale): Promise<Array<ConsentItem & { channel: string }>> {
    const seen = new Map<string, ConsentItem & { channel: string }>();
    for (const channel of CHANNELS) {
      for (const item of await host(strapi).consentItems.forChannel(channel, locale)) if (!seen.has(item.key)) seen.set(item.key, { ...item, channel });
    }
    return [...seen.values()];
  }

  return {
    /**
     * Each item with the decision that binds the address as a whole (`consent.state`: a verified
     * decision or a confirmed member's own, whichever came last). A decision given with one
     * booking, consultation or unconfirmed account binds that record only, whoever typed the
     * address, so it is not shown as the address's: the receipts of `my-data` show it per record.
     */
    async list(subjectId: string, locale: Locale) {
      const [all, state] = await Promise.all([items(locale), getService(strapi, 'consent').state(subjectId)]);
      return all.map((item) => {
        const decision = state[item.key];
        return {
          key: item.key,
          channel: item.channel,
          title: item.title,
          purpose: item.purpose,
          required: item.required,
          granted: decision?.granted ?? false,
          scope: decision?.scope ?? null,
          occurredAt: decision?.occurredAt ?? null,
        };
      });
    },

    /** `400 VALIDATION` for keys that are no consent item, `422 NOT_ALLOWED { keys }` for required ones; nothing is written then. */
    async change(input: { subjectId: string; locale: Locale; consents: Record<string, boolean>; clientAddress: string | null }) {
      const byKey = new Map((await items(input.locale)).map((item) => [item.key, item]));
      const unknown = Object.keys(input.consents).filter((key) => !byKey.has(key));
      if (unknown.length) throw validationError(unknown.map((key) => ({ path: `consents.${key}`, message: `"${key}" is not a consent item` })));
      const required = Object.keys(input.consents).filter((key) => byKey.get(key)?.required);
      if (required.length) {
        throw refuse(422, 'NOT_ALLOWED', 'Required consents are not changed one by one: withdrawal (POST /api/privacy/withdrawal) withdraws them with the data', { keys: required });
      }
      const consent = getService(strapi, 'consent');
      await consent.record({
        subjectId: input.subjectId,
        channel: 'privacy-center',
        consents: input.consents,
        actor: 'self',
        clientAddress: input.clientAddress,
        locale: input.locale,
        scope: 'subject',
      } as unknown as Parameters<typeof consent.record>[0]);
    },
  };
};
