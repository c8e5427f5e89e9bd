import Redis from 'ioredis';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { describeWithServices, startInstance, stopInstance, type Instance } from '../helpers/cluster';
import { startSmtp, smtpEnv, type TestSmtp } from '../helpers/smtp';
import { patient, requiredConsents } from '../helpers/booking';

/**
 * Work that must happen once across instances, on two real `strapi start` processes sharing one
 * fresh PostgreSQL database and one Redis: the retention sweep (cron every second on both), the
 * mail outbox (a worker polling on both) and the public rate limit (counted in Redis).
 * Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379: in CI a missing service fails
 * the run; on a developer's machine the file is skipped with a reason.
 */
process.env.TEST_DATABASE = 'postgres';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 12;
/** This run's own keys in the shared Redis: counts left by an earlier run (mail per client lasts an hour) cannot spend this one's. */
const REDIS_PREFIX = `clinic-test-${process.pid}-${Date.now().toString(36)}`;
const EXPIRED = 1100; // more than two sweep batches

let database: TestDatabase;
let instances: Instance[] = [];
let smtp: TestSmtp;
let pg: Client;
let redis: Redis;

const json = async (origin: string, path: string, init?: RequestInit) => {
  const res = await fetch(origin + path, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  return { status: res.status, body: await res.json().catch(() => null) };
};

/** Polls (bounded) until `check` answers true; the work observed runs on timers in other processes. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`still waiting for ${what} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeWithServices('scheduled work on two instances', { redis: REDIS_URL }, () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    database = await createTestDatabase();
    redis = new Redis(REDIS_URL);
    const env = {
      ...database.env,
      ...smtpEnv(smtp),
      SERVE_ADMIN_PANEL: 'false',
      REDIS_URL,
      REDIS_PREFIX,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      OUTBOX_WORKER: 'true',
      OUTBOX_POLL_MS: '100',
      CRON_ENABLED: 'true',
      RETENTION_SWEEP_CRON: '* * * * * *',
      PRIVACY_NOTICES_CRON: '0 0 0 1 1 *',
    };
    instances.push(await startInstance(env));
    instances.push(await startInstance({ ...env, SEED_DEMO_DATA: 'false' }));
    pg = new Client({ connectionString: database.env.DATABASE_URL });
    await pg.connect();
    await clearRateLimit();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    const keys = (await redis?.keys(`${REDIS_PREFIX}-*`)) ?? [];
    if (keys.length) await redis.del(...keys);
    await pg?.end();
    redis?.disconnect();
    await smtp?.stop();
    await database?.drop();
  });

  /** A fresh minute for the loopback address in this run's keys. */
  async function clearRateLimit() {
    const keys = (await redis.keys(`${REDIS_PREFIX}-write:*`)).filter((key) => key.includes('127.0.0.1'));
    if (keys.length) await redis.del(...keys);
  }

  it('the outbox, polled by both instances, sends each mail exactly once', async () => {
    const services = (await json(instances[0].origin, '/api/booking/services')).body.data as Array<{ id: string }>;
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const slots = (await json(instances[0].origin, `/api/booking/slots?service=${services[0].id}&from=${from}&to=${to}`)).body.data
      .slots as Array<{
      start: string;
      end: string;
      practitionerId: string;
    }>;
    // Slots that cannot overlap: one per practitioner and day.
    const picked = slots
      .filter(
        (s, i) => slots.findIndex((o) => o.practitionerId === s.practitionerId && o.start.slice(0, 10) === s.start.slice(0, 10)) === i,
      )
      .slice(0, 8);
    const created = await Promise.all(
      picked.map((slot, i) =>
        json(instances[i % 2].origin, '/api/booking/reservations', {
          method: 'POST',
          body: JSON.stringify({
            service: services[0].id,
            practitioner: slot.practitionerId,
            start: slot.start,
            patient: patient(700 + i),
            consents: requiredConsents,
            locale: 'en',
          }),
        }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(picked.map(() => 201));

    const due = async () =>
      (await pg.query(`select document_id, status from outbox_messages where next_attempt_at <= now()`)).rows as Array<{
        document_id: string;
        status: string;
      }>;
    await eventually(async () => {
      const rows = await due();
      return rows.length >= picked.length && rows.every((r) => r.status !== 'pending');
    }, 'the outbox to send the confirmations');
    const rows = await due();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    // Both workers keep polling: let a few more rounds pass on each before counting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(ids).toHaveLength(rows.length);
    expect(new Set(ids).size).toBe(rows.length);
    expect(new Set(ids.map((id) => /^<([^.]+)\.outbox@/.exec(id ?? '')?.[1]))).toEqual(new Set(rows.map((r) => r.document_id)));
  });

  it('the retention sweep, run every second by both instances, destroys each record once', async () => {
    const practitioner = (await pg.query('select document_id from practitioners limit 1')).rows[0].document_id as string;
    const serviceId = (await pg.query('select id from services limit 1')).rows[0].id as number;
    const at = new Date(Date.now() - 40 * 86_400_000);
    await pg.query('begin');
    for (let i = 0; i < EXPIRED; i += 100) {
      const n = Math.min(100, EXPIRED - i);
      const values = Array.from(
        { length: n },
        (_, k) => `('cluster-${i + k}', 'R-CLUSTER-${i + k}', 'cancelled', $1, $1, $1, 'sub_cluster_${i + k}', $1, $1, $1)`,
      );
      const { rows } = await pg.query(
        `insert into reservations (document_id, reference, state, starts_at, ends_at, cancelled_at, subject_id, created_at, updated_at, published_at) values ${values.join(', ')} returning id, document_id`,
        [at],
      );
      await pg.query(`insert into reservations_service_lnk (reservation_id, service_id) select unnest($1::int[]), $2`, [
        rows.map((r) => r.id),
        serviceId,
      ]);
      await pg.query(
        `insert into booking_slot_cells (practitioner_document_id, cell, reservation_document_id) select $1, 1000000 + n, 'cluster-' || n from generate_series($2::int, $3::int) as n`,
        [practitioner, i, i + n - 1],
      );
    }
    await pg.query('commit');

    const left = async () =>
      Number((await pg.query(`select count(*) as n from reservations where document_id like 'cluster-%'`)).rows[0].n);
    await eventually(async () => (await left()) === 0, 'the sweep to destroy the expired reservations');

    const log = await pg.query(
      `select subject_id, sum(count) as n, count(*) as rows from privacy_destruction_log where subject_id like 'sub_cluster_%' group by subject_id`,
    );
    expect(log.rows).toHaveLength(EXPIRED);
    expect(log.rows.every((r) => Number(r.n) === 1 && Number(r.rows) === 1)).toBe(true);
    const cells = await pg.query(`select count(*) as n from booking_slot_cells where reservation_document_id like 'cluster-%'`);
    expect(Number(cells.rows[0].n)).toBe(0);
    const counted = await pg.query(`select coalesce(sum(count), 0) as n from privacy_statistics where metric = 'reservation.cancelled'`);
    expect(Number(counted.rows[0].n)).toBe(EXPIRED);
  });

  it('the public rate limit is one count in Redis: the request past it is refused, whichever instance gets it', async () => {
    await clearRateLimit();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i += 1) {
      statuses.push((await json(instances[i % 2].origin, '/api/privacy/complaints', { method: 'POST', body: '{}' })).status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    for (const instance of instances) {
      const refused = await json(instance.origin, '/api/privacy/complaints', { method: 'POST', body: '{}' });
      expect(refused.status).toBe(429);
      expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    }
    // The count lives under this run's REDIS_PREFIX, and nothing of it under the default namespace.
    expect((await redis.keys(`${REDIS_PREFIX}-write:*`)).length).toBeGreaterThan(0);
  });
});
