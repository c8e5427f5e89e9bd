import { randomBytes } from 'node:crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { clock, demoCatalog, type Person } from '../helpers/privacy-rights';
import { MEMBERSHIP_CONSENTS, privacy } from '../helpers/privacy';
import { registerMember } from '../helpers/members';

const DAY = 86_400_000;
let app: TestApp;
let officer: string;
let catalog: Awaited<ReturnType<typeof demoCatalog>>;

beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000', RETENTION_GRACE_DAYS: '0' });
  officer = await adminToken(app, 'strapi-super-admin');
  catalog = await demoCatalog(app);
});
afterAll(async () => {
  await app?.stop();
});
beforeEach(() => clock(app).set(new Date('2027-04-10T00:00:00Z')));

interface SweepResult {
  ran: boolean;
  reason?: string;
  counts: Record<string, number>;
  batches: number;
}
const retention = () =>
  app.strapi.plugin('privacy-guard').service('retention') as {
    run(o?: { batchSize?: number; onBatch?: () => void | Promise<void> }): Promise<SweepResult>;
    preview(): Promise<{ counts: Record<string, number> }>;
  };
const knex = () => app.strapi.db.connection;
const admin = (method: 'get' | 'post', url: string) => app.request()[method](url).set('Authorization', `Bearer ${officer}`);

let n = 0;
let cells = 0;
const person = (first: string): Person => {
  n += 1;
  return { name: `${first} Fictionalson${n}`, email: `${first.toLowerCase()}.fictional${n}@example.test`, phone: `010-5556-${String(1000 + n)}` };
};

/** A reservation stored as booking stores it (consents in the ledger, personal fields encrypted, its time cells taken). */
async function reservation(p: Person, fields: { status: string; endsAt: Date; completedAt?: Date; cancelledAt?: Date; keep?: boolean }) {
  const { consent } = privacy(app.strapi);
  const subjectId = consent.subjectIdFor(p.email);
  await consent.record({
    scope: 'subject',
    subjectId,
    channel: 'reservation',
    consents: { reservation_collection: true, reservation_health: true, reservation_keep: Boolean(fields.keep) },
    actor: 'self',
  });
  const created = (await app.strapi.documents('api::reservation.reservation').create({
    data: {
      reference: `R-${randomBytes(4).toString('hex').toUpperCase()}`,
      state: fields.status,
      startsAt: new Date(fields.endsAt.getTime() - 30 * 60_000),
      endsAt: fields.endsAt,
      completedAt: fields.completedAt ?? null,
      cancelledAt: fields.cancelledAt ?? null,
      service: { connect: [{ documentId: catalog.service['first-consultation'], locale: 'en' }] },
      practitioner: catalog.practitioner['hana-yoon'],
      subjectId,
      patientName: p.name,
      patientBirthDate: '1979-11-03',
      patientPhone: p.phone,
      patientEmail: p.email,
      note: `Allergic to latex (${p.name})`,
    },
  } as never)) as unknown as { documentId: string; reference: string };
  await knex()('booking_slot_cells').insert({ practitioner_document_id: catalog.practitioner['hana-yoon'], cell: 9_000_000 + (cells += 1), reservation_document_id: created.documentId });
  return { ...created, subjectId };
}

const exists = async (documentId: string) => (await knex()('reservations').where('document_id', documentId)).length === 1;
const loggedFor = async (subjectIds: string[]) =>
  (await knex()('privacy_destruction_log').whereIn('subject_id', subjectIds).where('category', 'reservation')).reduce((sum, r) => sum + Number(r.count), 0);
const statistic = async (metric: string) => (await knex()('privacy_statistics').where({ metric })).reduce((sum, r) => sum + Number(r.count), 0);

