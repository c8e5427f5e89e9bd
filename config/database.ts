import type { Core } from '@strapi/strapi';

import fs from 'node:fs';
import path from 'node:path';

/**
 * SQLite under `.tmp/` by default; `DATABASE_CLIENT=postgres` with `DATABASE_URL`
 * (or the DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD parts) switches to PostgreSQL.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    // TLS verifies the server's certificate (against DATABASE_SSL_CA when set, else the system's
    // roots) unless the operator says otherwise with DATABASE_SSL_REJECT_UNAUTHORIZED=false.
    const ca = env('DATABASE_SSL_CA', '');
    const ssl = env.bool('DATABASE_SSL', false)
      ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true), ...(ca ? { ca: fs.readFileSync(ca, 'utf8') } : {}) }
      : false;
    return {
      connection: {
        client: 'postgres',
        connection: env('DATABASE_URL')
          ? { connectionString: env('DATABASE_URL'), ...(ssl ? { ssl } : {}) }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'clinic_cms'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl,
            },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}"`);
  }

  const filename = env('DATABASE_FILENAME', path.join('.tmp', 'data.db'));
  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.isAbsolute(filename) ? filename : path.join(process.cwd(), filename),
      },
      useNullAsDefault: true,
    },
  };
};
