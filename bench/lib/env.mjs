// Throwaway secrets and a fresh database for one benchmark run: the bench never reads the developer's .env.
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const b64 = (n) => crypto.randomBytes(n).toString('base64');

/** Secrets, quiet logs, no cron and no outbox worker (the bench drives the work it measures). */
export function secrets() {
  return {
    STRAPI_TELEMETRY_DISABLED: 'true',
    APP_KEYS: `${b64(16)},${b64(16)}`,
    API_TOKEN_SALT: b64(16),
    ADMIN_JWT_SECRET: b64(32),
    TRANSFER_TOKEN_SALT: b64(16),
    JWT_SECRET: b64(32),
    ENCRYPTION_KEY: b64(32),
    PRIVACY_DATA_KEYS: `bench:${b64(32)}`,
    PRIVACY_INDEX_KEY: b64(32),
    CRON_ENABLED: 'false',
    OUTBOX_WORKER: 'false',
    LOG_LEVEL: 'error',
    SERVE_ADMIN_PANEL: 'false',
    RATE_LIMIT_PER_MINUTE: '10000000',
  };
}

/** A SQLite file in the OS temp folder, with the names of its -wal and -shm companions. */
export function tempSqlite(tag) {
  const file = path.join(os.tmpdir(), `clinic-bench-${tag}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);
  return { file, files: ['', '-wal', '-shm', '-journal'].map((s) => file + s) };
}

export const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