describe('retention rules', () => {
  it('destroys a completed reservation with the grace at 0, keeps one with the keep consent until its period ends, and destroys a cancelled one at once', async () => {
    const now = clock(app).now();
    const ann = person('Ahreum');
    const bo = person('Boram');
    const chae = person('Chaewon');
    const dan = person('Dasom');
    const completed = await reservation(ann, { status: 'completed', endsAt: new Date(now.getTime() - 3_600_000), completedAt: new Date(now.getTime() - 3_600_000) });
    const kept = await reservation(bo, { status: 'completed', endsAt: new Date(now.getTime() - 3_600_000), completedAt: new Date(now.getTime() - 3_600_000), keep: true });
    const cancelled = await reservation(chae, { status: 'cancelled', endsAt: new Date(now.getTime() + 5 * DAY), cancelledAt: now });
    const upcoming = await reservation(dan, { status: 'confirmed', endsAt: new Date(now.getTime() + 5 * DAY) });
    const completedBefore = await statistic('reservation.completed');

    await app.request().get('/privacy-guard/retention/preview').expect(401);
    const preview = await admin('get', '/privacy-guard/retention/preview').expect(200);
    expect(preview.body.data.counts).toMatchObject({ 'reservation-completed': 1, 'reservation-cancelled': 1, 'reservation-no-show': 0 });
    expect(JSON.stringify(preview.body)).not.toMatch(/Fictionalson|example\.test|010-5556/);

    const run = await admin('post', '/privacy-guard/retention/run').send({}).expect(200);
    expect(run.body.data.counts).toMatchObject({ 'reservation-completed': 1, 'reservation-cancelled': 1 });
    expect(await exists(completed.documentId)).toBe(false);
    expect(await exists(cancelled.documentId)).toBe(false);
    expect(await exists(upcoming.documentId)).toBe(true);
    expect(await exists(kept.documentId)).toBe(true);
    expect(await knex()('booking_slot_cells').whereIn('reservation_document_id', [completed.documentId, cancelled.documentId])).toHaveLength(0);
    const keptRow = await knex()('reservations').where('document_id', kept.documentId).first();
    expect(new Date(Number(keptRow.keep_until) || keptRow.keep_until).toISOString()).toBe(new Date(now.getTime() - 3_600_000 + 365 * DAY).toISOString());
    expect(await statistic('reservation.completed')).toBe(completedBefore + 1);
    const stat = await knex()('privacy_statistics').where({ metric: 'reservation.completed', dimension: catalog.service['first-consultation'] }).first();
    expect(stat).toMatchObject({ channel: 'online' });

    const log = await admin('get', '/privacy-guard/destruction-log?rule=reservation-completed&pageSize=10').expect(200);
    expect(log.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'reservation-completed', category: 'reservation', subjectId: completed.subjectId, count: 1, performedBy: expect.stringMatching(/^admin:\d+$/) })]),
    );
    expect(log.body.meta.pagination).toMatchObject({ page: 1, pageSize: 10 });
    const empty = await admin('get', '/privacy-guard/destruction-log?from=2030-01-01').expect(200);
    expect(empty.body.data).toEqual([]);
    const all = JSON.stringify(await knex()('privacy_destruction_log').select('*'));
    for (const p of [ann, bo, chae, dan]) for (const value of [p.name, p.email, p.phone, 'Allergic']) expect(all).not.toContain(value);

    clock(app).set(new Date(now.getTime() + 365 * DAY));
    expect((await retention().run()).counts['reservation-completed']).toBe(1);
    expect(await exists(kept.documentId)).toBe(false);
  });

  it('destroys guardian-pending reservations after 48 hours, answered consultations after 90 days, resolved complaints after 3 years, legal holds at their date, and expelled members', async () => {
    clock(app).set(new Date(Date.now() + 3_600_000));
    const child = await reservation(person('Eunji'), { status: 'pending_guardian', endsAt: new Date(Date.now() + 10 * DAY) });
    const member = person('Gaeun');
    const registered = await registerMember(app, { email: member.email, password: 'A-long-passw0rd', birthDate: '1980-01-01', name: member.name, consents: MEMBERSHIP_CONSENTS });
    const profile = await knex()('member_profiles').where('subject_id', privacy(app.strapi).consent.subjectIdFor(member.email)).first();
    await app.strapi.documents('api::member-profile.member-profile').update({ documentId: profile.document_id, data: { state: 'expelled' } } as never);
    const q = await app.request().post('/api/consultations').send({ name: 'Hyejin Madeup', email: 'hyejin.madeup@example.test', question: 'Scar care?', consents: { consultation_collection: true, consultation_health: true } }).expect(201);
    const consultation = await knex()('consultations').where('reference', q.body.data.reference).first();
    await app.strapi.documents('api::consultation.consultation').update({ documentId: consultation.document_id, data: { answer: 'Silicone gel for 8 weeks.' } } as never);
    const c = await app.request().post('/api/privacy/complaints').send({ email: 'ilsu.madeup@example.test', message: 'Why was I called?' }).expect(201);
    const complaint = await knex()('complaints').where('reference', c.body.data.reference).first();
    await admin('post', `/privacy-guard/complaints/${complaint.document_id}/resolve`).send({ result: 'A mistake; sorry.' }).expect(200);
    const hold = (await app.strapi.db.query('plugin::privacy-guard.legal-hold').create({
      data: { subjectId: 'sub_made_up', category: 'medical-record-index', payload: 'enc-free test payload', legalBasis: 'Medical Service Act art. 22', destroyAt: new Date(Date.now() + 30 * DAY) },
    })) as { id: number };

    const first = await retention().run();
    expect(first.counts).toMatchObject({ 'reservation-pending-guardian': 0, 'consultation-answered': 0, 'complaint-resolved': 0, 'legal-hold-expired': 0, 'member-ended': 1 });
    expect(await knex()('up_users').where('id', registered.user.id)).toHaveLength(0);
    expect(await knex()('member_profiles').where('id', profile.id)).toHaveLength(0);
    expect(await exists(child.documentId)).toBe(true);

    clock(app).advance(49 * 3_600_000);
    expect((await retention().run()).counts['reservation-pending-guardian']).toBe(1);
    expect(await exists(child.documentId)).toBe(false);

    clock(app).advance(91 * DAY);
    const later = await retention().run();
    expect(later.counts).toMatchObject({ 'consultation-answered': 1, 'legal-hold-expired': 1, 'complaint-resolved': 0 });
    expect(await knex()('consultations').where('id', consultation.id)).toHaveLength(0);
    expect(await knex()('privacy_legal_holds').where('id', hold.id)).toHaveLength(0);

    clock(app).advance(3 * 365 * DAY);
    expect((await retention().run()).counts['complaint-resolved']).toBe(1);
    expect(await knex()('complaints').where('id', complaint.id)).toHaveLength(0);
  });
});

