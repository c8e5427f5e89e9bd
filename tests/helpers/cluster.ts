import http from 'node:http';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { APP_DIR } from './strapi';

export interface Instance {
  origin: string;
  process: ChildProcess;
  output(): string;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = http.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function waitHealthy(origin: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance exited with ${child.exitCode}:\n${output().slice(-2000)}`);
    try {
      const res = await fetch(`${origin}/_health`);
      if (res.status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`instance at ${origin} not healthy after 90 s:\n${output().slice(-2000)}`);
}

/** One real `strapi start` process (the compiled app) on its own loopback port. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: APP_DIR,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const origin = `http://127.0.0.1:${port}`;
  await waitHealthy(origin, child, () => log);
  return { origin, process: child, output: () => log };
}

export async function stopInstance(instance: Instance) {
  if (instance.process.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.process.once('exit', resolve));
  instance.process.kill('SIGTERM');
  const timeout = setTimeout(() => instance.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}

export interface Balancer {
  origin: string;
  close(): Promise<void>;
}

/** A small round-robin load balancer on loopback, forwarding to the instances in turn. */
export async function startBalancer(upstreams: string[]): Promise<Balancer> {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstreams[next++ % upstreams.length]);
    const proxied = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-for': req.socket.remoteAddress ?? '' }, agent },
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
    );
    proxied.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PROBE = `
const { Client } = require('pg');
const Redis = require('ioredis');
(async () => {
  const pg = new Client({ connectionString: process.env.PROBE_PG });
  try { await pg.connect(); await pg.end(); } catch (e) { console.log('PostgreSQL is not reachable at ' + process.env.PROBE_PG + ' (' + e.message + ')'); return; }
  if (!process.env.PROBE_REDIS) return;
  const redis = new Redis(process.env.PROBE_REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try { await redis.connect(); await redis.ping(); } catch (e) { console.log('Redis is not reachable at ' + process.env.PROBE_REDIS + ' (' + e.message + ')'); } finally { redis.disconnect(); }
})();
`;

/** Why the services a cluster test needs are missing, or null; probed in a child process so a file can decide when it loads. */
export function missingServices(needs: { redis?: string }): string | null {
  const pg = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const out = execFileSync(process.execPath, ['-e', PROBE], {
      cwd: APP_DIR,
      env: { ...process.env, PROBE_PG: pg, PROBE_REDIS: needs.redis ?? '' },
      encoding: 'utf8',
      timeout: 15_000,
    }).trim();
    return out || null;
  } catch (error) {
    return `the service probe failed (${(error as Error).message})`;
  }
}

/**
 * A describe block that needs PostgreSQL (and Redis): in CI a missing service fails the file
 * loudly; on a developer's machine its tests are reported as skipped, with the reason printed.
 */
export function describeWithServices(name: string, needs: { redis?: string }, body: () => void) {
  const missing = missingServices(needs);
  if (missing && process.env.CI) throw new Error(`${name}: ${missing}`);
  if (missing) {
    process.stderr.write(`Skipping "${name}": ${missing}\n`);
    describe.skip(name, body);
  } else describe(name, body);
}
