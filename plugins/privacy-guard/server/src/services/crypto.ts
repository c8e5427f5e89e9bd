import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { fieldBinding, hmac, isEnvelope, isUnbound, keyIdOf, open, parseKeyring, seal, type Keyring } from '../utils/keyring';
import { normalise, normaliseEmail, type LookupKind } from '../utils/normalise';
import { declarations } from '../declarations';

/**
 * AES-256-GCM envelopes for personal fields, keyed hashes for lookups by email or phone, and
 * pseudonymous subject ids. Keys come from the environment (see utils/keyring.ts); the plugin
 * refuses to start without them.
 *
 * A personal field is sealed for its place (content type, field, document): a ciphertext copied
 * into another field or row does not open there. Input is always sealed as given, so a value that
 * merely looks like a ciphertext is stored, and read back, as the text it is.
 */
export default ({ strapi }: { strapi?: Core.Strapi } = {}) => {
  let keyring: Keyring | null = null;
  const keys = (): Keyring => (keyring ??= parseKeyring());

  const isSealed = (value: unknown): boolean => {
    if (!isEnvelope(value) || !isUnbound(value)) return false;
    try {
      open(keys(), value);
      return true;
    } catch {
      return false;
    }
  };
  const lookupHash = (kind: LookupKind, value: string | null | undefined): string | null => {
    if (value === null || value === undefined || String(value).trim() === '') return null;
    return hmac(keys(), `${kind}:${normalise(kind, String(value))}`);
  };

  /**
   * A stored personal value, opened for the place it was read from. One that does not open there
   * (moved from another field or row, altered, or under a key no longer configured) is withheld as
   * null, and the failure is logged without the value.
   *
   * A value of the first format (`enc1`) is bound to no place, so it would open wherever a
   * database writer pasted it (from a backup of before the migration, say). It is withheld the
   * same way, unless `firstFormat` says the caller is the rewrite of a database not yet migrated
   * (keys.ts), the only place such a value can still be genuine.
   */
  function openField(
    uid: string,
    field: string,
    documentId: string | null | undefined,
    stored: unknown,
    { firstFormat = false }: { firstFormat?: boolean } = {},
  ): string | null {
    if (stored === null || stored === undefined) return null;
    if (!isEnvelope(stored)) return String(stored);
    try {
      if (isUnbound(stored)) {
        if (!firstFormat) throw new Error('privacy-guard: a value of the first format in a migrated database');
        return open(keys(), stored);
      }
      return open(keys(), stored, fieldBinding(uid, field, String(documentId ?? '')));
    } catch {
      strapi?.log.warn(
        `privacy-guard: a stored value of ${uid}.${field} did not open for its place (moved, altered, under an unknown key or of the unbound first format); it is withheld`,
      );
      return null;
    }
  }

  const sealField = (uid: string, field: string, documentId: string, plain: string): string => seal(keys(), plain, fieldBinding(uid, field, documentId));

  return {
    /** Reads and checks the keys now, so a missing or malformed key stops the boot. */
    load(env: NodeJS.ProcessEnv = process.env) {
      keyring = parseKeyring(env);
      return { primaryKeyId: keyring.primaryId, keyIds: [...keyring.dataKeys.keys()] };
    },

    /** Seals a value that belongs to no row (a token): an unbound envelope. */
    encrypt(plain: string | null | undefined): string | null {
      if (plain === null || plain === undefined) return null;
      return seal(keys(), String(plain));
    },

    /**
     * Opens an unbound envelope (a token). A value that is not one passes through unchanged; a
     * bound one throws: personal fields are opened with `openField`, for their place.
     */
    decrypt(envelope: string | null | undefined): string | null {
      if (envelope === null || envelope === undefined) return null;
      return isEnvelope(envelope) ? open(keys(), envelope) : envelope;
    },

    /** Whether a value is an unbound envelope that one of our keys opens (a token we issued). */
    isSealed,

    openField,

    sealField,

    /** Whether a stored value is plaintext, of the unbound first format, or under a key other than the one that encrypts now. */
    needsRotation(value: unknown): boolean {
      if (value === null || value === undefined || value === '') return false;
      return keyIdOf(value) !== keys().primaryId || isUnbound(value);
    },

    primaryKeyId: (): string => keys().primaryId,

    /** HMAC-SHA256 of a normalised email or phone: how records are found without plaintext. */
    lookupHash,

    /**
     * A row's data as it may be stored: the personal fields of `uid` sealed for the document
     * (`documentId`, else the row's own `documentId`) and the keyed-hash lookup columns filled
     * from the plaintext. Every value is sealed as given. The Document Service middleware applies
     * it to every create and update; code that writes such a row through `strapi.db` applies it itself.
     */
    sealFields<T extends Record<string, unknown>>(uid: string, data: T, documentId?: string): T {
      const fields = strapi ? declarations(strapi).of(uid) : undefined;
      if (!fields || fields.encrypted.length === 0) return data;
      const sealed: Record<string, unknown> = { ...data };
      for (const [hashField, source] of Object.entries(fields.lookups) as Array<[string, string]>) {
        if (!(source in data)) continue;
        sealed[hashField] = lookupHash(hashField === 'emailHash' ? 'email' : 'phone', data[source] as string | null);
      }
      const place = documentId ?? (data.documentId as string | undefined);
      for (const field of fields.encrypted) {
        if (!(field in data)) continue;
        const value = data[field];
        if (value === undefined || value === null || value === '') {
          sealed[field] = value === '' ? null : value;
          continue;
        }
        if (!place) throw new Error(`privacy-guard: ${uid}.${field} cannot be sealed without the document it belongs to`);
        sealed[field] = sealField(uid, field, place, typeof value === 'string' ? value : JSON.stringify(value));
      }
      return sealed as T;
    },

    /** HMAC of a hash chain's row digest or anchor, under the chain key (never stored in the database). */
    chainMac(text: string): string {
      return createHmac('sha256', keys().chainKey).update(text, 'utf8').digest('hex');
    },

    /**
     * HMAC-SHA256 under the index key of a short secret bound to what it opens (`purpose` names
     * the kind, `value` holds the record and the secret): a copy of the database alone cannot
     * test guesses offline. Its own prefix keeps it apart from the lookup hashes and subject ids.
     */
    secretHash(purpose: string, value: string): string {
      if (!/^[a-z][a-z-]*$/.test(purpose)) throw new Error('privacy-guard: a secret hash purpose is lower-case words');
      return hmac(keys(), `secret:${purpose}:${value}`);
    },

    /** The pseudonymous id the ledger knows a person by: the same for every spelling of one email. */
    subjectIdFor(email: string): string {
      return `sub_${hmac(keys(), `subject:${normaliseEmail(email)}`).slice(0, 32)}`;
    },
  };
};
