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
const ADMIN = { email: 'editor@cluster.dodream.example', password: 'Cluster-Passw0rd!' };

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
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
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

  it("an editor's closure on one instance empties that day's slots on the other at once, and its removal brings them back", async () => {
    const { service, slot } = await firstSlot((url) => json(balancer.origin, url));
    const date = slot.start.slice(0, 10);
    const day = async (instance: Instance) =>
      (await json(instance.origin, `/api/booking/slots?service=${service.id}&from=${date}&to=${date}`)).body.data.slots as unknown[];
    // Both instances have answered for that day (and keep the catalogue they read)
    for (const instance of instances) expect((await day(instance)).length).toBeGreaterThan(0);

    // When an editor closes the clinic that day through the admin of the first instance
    const login = await json(instances[0].origin, '/admin/login', { method: 'POST', body: JSON.stringify(ADMIN) });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.body.data.token}` };
    const closures = '/content-manager/collection-types/api::closure.closure';
    const created = await json(instances[0].origin, closures, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ startDate: date, kind: 'closure' }),
    });
    expect(created.status).toBe(201);
    // Then the second instance offers nothing that day
    expect(await day(instances[1])).toEqual([]);

    // When the closure is removed through the second instance, the first offers the day again
    const removed = await json(instances[1].origin, `${closures}/${created.body.data.documentId}`, { method: 'DELETE', headers: auth });
    expect(removed.status).toBe(200);
    expect((await day(instances[0])).length).toBeGreaterThan(0);
  });
});
