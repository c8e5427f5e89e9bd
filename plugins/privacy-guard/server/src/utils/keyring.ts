import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * The keys of the plugin, read from the environment once:
 * `PRIVACY_DATA_KEYS="id:base64key[,id2:base64key2]"` (AES-256; the first one encrypts, all
 * decrypt) and `PRIVACY_INDEX_KEY` (HMAC for lookups and pseudonymous subject ids).
 */
export interface Keyring {
  primaryId: string;
  dataKeys: Map<string, Buffer>;
  indexKey: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** `enc1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`: the key id sits beside every value. */
const ENVELOPE = /^enc1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]{38,})$/;
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
  const [primaryId] = dataKeys.keys();
  return { primaryId, dataKeys, indexKey };
}

export const isEnvelope = (value: unknown): value is string => typeof value === 'string' && ENVELOPE.test(value);

/** The key id an envelope was written under, or null for anything else. */
export const keyIdOf = (value: unknown): string | null => (isEnvelope(value) ? (ENVELOPE.exec(value) as RegExpExecArray)[1] : null);

export function seal(keyring: Keyring, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.dataKeys.get(keyring.primaryId) as Buffer, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `enc1:${keyring.primaryId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** Opens an envelope; throws (without the value) when its key is unknown or it was tampered with. */
export function open(keyring: Keyring, envelope: string): string {
  const match = ENVELOPE.exec(envelope);
  if (!match) throw new Error('privacy-guard: not an encrypted value');
  const key = keyring.dataKeys.get(match[1]);
  if (!key) throw new Error(`privacy-guard: no data key "${match[1]}" in PRIVACY_DATA_KEYS`);
  const raw = Buffer.from(match[2], 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`privacy-guard: a value under key "${match[1]}" failed authentication`);
  }
}

export const hmac = (keyring: Keyring, message: string): string =>
  createHmac('sha256', keyring.indexKey).update(message, 'utf8').digest('hex');
