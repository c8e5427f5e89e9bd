import type { Core } from '@strapi/strapi';
import { addMinutes, type Attachment, type OutgoingMail } from '../../../../plugins/privacy-guard/server/src';
import { privacyGuard } from '../../../utils/privacy-guard';
import { stillWanted } from '../guards';
import type { PreparedRecord } from '../../../../plugins/privacy-guard/server/src/services/records';
import { classify, RETRY_WINDOW_MS, windowClosed } from '../failure';
import { writeMailFile, removeMailFile } from '../mail-dir';

const UID = 'api::outbox-message.outbox-message';
const TABLE = 'outbox_messages';
const LEASE_MINUTES = 5;
const BATCH = 20;

export type { Attachment, OutgoingMail };

interface StoredMessage {
  documentId: string;
  kind: string;
  envelope: string | null;
  attempts: number | null;
  relatedDocumentId: string | null;
  subjectId: string | null;
  firstFailedAt: string | null;
}

/** An outbox row ready to write (`prepare`): its documentId is known, its envelope encrypted. */
export type PreparedMail = PreparedRecord;

export interface DrainResult {
  sent: number;
  failed: number;
  skipped: number;
}

/** After n failed attempts, wait 30 s · 2^(n-1), at most an hour. */
export const backoffMinutes = (attempts: number): number => Math.min(0.5 * 2 ** (attempts - 1), 60);

const documents = (strapi: Core.Strapi) => strapi.documents(UID as never) as unknown as {
  create(p: { data: Record<string, unknown> }): Promise<{ documentId: string }>;
  findOne(p: { documentId: string }): Promise<StoredMessage | null>;
  update(p: { documentId: string; data: Record<string, unknown> }): Promise<unknown>;
  findMany(p: Record<string, unknown>): Promise<StoredMessage[]>;
};

