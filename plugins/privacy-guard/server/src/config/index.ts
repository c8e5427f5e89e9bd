export interface PrivacyGuardConfig {
  /** Days after a completed treatment before the reservation's personal data is destroyed (0–5). */
  retentionGraceDays: number;
}

export default {
  default: { retentionGraceDays: 3 } satisfies PrivacyGuardConfig,
  validator(config: PrivacyGuardConfig) {
    const days = Number(config.retentionGraceDays);
    if (!Number.isInteger(days) || days < 0 || days > 5) {
      throw new Error('privacy-guard: RETENTION_GRACE_DAYS must be a whole number from 0 to 5');
    }
  },
};
