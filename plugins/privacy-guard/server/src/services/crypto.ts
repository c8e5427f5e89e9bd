import { hmac, isEnvelope, keyIdOf, open, parseKeyring, seal, type Keyring } from '../utils/keyring';
import { normalise, normaliseEmail, type LookupKind } from '../utils/normalise';

/**
 * AES-256-GCM envelopes for personal fields, keyed hashes for lookups by email or phone, and
 * pseudonymous subject ids. Keys come from the environment (see utils/keyring.ts); the plugin
 * refuses to start without them.
 */
export default () => {
  let keyring: Keyring | null = null;
  const keys = (): Keyring => (keyring ??= parseKeyring());

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
    decrypt(envelope: string | null | undefined): string | null {
      if (envelope === null || envelope === undefined) return null;
      return isEnvelope(envelope) ? open(keys(), envelope) : envelope;
    },

    /** Whether a value is already an envelope that one of our keys opens. */
    isSealed(value: unknown): boolean {
      if (!isEnvelope(value)) return false;
      try {
        open(keys(), value);
        return true;
      } catch {
        return false;
      }
    },

    /** Whether a stored value is plaintext or under a key other than the one that encrypts now. */
    needsRotation(value: unknown): boolean {
      if (value === null || value === undefined) return false;
      return keyIdOf(value) !== keys().primaryId;
    },

    primaryKeyId: (): string => keys().primaryId,

    /** HMAC-SHA256 of a normalised email or phone: how records are found without plaintext. */
    lookupHash(kind: LookupKind, value: string | null | undefined): string | null {
      if (value === null || value === undefined || String(value).trim() === '') return null;
      return hmac(keys(), `${kind}:${normalise(kind, String(value))}`);
    },

    /** The pseudonymous id the ledger knows a person by: the same for every spelling of one email. */
    subjectIdFor(email: string): string {
      return `sub_${hmac(keys(), `subject:${normaliseEmail(email)}`).slice(0, 32)}`;
    },
  };
};
