import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database on 127.0.0.1:5432, created and dropped by the test. */
async function postgres(): Promise<TestDatabase> {
  const name = `clinic_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE=postgres but PostgreSQL cannot be reached at ${ADMIN_URL}: ${(error as Error).message}`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString(), DATABASE_POOL_MIN: '0', DATABASE_POOL_MAX: '10' },
    async drop() {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A throwaway SQLite file in the OS temp folder, removed with its -wal and -shm. */
function sqlite(): TestDatabase {
  const file = path.join(os.tmpdir(), `clinic-test-${process.pid}-${crypto.randomBytes(6).toString('hex')}.db`);
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
    async drop() {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

export const usesPostgres = () => process.env.TEST_DATABASE === 'postgres';

export const createTestDatabase = (): Promise<TestDatabase> =>
  usesPostgres() ? postgres() : Promise.resolve(sqlite());
