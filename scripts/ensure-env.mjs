#!/usr/bin/env node
// Generates the secrets a first start needs into .env (ignored by git). Existing values are
// kept; nothing secret is ever printed.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, '.env');
const b64 = (bytes) => crypto.randomBytes(bytes).toString('base64');

const SECRETS = {
  APP_KEYS: () => [b64(16), b64(16), b64(16), b64(16)].join(','),
  API_TOKEN_SALT: () => b64(16),
  ADMIN_JWT_SECRET: () => b64(32),
  TRANSFER_TOKEN_SALT: () => b64(16),
  JWT_SECRET: () => b64(32),
  ENCRYPTION_KEY: () => b64(32),
  // privacy-guard: AES-256-GCM data keys as "id:base64key" (the first one encrypts), and the
  // HMAC key for lookups by email/phone and pseudonymous subject ids.
  PRIVACY_DATA_KEYS: () => `k1:${b64(32)}`,
  PRIVACY_INDEX_KEY: () => b64(32),
};

export function ensureEnv() {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const present = new Set(
    existing
      .split('\n')
      .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=/)?.[1])
      .filter(Boolean),
  );
  const missing = Object.keys(SECRETS).filter((key) => !present.has(key) && !process.env[key]);
  if (missing.length === 0) return [];
  const lines = missing.map((key) => `${key}=${SECRETS[key]()}`);
  const prefix = existing && !existing.endsWith('\n') ? '\n' : '';
  const header = existing ? '' : '# Generated on first start by scripts/ensure-env.mjs. Keep it secret; never commit it.\n';
  fs.writeFileSync(file, existing + prefix + header + lines.join('\n') + '\n', { mode: 0o600 });
  return missing;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const added = ensureEnv();
  if (added.length) console.log(`Generated ${added.length} missing secret(s) into .env: ${added.join(', ')}`);
}
