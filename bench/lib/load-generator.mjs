// autocannon with every response time kept, so that the median and the 95th percentile are exact.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/**
 * Runs one load and answers { requests, ok, failed, median, p95 (ms), perSecond (2xx per second) }.
 * `body` makes each request's body (a function of its number) for writes that must differ.
 */
export function load({ url, path, method = 'GET', connections, duration, amount, body, headers = {} }) {
  const times = [];
  let ok = 0;
  let failed = 0;
  let n = 0;
  const request = { method, path, headers: { 'content-type': 'application/json', ...headers } };
  if (body) request.setupRequest = (req) => ({ ...req, body: JSON.stringify(body(n++)) });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const options = { url, connections, requests: [request], timeout: 30, ...(amount ? { amount } : { duration }) };
    const instance = autocannon(options, (error) => {
      if (error) return reject(error);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      times.sort((a, b) => a - b);
      resolve({ requests: times.length, ok, failed, median: percentile(times, 50), p95: percentile(times, 95), perSecond: ok / seconds });
    });
    instance.on('response', (_client, status, _bytes, time) => {
      times.push(time);
      if (status >= 200 && status < 300) ok += 1;
      else failed += 1;
    });
  });
}
