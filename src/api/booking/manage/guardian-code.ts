import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { type AccessAction, SELF_ACCESS_ROLE } from '../../../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../../../utils/privacy-guard';

const UID = 'api::reservation.reservation';
const TABLE = 'reservations';
/** Wrong tries one code survives: the fifth burns it, and only a new code (a resend) opens the reservation. */
export const GUARDIAN_CODE_TRIES = 5;
/** New codes the booker may ask for, each mailed to the guardian's address. */
export const GUARDIAN_CODE_RESENDS = 3;

export interface GuardianCodeState {
  hash: string | null;
  expiresAt: Date | null;
  tries: number;
  resends: number;
}

/** What one try or resend was, as the reservation's access log shows it (never the code). */
export type GuardianCodeEvent = 'right' | 'wrong' | 'burned' | 'expired' | 'resent' | 'resend-refused';

const count = (value: unknown): number => Number(value ?? 0) || 0;

/**
 * A guardian's code as stored and counted: an HMAC under the plugin's index key (from the
 * environment, never in the database), bound to the reservation's document id, with the wrong
 * tries and the resends counted on the reservation row. Counting is a conditional UPDATE, so a
 * burst of parallel guesses gets no more tries than a patient one.
 */
export const guardianCodes = (strapi: Core.Strapi) => {
  const crypto = () => privacyGuard(strapi).service('crypto');
  const accessLog = () => privacyGuard(strapi).service('access-log');
  const rowOf = (trx: Knex.Transaction, documentId: string) =>
    strapi.db.connection(TABLE).transacting(trx).where({ document_id: documentId, state: 'pending_guardian' });

  return {
    hash: (documentId: string, code: string): string => crypto().secretHash('guardian-code', `${documentId}:${code}`),

    async state(documentId: string): Promise<GuardianCodeState> {
      const row = (await strapi.db.query(UID).findOne({
        where: { documentId },
        select: ['guardianCodeHash', 'guardianCodeExpiresAt', 'guardianCodeTries', 'guardianCodeResends'],
      })) as Record<string, unknown> | null;
      return {
        hash: (row?.guardianCodeHash as string | null | undefined) ?? null,
        expiresAt: row?.guardianCodeExpiresAt ? new Date(row.guardianCodeExpiresAt as string) : null,
        tries: count(row?.guardianCodeTries),
        resends: count(row?.guardianCodeResends),
      };
    },

    /**
     * Takes one try of the code whose hash is `hash`, before the code is compared: the number of
     * tries used with this one, or null when none is left (burned, or the code was replaced).
     */
    async takeTry(trx: Knex.Transaction, documentId: string, hash: string): Promise<number | null> {
      const taken = await rowOf(trx, documentId)
        .andWhere({ guardian_code_hash: hash })
        .andWhere((q) => q.whereNull('guardian_code_tries').orWhere('guardian_code_tries', '<', GUARDIAN_CODE_TRIES))
        .update({ guardian_code_tries: strapi.db.connection.raw('coalesce(??, 0) + 1', ['guardian_code_tries']) });
      if (Number(taken) === 0) return null;
      const row = (await rowOf(trx, documentId).first('guardian_code_tries')) as { guardian_code_tries: unknown } | undefined;
      return count(row?.guardian_code_tries);
    },

    /**
     * Puts a new code in place of the old one, its tries reset, if a resend is left: the number of
     * resends used with this one, or null when the limit is reached.
     */
    async replace(trx: Knex.Transaction, documentId: string, hash: string): Promise<number | null> {
      const replaced = await rowOf(trx, documentId)
        .andWhere((q) => q.whereNull('guardian_code_resends').orWhere('guardian_code_resends', '<', GUARDIAN_CODE_RESENDS))
        .update({
          guardian_code_hash: hash,
          guardian_code_tries: 0,
          guardian_code_resends: strapi.db.connection.raw('coalesce(??, 0) + 1', ['guardian_code_resends']),
        });
      if (Number(replaced) === 0) return null;
      const row = (await rowOf(trx, documentId).first('guardian_code_resends')) as { guardian_code_resends: unknown } | undefined;
      return count(row?.guardian_code_resends);
    },

    /** The try or resend in the reservation's access log, as the person's own act (no staff member). */
    record(r: { documentId: string; subjectId: string | null }, event: GuardianCodeEvent, detail: string, clientAddress: string | null) {
      const action: AccessAction = event === 'right' || event === 'resent' ? 'change' : 'login_failed';
      return accessLog().record({
        staffId: null,
        staffRole: SELF_ACCESS_ROLE,
        action,
        contentType: UID,
        targetDocumentId: r.documentId,
        subjectId: r.subjectId,
        reason: `guardian code ${event}${detail ? `: ${detail}` : ''}`,
        clientAddress,
      });
    },
  };
};
