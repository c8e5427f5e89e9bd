import serverConfig from '../../config/server';

/** What `config/server.ts` makes of the environment (Strapi's `env` helper, given a plain object here). */
function configWith(values: Record<string, string>) {
  const env = Object.assign((key: string, fallback?: unknown) => values[key] ?? fallback, {
    int: (key: string, fallback: number) => (values[key] ? Number(values[key]) : fallback),
    bool: (key: string, fallback: boolean) => (values[key] ? values[key] === 'true' : fallback),
    array: (key: string) => (values[key] ? values[key].split(',') : []),
  });
  return serverConfig({ env } as never);
}

describe('where the server listens', () => {
  it('is this machine only for a demo or development start, so the demo staff and patients are not offered to the network', () => {
    expect(configWith({}).host).toBe('127.0.0.1');
    expect(configWith({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
  });

  it('is every interface in production, where the balancer reaches it, and whatever HOST says when it is set', () => {
    expect(configWith({ NODE_ENV: 'production' }).host).toBe('0.0.0.0');
    expect(configWith({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(configWith({ NODE_ENV: 'production', HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('trusts X-Forwarded-For only for TRUST_PROXY hops, and refuses a value that is not a number of hops', () => {
    expect(configWith({}).proxy).toBeUndefined();
    expect(configWith({ TRUST_PROXY: '2' }).proxy).toEqual({ koa: true, maxIpsCount: 2 });
    expect(() => configWith({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
