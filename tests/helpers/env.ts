import crypto from 'node:crypto';

/** Tests never read the developer's .env: each run has its own throwaway secrets. */
const b64 = (bytes: number) => crypto.randomBytes(bytes).toString('base64');
const defaults: Record<string, string> = {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  APP_KEYS: [b64(16), b64(16)].join(','),
  API_TOKEN_SALT: b64(16),
  ADMIN_JWT_SECRET: b64(32),
  TRANSFER_TOKEN_SALT: b64(16),
  JWT_SECRET: b64(32),
  ENCRYPTION_KEY: b64(32),
  PRIVACY_DATA_KEYS: `t1:${b64(32)}`,
  PRIVACY_INDEX_KEY: b64(32),
  CRON_ENABLED: 'false',
  OUTBOX_WORKER: 'false',
  LOG_LEVEL: 'warn',
  // Tests book and ask for one made-up address many times; the mail limits have tests of their own.
  MAIL_PER_RECIPIENT_PER_HOUR: '1000',
};
for (const [key, value] of Object.entries(defaults)) {
  if (!process.env[key]) process.env[key] = value;
}