/**
 * Mail goes out through this outbox: `enqueue` writes a row in the caller's transaction, a
 * worker claims due rows with a lease (a conditional update, so that one instance among many
 * sends each), sends through Strapi's email plugin, and blanks the envelope once the mail is
 * gone. A temporary failure (a 4xx, a connection error) is retried with backoff, at most an
 * hour apart, for 7 days; only a permanent refusal or the end of that window marks a message
 * `failed`, with its reason, where the officer's Overview shows it and can resend it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DrainResult> | null = null;

  /** Rows due now, each claimed by a conditional update that only one claimant can win. */
  async function claim(at: Date): Promise<string[]> {
    const free = (q: ReturnType<Core.Strapi['db']['connection']>) =>
      q.where('status', 'pending').andWhere((w) => w.whereNull('locked_until').orWhere('locked_until', '<', at));
    const due: Array<{ id: number; document_id: string }> = await free(strapi.db.connection(TABLE).select('id', 'document_id'))
      .andWhere((w) => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', at))
      .orderBy('next_attempt_at', 'asc')
      .limit(BATCH);
    const claimed: string[] = [];
    for (const row of due) {
      const won = await free(strapi.db.connection(TABLE).where('id', row.id)).update({ locked_until: addMinutes(at, LEASE_MINUTES) });
      if (won === 1) claimed.push(row.document_id);
    }
    return claimed;
  }

  /** One Message-ID per outbox row, whichever instance or attempt sends it: a repeat is recognisable as one. */
  const messageId = (documentId: string) => {
    const from = String((strapi.config.get('plugin::email') as { settings?: { defaultFrom?: string } } | undefined)?.settings?.defaultFrom ?? '');
    return `<${documentId}.outbox@${/@([^>\s]+)/.exec(from)?.[1] ?? 'clinic-cms.invalid'}>`;
  };

  async function deliver(envelope: OutgoingMail, documentId: string) {
    const info = (await strapi.plugin('email').service('email').send({
      messageId: messageId(documentId),
      to: envelope.to,
      subject: envelope.subject,
      text: envelope.text,
      html: envelope.html,
      attachments: envelope.attachments,
      headers: envelope.headers,
    })) as { message?: Buffer | string } | undefined;
    if (!process.env.SMTP_HOST && info?.message) await writeMailFile(strapi, documentId, info.message);
  }

  /**
   * Marks a delivered message sent. The update is the check that the row still exists: an
   * erasure that deleted it meanwhile (its transaction holds the row until it commits, so the
   * update waits for it) leaves nothing to update, and the copy just written to MAIL_DIR, which
   * the erasure could not see yet, goes too.
   */
  async function markSent(documentId: string, attempts: number): Promise<boolean> {
    const at = privacyGuard(strapi).service('clock').now();
    const marked = await strapi.db
      .connection(TABLE)
      .where('document_id', documentId)
      .update({ status: 'sent', sent_at: at, attempts, envelope: null, locked_until: null, last_error: null, updated_at: at });
    if (marked === 0 && !process.env.SMTP_HOST) await removeMailFile(strapi, documentId);
    return marked > 0;
  }

  /** A failed attempt: retried with backoff, unless the server refused the message or the retry window is over. */
  async function markFailed(message: StoredMessage, attempts: number, error: unknown, at: Date) {
    const failure = classify(error);
    const since = message.firstFailedAt ? new Date(message.firstFailedAt) : at;
    const verdict = !failure.permanent && at.getTime() - since.getTime() >= RETRY_WINDOW_MS ? windowClosed(failure) : failure;
    // An outage fails every message about once an hour for days: its first failure and the verdict are warnings, the rest detail.
    strapi.log[attempts === 1 || verdict.permanent ? 'warn' : 'debug'](
      `outbox: ${message.kind} ${message.documentId} attempt ${attempts} failed (${failure.reason})${verdict.permanent ? '; marked failed' : ''}`,
    );
    await strapi.db
      .connection(TABLE)
      .where('document_id', message.documentId)
      .update({
        status: verdict.permanent ? 'failed' : 'pending',
        attempts,
        last_error: verdict.reason,
        first_failed_at: since,
        failed_at: verdict.permanent ? at : null,
        next_attempt_at: addMinutes(at, backoffMinutes(attempts)),
        locked_until: null,
        updated_at: privacyGuard(strapi).service('clock').now(),
      });
  }

  async function handle(documentId: string, at: Date): Promise<keyof DrainResult> {
    const message = await documents(strapi).findOne({ documentId });
    if (!message?.envelope) return 'skipped';
    const attempts = (message.attempts ?? 0) + 1;
    if (!(await stillWanted(strapi, message.kind, message.relatedDocumentId, message.subjectId))) {
      await documents(strapi).update({ documentId, data: { status: 'skipped', envelope: null, lockedUntil: null } });
      return 'skipped';
    }
    try {
      await deliver(JSON.parse(message.envelope) as OutgoingMail, documentId);
    } catch (error) {
      await markFailed(message, attempts, error, at);
      return 'failed';
    }
    return (await markSent(documentId, attempts)) ? 'sent' : 'skipped';
  }

  async function drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, failed: 0, skipped: 0 };
    for (;;) {
      const at = privacyGuard(strapi).service('clock').now();
      const claimed = await claim(at);
      for (const documentId of claimed) result[await handle(documentId, at)]++;
      if (claimed.length < BATCH) return result;
    }
  }

  /** The row of a mail as `enqueue` stores it. */
  const rowOf = (mail: OutgoingMail) => {
    const { kind, to, locale, subjectId, dedupeKey, relatedDocumentId, notBefore, ...content } = mail;
    return {
      kind,
      locale,
      subjectId: subjectId ?? null,
      dedupeKey: dedupeKey ?? null,
      relatedDocumentId: relatedDocumentId ?? null,
      envelope: JSON.stringify({ kind, to, locale, ...content }),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: notBefore ?? privacyGuard(strapi).service('clock').now(),
    };
  };

  return {
    /**
     * The outbox row of a mail with its envelope encrypted, built before the caller's
     * transaction so that the transaction only has to `write` it.
     */
    prepare(mail: OutgoingMail): PreparedMail {
      return privacyGuard(strapi).service('records').prepare(UID, rowOf(mail));
    },

    /**
     * Writes prepared mails in one insert; inside `strapi.db.transaction` they commit or roll
     * back with the change. The dedupe key's unique index refuses a mail queued twice.
     */
    async write(mails: PreparedMail[]) {
      await privacyGuard(strapi).service('records').write(mails);
    },

    /** Writes a mail to the outbox; inside `strapi.db.transaction` it commits or rolls back with the change. */
    async enqueue(mail: OutgoingMail): Promise<string> {
      const created = await documents(strapi).create({ data: rowOf(mail) });
      return created.documentId;
    },

    /** Skips the pending mails of a kind about a document (a reminder of a cancelled or moved reservation). */
    async withdraw(kind: string, relatedDocumentId: string) {
      const pending = await documents(strapi).findMany({ filters: { kind, relatedDocumentId, status: 'pending' }, fields: ['documentId'] });
      for (const { documentId } of pending) {
        await documents(strapi).update({ documentId, data: { status: 'skipped', envelope: null } });
      }
    },

    /** Sends everything due now; concurrent calls in one process share a run. */
    drain(): Promise<DrainResult> {
      running ??= drainOnce().finally(() => {
        running = null;
      });
      return running;
    },

    start(intervalMs = Number(process.env.OUTBOX_POLL_MS ?? 5000)) {
      if (timer) return;
      const tick = () => {
        this.drain()
          .catch((error: unknown) => strapi.log.error(`outbox: drain failed (${classify(error).reason})`))
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs).unref();
          });
      };
      timer = setTimeout(tick, intervalMs).unref();
    },

    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
};
