import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { destructionLogRepository } from '../../repositories';

/** One line of the destruction log: what went, never the values. */
export interface Destruction {
  rule: string;
  category: string;
  contentType: string;
  subjectId: string | null;
  count: number;
}

export interface DestructionReceipt {
  reference: string;
  destroyedAt: string;
  categories: Array<{ category: string; count: number }>;
}

/** The reference a destruction receipt and its log lines share. */
export const newReference = () => `D-${randomBytes(5).toString('hex').toUpperCase()}`;

/** Appends log lines inside the caller's transaction. */
export const destructionLog = (strapi: Core.Strapi) => {
  const repository = destructionLogRepository(strapi);
  return (trx: Knex.Transaction, entries: Destruction[], performedBy: string, at: Date) => repository.append(trx, entries, performedBy, at);
};
