import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The keys of the plugin, read from the environment once:
 * `PRIVACY_DATA_KEYS="id:base64key[,id2:base64key2]"` (AES-256; the first one encrypts, all
 * decrypt), `PRIVACY_INDEX_KEY` (HMAC for lookups and pseudonymous subject ids) and, optionally,
 * `PRIVACY_CHAIN_KEY` (HMAC of the hash chains and their anchors; derived from the index key when
 * unset). None of them is ever stored in the database.
 */
export interface Keyring {
  primaryId: string;
  dataKeys: Map<string, Buffer>;
  indexKey: Buffer;
  chainKey: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/**
 * `enc2:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`: the key id sits beside every value, and the
 * value is bound (AES-GCM additional data) to where it belongs, so it opens nowhere else.
 * `enc1` is the unbound format: tokens that belong to no row, and personal fields written before
 * the binding, which open only while the start migration seals them again (services/keys.ts).
 */
const ENVELOPE = /^enc([12]):([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]{38,})$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class KeyConfigError extends Error {}

export function parseKeyring(env: NodeJS.ProcessEnv = process.env): Keyring {
  const dataSpec = (env.PRIVACY_DATA_KEYS ?? '').trim();
  const indexSpec = (env.PRIVACY_INDEX_KEY ?? '').trim();
  if (!dataSpec || !indexSpec) {
    throw new KeyConfigError(
      'privacy-guard: PRIVACY_DATA_KEYS and PRIVACY_INDEX_KEY must be set (run `node scripts/ensure-env.mjs` to generate them for development)',
    );
  }
  const dataKeys = new Map<string, Buffer>();
  for (const part of dataSpec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    const id = part.slice(0, colon);
    const key = Buffer.from(part.slice(colon + 1), 'base64');
    if (colon < 1 || !KEY_ID.test(id)) throw new KeyConfigError('privacy-guard: PRIVACY_DATA_KEYS entries must be "id:base64key" with a short id');
    if (key.length !== 32) throw new KeyConfigError(`privacy-guard: data key "${id}" must be 32 bytes (base64)`);
    if (dataKeys.has(id)) throw new KeyConfigError(`privacy-guard: data key id "${id}" appears twice`);
    dataKeys.set(id, key);
  }
  const indexKey = Buffer.from(indexSpec, 'base64');
  if (indexKey.length < 32) throw new KeyConfigError('privacy-guard: PRIVACY_INDEX_KEY must be at least 32 bytes (base64)');
  const chainSpec = (env.PRIVACY_CHAIN_KEY ?? '').trim();
  const chainKey = chainSpec ? Buffer.from(chainSpec, 'base64') : Buffer.from(hkdfSync('sha256', indexKey, Buffer.alloc(0), 'privacy-guard/hash-chains', 32));
  if (chainKey.length < 32) throw new KeyConfigError('privacy-guard: PRIVACY_CHAIN_KEY must be at least 32 bytes (base64)');
  const [primaryId] = dataKeys.keys();
  return { primaryId, dataKeys, indexKey, chainKey };
}

export const isEnvelope = (value: unknown): value is string => typeof value === 'string' && ENVELOPE.test(value);

/** The key id an envelope was written under, or null for anything else. */
export const keyIdOf = (value: unknown): string | null => (isEnvelope(value) ? (ENVELOPE.exec(value) as RegExpExecArray)[2] : null);

/** Whether an envelope is of the first format, bound to no place. */
export const isUnbound = (value: unknown): boolean => isEnvelope(value) && value.startsWith('enc1:');

/**
 * Seals a value under the first key. With `bindTo` (the place the value belongs: see `fieldBinding`)
 * it is an `enc2` envelope that opens only with the same binding; without, an unbound `enc1` one
 * (tokens that belong to no row).
 */
export function seal(keyring: Keyring, plain: string, bindTo?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.dataKeys.get(keyring.primaryId) as Buffer, iv);
  if (bindTo !== undefined) cipher.setAAD(Buffer.from(bindTo, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `enc${bindTo === undefined ? 1 : 2}:${keyring.primaryId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/**
 * Opens an envelope; throws (without the value) when its key is unknown, it was tampered with, or
 * (`enc2`) it was sealed for another place than `bindTo`.
 */
export function open(keyring: Keyring, envelope: string, bindTo?: string): string {
  const match = ENVELOPE.exec(envelope);
  if (!match) throw new Error('privacy-guard: not an encrypted value');
  const [, version, keyId, body] = match;
  const key = keyring.dataKeys.get(keyId);
  if (!key) throw new Error(`privacy-guard: no data key "${keyId}" in PRIVACY_DATA_KEYS`);
  if (version === '2' && bindTo === undefined) throw new Error('privacy-guard: a bound value was opened without its place');
  const raw = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  if (version === '2') decipher.setAAD(Buffer.from(bindTo as string, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`privacy-guard: a value under key "${keyId}" failed authentication`);
  }
}

/** The place a personal value belongs to: its content type, field and document. */
export const fieldBinding = (uid: string, field: string, documentId: string): string => `${uid}\u0000${field}\u0000${documentId}`;

export const hmac = (keyring: Keyring, message: string): string =>
  createHmac('sha256', keyring.indexKey).update(message, 'utf8').digest('hex');
