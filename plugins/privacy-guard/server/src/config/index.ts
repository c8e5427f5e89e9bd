export interface PrivacyGuardConfig {
  /** Days after a completed treatment before the reservation's personal data is destroyed (0–5). */
  retentionGraceDays: number;
  /** Guardian-pending reservations are destroyed this many hours after booking if no guardian confirmed. */
  pendingGuardianHours?: number;
  /** Answered consultations are kept this long unless the consultation_collection item states its own keepDays. */
  consultationKeepDays?: number;
  /** Resolved complaints are kept this long (see services/retention.ts for why 3 years). */
  complaintKeepDays?: number;
  /** Connection logs are kept this long (the policy: 3 months). */
  connectionLogDays?: number;
  /** A browser's logged cookie choice is kept this long (then the banner asks again). */
  cookieConsentDays?: number;
  /**
   * Rows per sweep transaction. Each commit rewrites the index pages the batch touched (ids are
   * random, so a batch touches most of them): fewer, larger batches write less; a batch holds
   * SQLite's one writer for a few tens of milliseconds, which a booking waits out.
   */
  sweepBatchSize?: number;
  /** How long a sweep's lease lasts before another instance may take over a crashed one. */
  sweepLeaseSeconds?: number;
  /** A withdrawn or expelled member's board writing: deleted, or kept as "withdrawn member" where others answered (utils/board-erasure.ts). */
  boardOnErasure?: 'delete' | 'keep-answered-threads';
}

export default {
  default: {
    retentionGraceDays: 3,
    pendingGuardianHours: 48,
    consultationKeepDays: 90,
    complaintKeepDays: 3 * 365,
    connectionLogDays: 90,
    cookieConsentDays: 365,
    sweepBatchSize: 1000,
    sweepLeaseSeconds: 600,
    boardOnErasure: 'keep-answered-threads',
  } satisfies PrivacyGuardConfig,
  validator(config: PrivacyGuardConfig) {
    const days = Number(config.retentionGraceDays);
    if (!Number.isInteger(days) || days < 0 || days > 5) {
      throw new Error('privacy-guard: RETENTION_GRACE_DAYS must be a whole number from 0 to 5');
    }
    if (config.boardOnErasure !== undefined && !['delete', 'keep-answered-threads'].includes(config.boardOnErasure)) {
      throw new Error('privacy-guard: BOARD_ON_ERASURE must be "delete" or "keep-answered-threads"');
    }
  },
};
