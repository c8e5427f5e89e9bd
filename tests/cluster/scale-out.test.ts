import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { describeWithServices, startInstance, stopInstance, startBalancer, type Instance, type Balancer } from '../helpers/cluster';
import { patient, requiredConsents, firstSlot } from '../helpers/booking';

/**
 * Two real Strapi processes on one fresh PostgreSQL database behind a loopback balancer.
 * Needs PostgreSQL on 127.0.0.1:5432 (and Redis on 127.0.0.1:6379 for the shared rate limit):
 * in CI a missing service fails the run; on a developer's machine the file is skipped with a reason.
 */
process.env.TEST_DATABASE = 'postgres';

let database: TestDatabase;
let instances: Instance[] = [];
let balancer: Balancer;

const json = async (origin: string, path: string, init?: RequestInit) => {
  const res = await fetch(origin + path, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  return { status: res.status, body: await res.json().catch(() => null) };
};

describeWithServices('several instances on one PostgreSQL', {}, () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      ...database.env,
      SERVE_ADMIN_PANEL: 'false',
      RATE_LIMIT_PER_MINUTE: '100000',
      OUTBOX_WORKER: 'false',
      CRON_ENABLED: 'false',
    };
    // The first instance creates the schema and seeds; the second joins an existing database.
    instances.push(await startInstance(env));
    instances.push(await startInstance({ ...env, SEED_DEMO_DATA: 'false' }));
    balancer = await startBalancer(instances.map((i) => i.origin));
  }, 240_000);

  afterAll(async () => {
    await balancer?.close();
    await Promise.all(instances.map(stopInstance));
    await database?.drop();
  });

  it('both instances serve the same clinic through the balancer', async () => {
    for (let i = 0; i < 4; i += 1) {
      const res = await json(balancer.origin, '/api/clinic');
      expect(res.status).toBe(200);
      expect(res.body.data.name).toBe('Dodream Plastic Surgery');
    }
  });

  it('a storm of concurrent requests for one slot, spread over both, yields exactly one reservation', async () => {
    const { service, slot } = await firstSlot((url) => json(balancer.origin, url));
    const attempts = Array.from({ length: 120 }, (_, i) =>
      json(instances[i % 2].origin, '/api/booking/reservations', {
        method: 'POST',
        body: JSON.stringify({
          service: service.id,
          practitioner: slot.practitionerId,
          start: slot.start,
          patient: patient(i),
          consents: requiredConsents,
          locale: 'en',
        }),
      }),
    );
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(119);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.details.code).toBe('SLOT_UNAVAILABLE');

    const winner = results.find((r) => r.status === 201)!;
    const created = winner.body.data;
    // Managed through the other instance: both see one database.
    for (const instance of instances) {
      const view = await json(instance.origin, `/api/booking/manage/${created.manageToken}`);
      expect(view.status).toBe(200);
      expect(view.body.data.reference).toBe(created.reference);
    }
    const cancelled = await json(instances[1].origin, `/api/booking/manage/${created.manageToken}/cancel`, { method: 'POST', body: '{}' });
    expect(cancelled.status).toBe(200);
    const seen = await json(instances[0].origin, `/api/booking/manage/${created.manageToken}`);
    expect(seen.body.data.status).toBe('cancelled');
  });
});