describe('the sweep', () => {
  it('crashed between batches leaves every reservation whole or gone, and the next run (after the lease expires) finishes', async () => {
    const now = clock(app).now();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await reservation(person('Jisoo'), { status: 'cancelled', endsAt: new Date(now.getTime() + DAY), cancelledAt: now }));
    const before = await statistic('reservation.cancelled');

    // The process stops dead after its first committed batch: the run never returns, nothing is cleaned up, the lease stays taken.
    let stopped!: () => void;
    const halted = new Promise<void>((resolve) => (stopped = resolve));
    void retention().run({
      batchSize: 2,
      onBatch: () => {
        stopped();
        return new Promise<never>(() => undefined);
      },
    });
    await halted;
    const left = [];
    for (const r of made) if (await exists(r.documentId)) left.push(r);
    expect(left).toHaveLength(3);
    for (const r of left) {
      const whole = (await app.strapi.documents('api::reservation.reservation').findOne({ documentId: r.documentId } as never)) as unknown as Record<string, string>;
      expect(whole.patientName).toMatch(/^Jisoo Fictionalson/);
      expect(await knex()('booking_slot_cells').where('reservation_document_id', r.documentId)).toHaveLength(1);
    }
    expect(await loggedFor(made.map((r) => r.subjectId))).toBe(2);

    expect(await retention().run()).toEqual({ ran: false, reason: 'lease-held' });
    await admin('post', '/privacy-guard/retention/run').send({}).expect(409);

    clock(app).advance(601_000);
    const rerun = await retention().run({ batchSize: 2 });
    expect(rerun.counts['reservation-cancelled']).toBe(3);
    for (const r of made) expect(await exists(r.documentId)).toBe(false);
    expect(await loggedFor(made.map((r) => r.subjectId))).toBe(5);
    expect(await statistic('reservation.cancelled')).toBe(before + 5);
    expect(await knex()('booking_slot_cells').whereIn('reservation_document_id', made.map((r) => r.documentId))).toHaveLength(0);
  });

  it('started twice at once destroys each record once', async () => {
    const now = clock(app).now();
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await reservation(person('Kyungmin'), { status: 'no_show', endsAt: new Date(now.getTime() - DAY) }));
    const before = await statistic('reservation.no_show');
    const results = await Promise.all([retention().run({ batchSize: 2 }), retention().run({ batchSize: 2 })]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(results.filter((r) => !r.ran)).toEqual([{ ran: false, reason: 'lease-held' }]);
    expect(results.reduce((sum, r) => sum + (r.ran ? r.counts['reservation-no-show'] : 0), 0)).toBe(6);
    expect(await loggedFor(made.map((r) => r.subjectId))).toBe(6);
    expect(await statistic('reservation.no_show')).toBe(before + 6);
    for (const r of made) expect(await exists(r.documentId)).toBe(false);
  });
});
