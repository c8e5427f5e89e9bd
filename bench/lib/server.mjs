// A real `strapi start` process on a loopback port, timed from spawn to a healthy `/_health`.
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT } from './env.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const server = http.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export async function startServer(appDir, env) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: appDir,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strapi start in ${appDir} exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) throw new Error(`strapi start in ${appDir} not healthy after 180 s:\n${log}`);
    const healthy = await fetch(`${origin}/_health`).then((r) => r.status === 204, () => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const startSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    origin,
    startSeconds,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
