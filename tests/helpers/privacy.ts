import type { Core } from '@strapi/strapi';

/** Typed handles on the privacy-guard plugin's services for tests. */
export const privacy = (strapi: Core.Strapi) => {
  const plugin = strapi.plugin('privacy-guard');
  return {
    consent: plugin.service('consent') as {
      check(channel: string, consents: Record<string, boolean>): Promise<unknown>;
      subjectIdFor(email: string): string;
      record(input: Record<string, unknown>): Promise<Array<{ seq: number }>>;
      state(subjectId: string, options?: { scope?: string }): Promise<Record<string, { granted: boolean; policyVersion: number; scope: string }>>;
      assertCurrent(subjectId: string, channel: string): Promise<void>;
      verify(): Promise<{ ok: boolean; rows: number; firstBadRow?: { seq: number | null; id: number | null; problem: string } }>;
    },
    crypto: plugin.service('crypto') as {
      encrypt(v: string | null): string | null;
      decrypt(v: string | null): string | null;
      lookupHash(kind: 'email' | 'phone', v: string): string;
      load(env?: NodeJS.ProcessEnv): { primaryKeyId: string };
    },
    keys: plugin.service('keys') as { rotate(o?: { batchSize?: number }): Promise<{ rotated: Record<string, number> }> },
    clock: plugin.service('clock') as { set(d: Date | null): void; reset(): void },
  };
};

export const RESERVATION_CONSENTS = { reservation_collection: true, reservation_health: true, reservation_keep: false, third_party_provision: false };
export const MEMBERSHIP_CONSENTS = { membership_collection: true, marketing_notices: false };
export const CONSULTATION_CONSENTS = { consultation_collection: true, consultation_health: true };
