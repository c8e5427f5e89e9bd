import { randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getService, host } from '../../utils';
import { declarations } from '../../declarations';

export const DAY = 24 * 60 * 60 * 1000;
/** Corrections and complaints are answered within 10 days. */
export const ANSWER_WITHIN_DAYS = 10;

export type Doc = Record<string, unknown> & { documentId: string };

export const reference = (prefix: string) => {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  return `${prefix}-${Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
};

export const json = (value: unknown) => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/** What every part of the person's rights reads: the declared types, the clock, documents, restriction, mail. */
export const rightsContext = (strapi: Core.Strapi) => {
  const declared = declarations(strapi);
  return {
    strapi,
    declared,
    RESERVATION: declared.uid('reservation'),
    MEMBER_PROFILE: declared.uid('member-profile'),
    CONSULTATION: declared.uid('consultation'),
    COMPLAINT: declared.uid('complaint'),
    now: () => getService(strapi, 'clock').now(),
    docs: (uid: string) =>
      strapi.documents(uid as never) as unknown as {
        findMany(p: Record<string, unknown>): Promise<Doc[]>;
        findFirst(p: Record<string, unknown>): Promise<Doc | null>;
        findOne(p: Record<string, unknown>): Promise<Doc | null>;
        create(p: Record<string, unknown>): Promise<Doc>;
        update(p: Record<string, unknown>): Promise<Doc>;
      },
    restriction: () => getService(strapi, 'restriction'),
    mailer: () => host(strapi).outbox,
  };
};

export type RightsContext = ReturnType<typeof rightsContext>;
