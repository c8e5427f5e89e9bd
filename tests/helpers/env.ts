import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/**
 * Tests never read the developer's .env (jest.config.js points Strapi's dotenv at an empty file)
 * nor read or write `.tmp/`: each run has its own throwaway secrets and anchor file, set whatever
 * the environment holds, and its own mail folder.
 */
const b64 = (bytes: number) => crypto.randomBytes(bytes).toString('base64');
const secrets: Record<string, string> = {
  APP_KEYS: [b64(16), b64(16)].join(','),
  API_TOKEN_SALT: b64(16),
  ADMIN_JWT_SECRET: b64(32),
  TRANSFER_TOKEN_SALT: b64(16),
  JWT_SECRET: b64(32),
  ENCRYPTION_KEY: b64(32),
  PRIVACY_DATA_KEYS: `t1:${b64(32)}`,
  PRIVACY_INDEX_KEY: b64(32),
  // The default is the developer's `.tmp/anchors/`: the tests anchor into a file of their own.
  PRIVACY_ANCHOR_FILE: path.join(
    os.tmpdir(),
    `clinic-cms-anchors-${process.pid}-${crypto.randomBytes(6).toString('hex')}`,
    'chain-anchors.jsonl',
  ),
};
const defaults: Record<string, string> = {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  MAIL_DIR: path.join(os.tmpdir(), `clinic-cms-mail-${process.pid}`),
  CRON_ENABLED: 'false',
  OUTBOX_WORKER: 'false',
  LOG_LEVEL: 'warn',
  // Tests book and ask for one made-up address many times; the mail limits have tests of their own.
  MAIL_PER_RECIPIENT_PER_HOUR: '1000',
};
Object.assign(process.env, secrets);
for (const [key, value] of Object.entries(defaults)) {
  if (!process.env[key]) process.env[key] = value;
}
