import type { Core } from '@strapi/strapi';
import { diffWords } from 'diff';
import { host } from '../utils';
import type { PolicyVersion } from './host';
import { ledgerRepository } from '../repositories';
import { PROVISION, PROVISION_NOTICE } from '../utils/uids';

type Version = PolicyVersion;

const asText = (v: Version) =>
  [v.title, v.introduction ?? '', ...v.sections.map((s) => `${s.heading}\n${s.body}`)].filter(Boolean).join('\n\n');

/**
 * The officer's registers: policy versions (with who consented to the one in effect and a
 * word diff of any two), and provisions to third parties with the advance notices sent.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async policyVersions() {
    const { versions, current, status } = await host(strapi).policies.timeline('en');
    const upcoming = versions.find((v) => status(v) === 'upcoming') ?? null;
    const consented = async (channel?: string) => {
      if (!current) return 0;
      return ledgerRepository(strapi).consentedTo(current.version, channel);
    };
    return {
      current: current?.version ?? null,
      next: upcoming ? { version: upcoming.version, effectiveDate: upcoming.effectiveDate, material: upcoming.material } : null,
      // Members consented on the membership channel; everyone includes patients who only booked.
      consentedToCurrent: { members: await consented('membership'), everyone: await consented() },
      versions: versions.map((v) => ({
        version: v.version,
        title: v.title,
        effectiveDate: v.effectiveDate,
        material: v.material,
        changeSummary: v.changeSummary,
        status: status(v),
        sections: v.sections.length,
      })),
    };
  },

  /** Word diff of two published versions: parts as the `diff` package gives them. */
  async policyDiff(from: number, to: number) {
    const versions = await host(strapi).policies.published('en');
    const a = versions.find((v) => v.version === from);
    const b = versions.find((v) => v.version === to);
    if (!a || !b) return null;
    const parts = diffWords(asText(a), asText(b)).map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) }));
    return {
      from: { version: a.version, effectiveDate: a.effectiveDate },
      to: { version: b.version, effectiveDate: b.effectiveDate },
      parts,
    };
  },

  /** Each provision with how many advance notices were sent, the first and the last date. */
  async thirdParties() {
    const provisions = (await strapi.db.query(PROVISION).findMany({ orderBy: { startsAt: 'desc' } })) as Array<
      Record<string, unknown> & { id: number }
    >;
    const notices = (await strapi.db
      .connection(strapi.db.metadata.get(PROVISION_NOTICE).tableName)
      .select('provision_id')
      .count({ n: '*' })
      .min({ first: 'sent_at' })
      .max({ last: 'sent_at' })
      .groupBy('provision_id')) as Array<{
      provision_id: number;
      n: number | string;
      first: string | Date | null;
      last: string | Date | null;
    }>;
    const byProvision = new Map(notices.map((n) => [Number(n.provision_id), n]));
    const iso = (d: string | Date | null | undefined) => (d ? new Date(d).toISOString() : null);
    return provisions.map((p) => {
      const n = byProvision.get(p.id);
      return {
        id: p.id,
        recipient: p.recipient,
        purpose: p.purpose,
        dataItems: p.dataItems,
        period: p.period,
        legalBasis: p.legalBasis,
        startsAt: p.startsAt,
        consentItemKey: p.consentItemKey,
        active: p.active,
        notices: { sent: Number(n?.n ?? 0), first: iso(n?.first), last: iso(n?.last) },
      };
    });
  },
});
