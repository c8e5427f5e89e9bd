import { env } from '@strapi/utils';
import database from '../../config/database';
import plugins from '../../config/plugins';

/** What the operator's environment makes of the connections that carry personal data. */
function withEnv<T>(vars: Record<string, string>, read: () => T): T {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return read();
  } finally {
    for (const key of Object.keys(vars)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

type Pg = { connection: { connection: { ssl?: unknown } } };
type Mail = { email: { config: { providerOptions: { requireTLS?: boolean; tls?: { rejectUnauthorized?: boolean } } } } };

describe('PostgreSQL over TLS', () => {
  const pg = (vars: Record<string, string>) => withEnv({ DATABASE_CLIENT: 'postgres', DATABASE_URL: 'postgres://db.example.test/clinic', ...vars }, () => (database({ env } as never) as Pg).connection.connection.ssl);

  it('verifies the server’s certificate unless the operator says otherwise', () => {
    expect(pg({ DATABASE_SSL: 'true' })).toEqual({ rejectUnauthorized: true });
    expect(pg({ DATABASE_SSL: 'true', DATABASE_SSL_REJECT_UNAUTHORIZED: 'false' })).toEqual({ rejectUnauthorized: false });
    expect(pg({})).toBeUndefined();
  });
});

describe('SMTP over TLS', () => {
  const smtp = (vars: Record<string, string>) => withEnv({ SMTP_HOST: 'smtp.example.test', ...vars }, () => (plugins({ env } as never) as Mail).email.config.providerOptions);

  it('requires STARTTLS in production and verifies the certificate', () => {
    expect(smtp({ NODE_ENV: 'production' })).toMatchObject({ requireTLS: true, tls: { rejectUnauthorized: true } });
    expect(smtp({ NODE_ENV: 'production', SMTP_REQUIRE_TLS: 'false' }).requireTLS).toBe(false);
    expect(smtp({ NODE_ENV: 'development', SMTP_REQUIRE_TLS: 'true' }).requireTLS).toBe(true);
  });
});
