import type { Core } from '@strapi/strapi';

import path from 'node:path';

/**
 * SQLite under `.tmp/` by default; `DATABASE_CLIENT=postgres` with `DATABASE_URL`
 * (or the DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD parts) switches to PostgreSQL.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: env('DATABASE_URL')
          ? { connectionString: env('DATABASE_URL') }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'clinic_cms'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: false } : false,
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
