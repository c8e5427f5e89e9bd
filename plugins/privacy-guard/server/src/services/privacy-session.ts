import type { Core } from '@strapi/strapi';
import { getService, host } from '../utils';
import { fail, refuse } from '../utils/errors';
import type { Locale } from '../utils/locale';
import { VERIFY_PER_ADDRESS } from './limits';
import { verifyMail } from '../utils/verify-mail';
import { boundHash, isSecret, lookupOf, newCode, newSecret, readCode, sameHash, showCode } from '../utils/proof-hash';

export const VERIFICATION = 'plugin::privacy-guard.privacy-verification';
export const SESSION = 'plugin::privacy-guard.privacy-session';
/** A verification mail and a privacy session are each good for 30 minutes. */
const VALID_MS = 30 * 60 * 1000;
/** Wrong codes a verification takes before it is burned. */
const MAX_TRIES = 5;

interface Verification {
  id: number;
  documentId: string;
  subjectId: string;
  linkLookup: string;
  linkHash: string;
  codeHash: string;
  attempts: number;
  locale: string | null;
  expiresAt: string | Date;
  consumedAt: string | Date | null;
}

interface SessionRow {
  id: number;
  subjectId: string;
  sessionHash: string;
  locale: string | null;
  expiresAt: string | Date;
  revokedAt: string | Date | null;
}

export interface PrivacySession {
  subjectId: string;
  locale: Locale;
  expiresAt: Date;
}

/** A session just opened: the secret itself is handed out once, here, and never stored. */
export interface OpenedSession extends PrivacySession {
  session: string;
}

const invalid = () => refuse(422, 'INVALID_CODE', 'This link or code is not valid (wrong, used or expired); ask for a new mail');
const burned = () => refuse(422, 'CODE_BURNED', 'Too many wrong codes: this verification no longer works; ask for a new mail');
const expired = () => refuse(401, 'SESSION_EXPIRED', 'The privacy session has expired or was closed; verify your address again');
const asLocale = (value: string | null | undefined): Locale => (value === 'ko' ? 'ko' : 'en');

