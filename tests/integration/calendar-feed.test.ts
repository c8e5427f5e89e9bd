import ICAL from 'ical.js';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { bookingBody, clock, demoCatalog } from '../helpers/booking-fixtures';

/**
 * A practitioner's private calendar feed, read as a calendar program would: the practitioner's
 * reservations only, as iCalendar events with nothing of the patient; a cancellation leaves, a
 * reschedule moves (same UID, higher SEQUENCE); a revoked token and an unknown one answer the
 * same 404; the stored hash opens nothing; only the officer and the practitioner's managers
 * manage feeds; every fetch is in the access log; fetches are limited per token.
 */
let app: TestApp;
let demo: Awaited<ReturnType<typeof demoCatalog>>;
const FEED_LIMIT = 12;
const CLIENT_LIMIT = 150;
beforeAll(async () => {
  app = await startStrapi({ OUTBOX_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000', CALENDAR_FEED_PER_HOUR: String(FEED_LIMIT), CALENDAR_FEED_PER_CLIENT_PER_HOUR: String(CLIENT_LIMIT) });
  demo = await demoCatalog(app);
  clock(app).set(new Date('2027-03-07T03:00:00Z')); // Sunday 12:00 in Seoul
});
afterAll(async () => {
  await app?.stop();
});

/** Made-up patients; none of these values may appear in a feed. */
const PATIENT = {
  name: 'Seoyeon Feedtest',
  birthDate: '1987-11-23',
  phone: '+82 10-5555-7311',
  email: 'seoyeon.feedtest@example.com',
};
const GUARDIAN_FREE_NOTE = 'Allergic to latex, prefers afternoons';
const OTHER_PATIENT = { name: 'Jiwoo Otherfeed', birthDate: '1979-02-14', phone: '+82 10-5555-7399', email: 'jiwoo.otherfeed@example.com' };

const FEEDS = '/clinic-calendar-feeds';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const tokenOf = (url: string) => /\/api\/calendar\/feeds\/([^/]+)\.ics$/.exec(url)?.[1] as string;
const feedPath = (token: string) => `/api/calendar/feeds/${token}.ics`;

function book(practitioner: string, start: string, patient = PATIENT, note?: string) {
  return app
    .request()
    .post('/api/booking/reservations')
    .send(bookingBody({ service: demo.service['first-consultation'], practitioner, start, patient, ...(note ? { note } : {}) }))
    .expect(201)
    .then((res) => res.body.data as { reference: string; manageToken: string });
}

async function documentIdOf(reference: string): Promise<string> {
  const row = (await app.strapi.db.query('api::reservation.reservation').findOne({ where: { reference }, select: ['documentId'] })) as {
    documentId: string;
  };
  return row.documentId;
}

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { calendar, events };
}

const fetchFeed = (token: string) =>
  app
    .request()
    .get(feedPath(token))
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });

async function accessRows(feedId: string) {
  return (await app.strapi.db.connection('privacy_access_log').where({ target_document_id: feedId }).orderBy('seq')) as Array<
    Record<string, unknown>
  >;
}

let officer: string;
let deskStranger: string;
let deskManager: string;
let managerId: number;
beforeAll(async () => {
  officer = await adminToken(app, 'clinic-privacy-officer', 'officer.feeds@staff.dodream.example');
  deskStranger = await adminToken(app, 'clinic-front-desk', 'desk.stranger@staff.dodream.example');
  deskManager = await adminToken(app, 'clinic-front-desk', 'desk.manager@staff.dodream.example');
  const manager = await app.strapi.service('admin::user').findOneByEmail('desk.manager@staff.dodream.example');
  managerId = manager.id;
  await app.strapi.documents('api::practitioner.practitioner').update({
    documentId: demo.practitioner['hana-yoon'],
    data: { managers: [managerId] },
  } as never);
});

const createFeed = (token: string, practitioner: string, label = 'Work calendar') =>
  app.request().post(FEEDS).set(auth(token)).send({ practitioner, label });

