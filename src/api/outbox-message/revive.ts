import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { privacyGuard } from '../../utils/privacy-guard';
import { RETRY_WINDOW_MS } from './failure';
import { closeMailDir, mailDir } from './mail-dir';

const TABLE = 'outbox_messages';

/**
 * Start-up step for mail given up under the old rule (`dead` after 10 attempts, about 3 hours):
 * a message queued less than 7 days ago is retried now, its window counted from when it was
 * queued; an older one becomes `failed` with its reason, on the officer's Overview to resend.
 * Idempotent, so every instance may run it. Also closes MAIL_DIR (0700) if an older version
 * left it open to other users.
 */
export async function reviveGivenUpMail(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const at = privacyGuard(strapi).service('clock').now();
  const since = new Date(at.getTime() - RETRY_WINDOW_MS);
  const revived = await knex(TABLE)
    .where('status', 'dead')
    .andWhere('created_at', '>=', since)
    .update({ status: 'pending', next_attempt_at: at, locked_until: null, first_failed_at: knex.ref('created_at'), updated_at: at });
  const old: Array<{ id: number; last_error: string | null }> = await knex(TABLE).where('status', 'dead').select('id', 'last_error');
  for (const row of old) {
    await knex(TABLE)
      .where({ id: row.id, status: 'dead' })
      .update({
        status: 'failed',
        failed_at: at,
        last_error: `given up under the old 10-attempt rule; last: ${row.last_error ?? 'unknown'}`.slice(0, 250),
        updated_at: at,
      });
  }
  if (revived + old.length > 0)
    strapi.log.info(`outbox: ${revived} given-up message(s) retried, ${old.length} older than 7 days marked failed`);
  if (!process.env.SMTP_HOST && (await fs.stat(mailDir(strapi)).catch(() => null))) await closeMailDir(strapi);
}