/**
 * Proof of control of an address: a mail with a single-use link and code (only their keyed
 * hashes stored, bound to the subject), and the short privacy session that following it opens.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();
  const rows = (uid: string) => strapi.db.query(uid as never);
  const mailer = () => host(strapi).outbox;
  const live = (row: { expiresAt: string | Date }, at: Date) => new Date(row.expiresAt).getTime() > at.getTime();

  /** Verifications and sessions past their time prove nothing any more: they go. */
  async function forgetExpired(at: Date) {
    await rows(VERIFICATION).deleteMany({ where: { expiresAt: { $lt: at } } });
    await rows(SESSION).deleteMany({ where: { expiresAt: { $lt: at } } });
  }

  /** Uses a verification up, once: of two requests racing with one link, one wins. */
  async function consume(row: Verification, at: Date): Promise<OpenedSession> {
    const won = await rows(VERIFICATION).updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: at } });
    if (won.count !== 1) throw invalid();
    return openSession(row.subjectId, asLocale(row.locale), at);
  }

  async function openSession(subjectId: string, locale: Locale, at: Date): Promise<OpenedSession> {
    const secret = newSecret();
    const expiresAt = new Date(at.getTime() + VALID_MS);
    await rows(SESSION).create({ data: { subjectId, lookup: lookupOf('session', secret), sessionHash: boundHash('session', subjectId, secret), locale, expiresAt } });
    return { session: secret, subjectId, locale, expiresAt };
  }

  return {
    /**
     * Mails a link and a code to the address, whether or not anything is held on it: the same
     * reads, writes and mail for every address, so the answer tells nobody whether it is known.
     * Answers the seconds to wait instead when the address has had its 3 mails in 15 minutes.
     */
    async request(email: string, locale: Locale): Promise<{ retryAfterSeconds: number } | null> {
      const subjectId = getService(strapi, 'crypto').subjectIdFor(email);
      const wait = await getService(strapi, 'limits').consume(VERIFY_PER_ADDRESS, subjectId);
      if (wait !== null) return { retryAfterSeconds: wait };
      const at = now();
      const token = newSecret();
      const code = newCode();
      const clinic = await host(strapi).clinic.settings();
      await forgetExpired(at);
      const linkLookup = lookupOf('verify-link', token);
      await strapi.db.transaction(async () => {
        const created = (await rows(VERIFICATION).create({
          data: {
            subjectId,
            linkLookup,
            linkHash: boundHash('verify-link', subjectId, token),
            // The code's hash names its verification too: a code is good for the mail it came in only.
            codeHash: boundHash('verify-code', subjectId, `${linkLookup}:${code}`),
            attempts: 0,
            locale,
            expiresAt: new Date(at.getTime() + VALID_MS),
          },
        })) as Verification;
        await mailer().enqueue(verifyMail({ to: email, locale, clinic: clinic.name, token, code: showCode(code), subjectId, documentId: created.documentId }));
      });
      return null;
    },

    /** The link's token: a session for the verification it belongs to, which it uses up (code included). */
    async openWithToken(token: string): Promise<OpenedSession> {
      const at = now();
      if (!isSecret(token)) throw invalid();
      const row = (await rows(VERIFICATION).findOne({ where: { linkLookup: lookupOf('verify-link', token) } })) as Verification | null;
      if (!row || row.consumedAt || !live(row, at) || !sameHash(row.linkHash, boundHash('verify-link', row.subjectId, token))) throw invalid();
      if (row.attempts >= MAX_TRIES) throw burned();
      return consume(row, at);
    },

    /**
     * The address and the code of its latest mail. Each try is counted before the code is
     * compared (a conditional update), so a burst of guesses gets no more than five.
     */
    async openWithCode(email: string, typed: string): Promise<OpenedSession> {
      const at = now();
      const subjectId = getService(strapi, 'crypto').subjectIdFor(email);
      const [row] = (await rows(VERIFICATION).findMany({
        where: { subjectId, consumedAt: null, expiresAt: { $gt: at } },
        orderBy: [{ id: 'desc' }],
        limit: 1,
      })) as Verification[];
      if (!row) throw invalid();
      if (row.attempts >= MAX_TRIES) throw burned();
      const counted = await rows(VERIFICATION).updateMany({ where: { id: row.id, attempts: row.attempts, consumedAt: null }, data: { attempts: row.attempts + 1 } });
      if (counted.count !== 1) throw invalid();
      const code = readCode(typed);
      if (code && sameHash(row.codeHash, boundHash('verify-code', subjectId, `${row.linkLookup}:${code}`))) {
        return consume(row, at);
      }
      throw row.attempts + 1 >= MAX_TRIES ? burned() : invalid();
    },

    /** The live session behind a header value; `401 SESSION_EXPIRED` for anything else. */
    async check(session: string): Promise<PrivacySession> {
      if (!isSecret(session)) throw expired();
      const row = (await rows(SESSION).findOne({ where: { lookup: lookupOf('session', session) } })) as SessionRow | null;
      if (!row || row.revokedAt || !live(row, now()) || !sameHash(row.sessionHash, boundHash('session', row.subjectId, session))) throw expired();
      return { subjectId: row.subjectId, locale: asLocale(row.locale), expiresAt: new Date(row.expiresAt) };
    },

    /** Closes a session (logging out); closing one that is gone already changes nothing. */
    async revoke(session: string): Promise<void> {
      if (!isSecret(session)) return;
      await rows(SESSION).updateMany({ where: { lookup: lookupOf('session', session), revokedAt: null }, data: { revokedAt: now() } });
    },

    /** After a withdrawal: the subject's sessions and verifications go with the rest. */
    async forgetSubject(subjectId: string): Promise<void> {
      await rows(SESSION).deleteMany({ where: { subjectId } });
      await rows(VERIFICATION).deleteMany({ where: { subjectId } });
    },

    /** `429 RATE_LIMITED` for an address that has had its verification mails. */
    tooMany: (retryAfterSeconds: number) => fail(429, 'RATE_LIMITED', 'Too many verification mails for this address; please wait', { retryAfterSeconds }),
  };
};
