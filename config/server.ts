import type { Core } from '@strapi/strapi';
import cronTasks from './cron-tasks';

/**
 * `TRUST_PROXY=N`: the server sits behind N proxies (balancers) that each append the address they
 * saw to `X-Forwarded-For`; the client address is the one the outermost of them saw (Koa keeps
 * the last N entries, so entries a client writes itself are dropped). Unset or 0: the header is
 * ignored and the client address is the connection's. Strapi 5 reads `server.proxy.koa`.
 */
function proxy(value: string | undefined) {
  if (value === undefined || value.trim() === '' || value.trim() === '0') return undefined;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 1 || hops > 10) {
    throw new Error(`TRUST_PROXY must be the number of proxies in front of the server (1 to 10), not "${value}"`);
  }
  return { koa: true, maxIpsCount: hops };
}

/**
 * Where the server listens: `HOST`; unset, only this machine (`127.0.0.1`) except in production,
 * where the balancer must reach it (`0.0.0.0`). A demo started with `npm start` (demo staff, demo
 * patients) is not offered to the whole network.
 */
const defaultHost = (nodeEnv: string | undefined) => (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', defaultHost(env('NODE_ENV'))),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: proxy(env('TRUST_PROXY')),
  app: {
    keys: env.array('APP_KEYS'),
  },
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
    tasks: cronTasks,
  },
});