describe('who manages feeds', () => {
  it('lets the officer create a feed for any practitioner; the URL is shown once and never listed', async () => {
    const res = await createFeed(officer, demo.practitioner['minho-kang'], 'Dr. Kang on his phone').expect(201);
    const token = tokenOf(res.body.data.url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(res.headers['cache-control']).toBe('no-store');
    const list = await app.request().get(FEEDS).set(auth(officer)).expect(200);
    const listed = list.body.data.find((f: { id: string }) => f.id === res.body.data.id);
    expect(listed).toMatchObject({
      label: 'Dr. Kang on his phone',
      practitioner: { name: 'Dr. Minho Kang' },
      lastFetchedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.data.every((f: Record<string, unknown>) => !('url' in f) && !('tokenHash' in f))).toBe(true);
    // Stored only as a keyed hash: neither the token nor its plain SHA-256 is in the row.
    const row = await app.strapi.db.connection('calendar_feeds').where({ document_id: res.body.data.id }).first();
    expect(JSON.stringify(row)).not.toContain(token);
    const crypto = await import('node:crypto');
    expect(row.token_hash).not.toBe(crypto.createHash('sha256').update(token).digest('hex'));
  });

  it('refuses a front-desk admin who manages no practitioner: list, practitioners, create, revoke all 403', async () => {
    const byOfficer = (await createFeed(officer, demo.practitioner['hana-yoon']).expect(201)).body.data;
    for (const req of [
      app.request().get(FEEDS).set(auth(deskStranger)),
      app.request().get(`${FEEDS}?practitioner=${demo.practitioner['hana-yoon']}`).set(auth(deskStranger)),
      app.request().get(`${FEEDS}/practitioners`).set(auth(deskStranger)),
      app.request().post(FEEDS).set(auth(deskStranger)).send({ practitioner: demo.practitioner['hana-yoon'], label: 'Mine now' }),
      app.request().post(`${FEEDS}/${byOfficer.id}/revoke`).set(auth(deskStranger)).send({}),
    ]) {
      const res = await req;
      expect(res.status).toBe(403);
      expect(res.body.error.details.code).toBe('FORBIDDEN');
    }
    expect(
      (await app.request().get(FEEDS).set(auth(officer))).body.data.find((f: { id: string }) => f.id === byOfficer.id).revokedAt,
    ).toBeNull();
  });

  it('refuses anyone without an admin session', async () => {
    expect((await app.request().get(FEEDS)).status).toBe(401);
    expect((await app.request().post(FEEDS).send({ practitioner: demo.practitioner['hana-yoon'], label: 'x' })).status).toBe(401);
  });

  it("lets a manager create, list and revoke their practitioner's feeds and nobody else's", async () => {
    const mine = await createFeed(deskManager, demo.practitioner['hana-yoon'], 'Front desk screen').expect(201);
    expect(mine.body.data.practitioner.name).toBe('Dr. Hana Yoon');
    const other = await createFeed(deskManager, demo.practitioner['minho-kang']);
    expect(other.status).toBe(403);
    expect(other.body.error.details.code).toBe('FORBIDDEN');

    const practitioners = await app.request().get(`${FEEDS}/practitioners`).set(auth(deskManager)).expect(200);
    expect(practitioners.body.data).toEqual([{ id: demo.practitioner['hana-yoon'], name: 'Dr. Hana Yoon' }]);
    const list = await app.request().get(FEEDS).set(auth(deskManager)).expect(200);
    expect(new Set(list.body.data.map((f: { practitioner: { id: string } }) => f.practitioner.id))).toEqual(
      new Set([demo.practitioner['hana-yoon']]),
    );
    expect((await app.request().get(`${FEEDS}?practitioner=${demo.practitioner['minho-kang']}`).set(auth(deskManager))).status).toBe(403);

    const kangs = (await createFeed(officer, demo.practitioner['minho-kang']).expect(201)).body.data;
    expect((await app.request().post(`${FEEDS}/${kangs.id}/revoke`).set(auth(deskManager)).send({})).status).toBe(403);
    const revoked = await app.request().post(`${FEEDS}/${mine.body.data.id}/revoke`).set(auth(deskManager)).send({}).expect(200);
    expect(revoked.body.data.revokedAt).toEqual(expect.any(String));
    // Revoking twice keeps the first time.
    const again = await app.request().post(`${FEEDS}/${mine.body.data.id}/revoke`).set(auth(officer)).send({}).expect(200);
    expect(again.body.data.revokedAt).toBe(revoked.body.data.revokedAt);
  });

  it("does not let an editor make themself a practitioner's manager through the Content Manager; the officer can", async () => {
    const editor = await adminToken(app, 'strapi-editor', 'editor.feeds@staff.dodream.example');
    const editorUser = await app.strapi.service('admin::user').findOneByEmail('editor.feeds@staff.dodream.example');
    const sora = demo.practitioner['sora-lim'];
    await app
      .request()
      .put(`/content-manager/collection-types/api::practitioner.practitioner/${sora}`)
      .set(auth(editor))
      .send({ managers: { connect: [{ id: editorUser.id }] } });
    const row = (await app.strapi
      .documents('api::practitioner.practitioner')
      .findOne({ documentId: sora, populate: { managers: { fields: ['id'] } } } as never)) as unknown as {
      managers: Array<{ id: number }>;
    };
    expect(row.managers.map((m) => m.id)).not.toContain(editorUser.id);
    const res = await createFeed(editor, sora);
    expect([res.status, res.body.error?.details?.code]).toEqual([403, 'FORBIDDEN']);

    // The same request by the privacy officer sets the manager, who may then create the practitioner's feeds.
    await app
      .request()
      .put(`/content-manager/collection-types/api::practitioner.practitioner/${sora}`)
      .set(auth(officer))
      .send({ managers: { connect: [{ id: editorUser.id }] } })
      .expect(200);
    expect((await createFeed(editor, sora)).status).toBe(201);
  });

  it('refuses a bad body with VALIDATION and an unknown practitioner with UNKNOWN_PRACTITIONER, storing nothing', async () => {
    const count = async () => Number((await app.strapi.db.connection('calendar_feeds').count({ n: '*' }).first())?.n);
    const before = await count();
    for (const body of [
      {},
      { practitioner: demo.practitioner['hana-yoon'] },
      { practitioner: demo.practitioner['hana-yoon'], label: '' },
      { practitioner: demo.practitioner['hana-yoon'], label: 'x', token: 'mine' },
    ]) {
      const res = await app.request().post(FEEDS).set(auth(officer)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('VALIDATION');
    }
    const unknown = await createFeed(officer, 'abcdefghijklmnopqrstuvwx');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.code).toBe('UNKNOWN_PRACTITIONER');
    expect(await count()).toBe(before);
  });
});

describe('the feed', () => {
  let token: string;
  let feedId: string;
  let booked: { reference: string; manageToken: string };
  let other: { reference: string };
  beforeAll(async () => {
    const res = (await createFeed(officer, demo.practitioner['hana-yoon'], 'Dr. Yoon')).body.data;
    token = tokenOf(res.url);
    feedId = res.id;
    booked = await book(demo.practitioner['hana-yoon'], '2027-03-08T10:00:00+09:00', PATIENT, GUARDIAN_FREE_NOTE);
    other = await book(demo.practitioner['minho-kang'], '2027-03-08T10:00:00+09:00', OTHER_PATIENT);
  });

  it("holds the practitioner's reservations only, in the clinic's zone, with service, reference and status", async () => {
    const res = await fetchFeed(token).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { calendar, events } = parseFeed(res.body);
    expect(calendar.getFirstPropertyValue('method')).toBeNull(); // a published calendar, not an iTIP message
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Seoul');
    const mine = events.find((e) => e.summary.includes(booked.reference))!;
    expect(mine.summary).toBe(`First consultation – ${booked.reference}`);
    expect(mine.uid).toBe(`${await documentIdOf(booked.reference)}@clinic-cms`);
    expect(mine.sequence).toBe(0);
    expect(mine.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(mine.startDate.zone?.tzid).toBe('Asia/Seoul');
    expect(mine.startDate.toJSDate().toISOString()).toBe('2027-03-08T01:00:00.000Z');
    expect(mine.endDate.toJSDate().toISOString()).toBe('2027-03-08T01:30:00.000Z');
    expect(res.body).not.toContain(other.reference);
  });

  it('holds no personal value of the patients, anywhere in the body', async () => {
    const { body } = await fetchFeed(token).expect(200);
    const unfolded = (body as string).replace(/\r\n[ \t]/g, '');
    const values = [
      ...Object.values(PATIENT),
      ...Object.values(OTHER_PATIENT),
      GUARDIAN_FREE_NOTE,
      'Seoyeon',
      'Feedtest',
      '5555-7311',
      'seoyeon.feedtest',
      'Latex',
    ];
    for (const value of values) expect(unfolded.toLowerCase()).not.toContain(value.toLowerCase());
    expect(unfolded).not.toMatch(/^(ATTENDEE|ORGANIZER|CONTACT)/m);
  });

  it('moves a rescheduled reservation (same UID, higher SEQUENCE, new time) and drops a cancelled one', async () => {
    const uid = `${await documentIdOf(booked.reference)}@clinic-cms`;
    await app
      .request()
      .post(`/api/booking/manage/${booked.manageToken}/reschedule`)
      .send({ start: '2027-03-09T14:00:00+09:00' })
      .expect(200);
    const moved = parseFeed((await fetchFeed(token).expect(200)).body).events.filter((e) => e.uid === uid);
    expect(moved).toHaveLength(1);
    expect(moved[0].sequence).toBe(1);
    expect(moved[0].startDate.toJSDate().toISOString()).toBe('2027-03-09T05:00:00.000Z');

    await app.request().post(`/api/booking/manage/${booked.manageToken}/cancel`).send({}).expect(200);
    const after = await fetchFeed(token).expect(200);
    expect(parseFeed(after.body).events.map((e) => e.uid)).not.toContain(uid);
    expect(after.body).not.toContain(booked.reference);
  });

  it('writes an access-log row for each fetch: the feed as actor, the practitioner, the count, never the token', async () => {
    const listedOf = async () => (await app.request().get(FEEDS).set(auth(officer))).body.data.find((f: { id: string }) => f.id === feedId);
    const fetchedBefore = (await listedOf()).fetchCount as number;
    const before = (await accessRows(feedId)).length;
    await book(demo.practitioner['hana-yoon'], '2027-03-10T11:00:00+09:00');
    await fetchFeed(token).expect(200);
    await fetchFeed(token).expect(200);
    const rows = (await accessRows(feedId)).slice(before);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        staff_id: null,
        staff_role: 'calendar-feed',
        action: 'list',
        content_type: 'api::reservation.reservation',
      });
      expect(row.reason).toBe(`calendar feed of practitioner ${demo.practitioner['hana-yoon']}, events: 1`);
    }
    const all = JSON.stringify(await app.strapi.db.connection('privacy_access_log').select('*'));
    expect(all).not.toContain(token);
    const listed = await listedOf();
    expect(listed.lastFetchedAt).toEqual(expect.any(String));
    expect(listed.fetchCount).toBe(fetchedBefore + 2);
  });

  it('answers a revoked token exactly as an unknown one, and other spellings of the path the same', async () => {
    const { url, id } = (await createFeed(officer, demo.practitioner['hana-yoon'], 'To revoke')).body.data;
    const doomed = tokenOf(url);
    await fetchFeed(doomed).expect(200);
    await app.request().post(`${FEEDS}/${id}/revoke`).set(auth(officer)).send({}).expect(200);
    const revoked = await app.request().get(feedPath(doomed));
    const unknown = await app.request().get(feedPath('A'.repeat(43)));
    expect(revoked.status).toBe(404);
    expect(revoked.body).toEqual(unknown.body);
    expect(revoked.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(revoked.body.error.details.code).toBe('NOT_FOUND');
    for (const path of [
      `/api/calendar/feeds/${token}`,
      `/api/calendar/feeds/${token}.ICS`,
      `/api/calendar/feeds/${token.toLowerCase()}.ics`,
      `/api/calendar/feeds/${token}.ics.ics`,
      `/api/calendar/feeds/${token.slice(1)}.ics`,
    ]) {
      const res = await app.request().get(path);
      expect([path, res.status, res.body]).toEqual([path, 404, unknown.body]);
    }
  });

  it('opens nothing with the hash copied from the database', async () => {
    const row = await app.strapi.db.connection('calendar_feeds').where({ document_id: feedId }).first();
    for (const copied of [row.token_hash, Buffer.from(row.token_hash, 'hex').toString('base64url')]) {
      const res = await app.request().get(feedPath(copied));
      expect(res.status).toBe(404);
      expect(res.body.error.details.code).toBe('NOT_FOUND');
    }
  });

  it('limits fetches per token: a burst gets 429 with Retry-After, another feed is still served', async () => {
    const burst = tokenOf((await createFeed(officer, demo.practitioner['hana-yoon'], 'Burst')).body.data.url);
    const statuses: number[] = [];
    for (let i = 0; i < FEED_LIMIT + 3; i++) statuses.push((await app.request().get(feedPath(burst))).status);
    expect(statuses.slice(0, FEED_LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(FEED_LIMIT)).toEqual([429, 429, 429]);
    const refused = await app.request().get(feedPath(burst));
    expect(refused.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const fresh = tokenOf((await createFeed(officer, demo.practitioner['hana-yoon'], 'Calm')).body.data.url);
    await fetchFeed(fresh).expect(200);
  });

  it('limits guessing per client: a new made-up token each time still runs out, then even a real feed waits', async () => {
    const real = tokenOf((await createFeed(officer, demo.practitioner['hana-yoon'], 'Guessed at')).body.data.url);
    const statuses: number[] = [];
    for (let i = 0; i < CLIENT_LIMIT; i++) statuses.push((await app.request().get(feedPath(`${String(i).padStart(4, '0')}${'g'.repeat(39)}`))).status);
    expect(statuses.at(-1)).toBe(429);
    const after = await app.request().get(feedPath(real));
    expect(after.status).toBe(429);
    expect(after.body.error.details.code).toBe('RATE_LIMITED');
  });
});
