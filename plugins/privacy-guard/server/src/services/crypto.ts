import { hmac, isEnvelope, keyIdOf, open, parseKeyring, seal, type Keyring } from '../utils/keyring';
import { normalise, normaliseEmail, type LookupKind } from '../utils/normalise';
import { personalFieldsOf } from '../utils/personal-fields';

/**
 * AES-256-GCM envelopes for personal fields, keyed hashes for lookups by email or phone, and
 * pseudonymous subject ids. Keys come from the environment (see utils/keyring.ts); the plugin
 * refuses to start without them.
 */
export default () => {
  let keyring: Keyring | null = null;
  const keys = (): Keyring => (keyring ??= parseKeyring());

  const isSealed = (value: unknown): boolean => {
    if (!isEnvelope(value)) return false;
    try {
      open(keys(), value);
      return true;
    } catch {
      return false;
    }
  };
  const decrypt = (envelope: string | null | undefined): string | null => {
    if (envelope === null || envelope === undefined) return null;
    return isEnvelope(envelope) ? open(keys(), envelope) : envelope;
  };
  const lookupHash = (kind: LookupKind, value: string | null | undefined): string | null => {
    if (value === null || value === undefined || String(value).trim() === '') return null;
    return hmac(keys(), `${kind}:${normalise(kind, String(value))}`);
  };

  return {
    /** Reads and checks the keys now, so a missing or malformed key stops the boot. */
    load(env: NodeJS.ProcessEnv = process.env) {
      keyring = parseKeyring(env);
      return { primaryKeyId: keyring.primaryId, keyIds: [...keyring.dataKeys.keys()] };
    },

    encrypt(plain: string | null | undefined): string | null {
      if (plain === null || plain === undefined) return null;
      return seal(keys(), String(plain));
    },

    /**
     * Opens an envelope. A value that is not one (written before encryption was on, or by a
     * test) passes through unchanged; `keys:rotate` encrypts such values.
     */
    decrypt,

    /** Whether a value is already an envelope that one of our keys opens. */
    isSealed,

    /** Whether a stored value is plaintext or under a key other than the one that encrypts now. */
    needsRotation(value: unknown): boolean {
      if (value === null || value === undefined) return false;
      return keyIdOf(value) !== keys().primaryId;
    },

    primaryKeyId: (): string => keys().primaryId,

    /** HMAC-SHA256 of a normalised email or phone: how records are found without plaintext. */
    lookupHash,

    /**
     * A row's data as it may be stored: the personal fields of `uid` encrypted (values already
     * sealed are kept) and the keyed-hash lookup columns filled from the plaintext. The
     * Document Service middleware applies it to every create and update; code that writes
     * such a row through `strapi.db` applies it itself.
     */
    sealFields<T extends Record<string, unknown>>(uid: string, data: T): T {
      const fields = personalFieldsOf(uid);
      if (!fields) return data;
      const sealed: Record<string, unknown> = { ...data };
      for (const [hashField, source] of Object.entries(fields.lookups)) {
        if (!(source in data)) continue;
        const value = data[source];
        const plain = typeof value === 'string' && isSealed(value) ? decrypt(value) : (value as string | null);
        sealed[hashField] = lookupHash(hashField === 'emailHash' ? 'email' : 'phone', plain);
      }
      for (const field of fields.encrypted) {
        if (!(field in data)) continue;
        const value = data[field];
        if (value === undefined || value === null || value === '') sealed[field] = value === '' ? null : value;
        else if (!isSealed(value)) sealed[field] = seal(keys(), typeof value === 'string' ? value : JSON.stringify(value));
      }
      return sealed as T;
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
