#!/usr/bin/env node
// Generates the secrets a first start needs into .env (ignored by git). Existing values are
// kept; nothing secret is printed, except the demo staff's passwords by `npm start` once.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The file Strapi reads: `ENV_PATH` when the operator points Strapi's dotenv elsewhere, else `.env`.
const file = process.env.ENV_PATH ? path.resolve(process.env.ENV_PATH) : path.join(root, '.env');
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

/** The demo staff's passwords (database/seed/staff.ts): generated, never published; none in production. */
export const DEMO_PASSWORDS = {
  DEMO_EDITOR_PASSWORD: 'editor@demo.dodream.example',
  DEMO_FRONT_DESK_PASSWORD: 'frontdesk@demo.dodream.example',
  DEMO_OFFICER_PASSWORD: 'officer@demo.dodream.example',
};

/** 20 characters from an alphabet without look-alikes, with a lower-case letter, a capital and a digit (Strapi's admin password rule). */
export function demoPassword() {
  const alphabet = '23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  for (;;) {
    const chars = Array.from(crypto.randomBytes(20), (byte) => alphabet[byte % alphabet.length]).join('');
    const password = chars.match(/.{5}/g).join('-');
    if (/[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password)) return password;
  }
}

const generators = () => ({
  ...SECRETS,
  ...(process.env.NODE_ENV === 'production' ? {} : Object.fromEntries(Object.keys(DEMO_PASSWORDS).map((key) => [key, demoPassword]))),
});

export function ensureEnv() {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const present = new Set(
    existing
      .split('\n')
      .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=/)?.[1])
      .filter(Boolean),
  );
  const all = generators();
  const missing = Object.keys(all).filter((key) => !present.has(key) && !process.env[key]);
  // Data keys made just now have sealed nothing yet, so no value of the first envelope format can
  // exist under them: say so outside the database (see the plugin's keys service). Never for keys
  // an install already had, whose database may still hold such values until its start migration.
  if (missing.includes('PRIVACY_DATA_KEYS') && !present.has('PRIVACY_FIRST_FORMAT') && !process.env.PRIVACY_FIRST_FORMAT) {
    all.PRIVACY_FIRST_FORMAT = () => 'retired';
    missing.push('PRIVACY_FIRST_FORMAT');
  }
  if (missing.length === 0) return [];
  const values = Object.fromEntries(missing.map((key) => [key, all[key]()]));
  const lines = missing.map((key) => `${key}=${values[key]}`);
  const prefix = existing && !existing.endsWith('\n') ? '\n' : '';
  const header = existing ? '' : '# Generated on first start by scripts/ensure-env.mjs. Keep it secret; never commit it.\n';
  fs.writeFileSync(file, existing + prefix + header + lines.join('\n') + '\n', { mode: 0o600 });
  return missing;
}

/** The demo staff generated just now, to be shown once: `[{ email, password, variable }]`. */
export function demoStaffGenerated(added) {
  if (!added.some((key) => key in DEMO_PASSWORDS)) return [];
  const values = readEnv();
  return Object.entries(DEMO_PASSWORDS)
    .filter(([key]) => added.includes(key))
    .map(([variable, email]) => ({ variable, email, password: values[variable] }));
}

/** The variables of the env file Strapi reads (`ENV_PATH` or `.env`); none when it does not exist yet. */
export function readEnv() {
  if (!fs.existsSync(file)) return {};
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)$/))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const added = ensureEnv();
  if (added.length) console.log(`Generated ${added.length} missing secret(s) into .env: ${added.join(', ')}`);
  for (const { email, variable } of demoStaffGenerated(added)) console.log(`  demo staff ${email}: its password is ${variable} in .env`);
}
