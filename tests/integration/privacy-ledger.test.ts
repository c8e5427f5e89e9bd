import { startStrapi, type TestApp } from '../helpers/strapi';
import { adminToken } from '../helpers/admin';
import { privacy, RESERVATION_CONSENTS } from '../helpers/privacy';

let app: TestApp;
let superAdmin: string;
beforeAll(async () => {
  app = await startStrapi();
  superAdmin = await adminToken(app, 'strapi-super-admin');
});
afterAll(async () => {
  await app?.stop();
});

const ledgerTable = () => app.strapi.db.connection('privacy_consent_ledger');
const subject = (n: number) => privacy(app.strapi).consent.subjectIdFor(`ledger.person${n}@example.test`);
const recordOne = (n: number) =>
  privacy(app.strapi).consent.record({ scope: 'subject', subjectId: subject(n), channel: 'reservation', consents: RESERVATION_CONSENTS, actor: 'self', clientAddress: '203.0.113.77' });

describe('consent ledger', () => {
  it('appends one row per granted item with the policy version, text hash and truncated address, and nothing personal', async () => {
    const rows = await recordOne(1);
    expect(rows.map((r) => (r as unknown as { itemKey: string }).itemKey)).toEqual(['reservation_collection', 'reservation_health']);
    const stored = await ledgerTable().where('subject_id', subject(1));
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row).toMatchObject({ policy_version: 1, action: 'granted', channel: 'reservation', actor: 'self', client_address: '203.0.113.0/24' });
      expect(row.text_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.subject_id).toMatch(/^sub_[0-9a-f]{32}$/);
      expect(JSON.stringify(row)).not.toMatch(/ledger\.person|example\.test/);
    }
    const state = await privacy(app.strapi).consent.state(subject(1));
    expect(state.reservation_collection).toMatchObject({ granted: true, policyVersion: 1 });
    expect(state.reservation_keep).toBeUndefined();
  });

  it('records a withdrawal only for an item that was granted', async () => {
    const { consent } = privacy(app.strapi);
    await consent.record({ scope: 'subject', subjectId: subject(2), channel: 'reservation', consents: { ...RESERVATION_CONSENTS, reservation_keep: true }, actor: 'self', clientAddress: null });
    await consent.record({ scope: 'subject', subjectId: subject(2), channel: 'reservation', consents: { ...RESERVATION_CONSENTS, reservation_keep: false }, actor: 'self', clientAddress: null });
    const actions = (await ledgerTable().where({ subject_id: subject(2), item_key: 'reservation_keep' }).orderBy('seq')).map((r) => r.action);
    expect(actions).toEqual(['granted', 'withdrawn']);
    expect((await consent.state(subject(2))).reservation_keep.granted).toBe(false);
  });

  it('never forks under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => recordOne(100 + i)));
    const seqs = (await ledgerTable().select('seq').orderBy('seq')).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await privacy(app.strapi).consent.verify()).toEqual({ ok: true, rows: seqs.length });
  });

  it('answers the verify route to an admin only', async () => {
    await app.request().get('/privacy-guard/ledger/verify').expect(401);
    const res = await app.request().get('/privacy-guard/ledger/verify').set('Authorization', `Bearer ${superAdmin}`).expect(200);
    expect(res.body.data).toMatchObject({ ok: true, rows: expect.any(Number) });
  });

  describe('tampering', () => {
    let snapshot: Array<Record<string, unknown>>;
    beforeEach(async () => {
      snapshot = await ledgerTable().select('*').orderBy('seq');
    });
    afterEach(async () => {
      await ledgerTable().delete();
      for (const row of snapshot) await ledgerTable().insert(row);
      expect((await privacy(app.strapi).consent.verify()).ok).toBe(true);
    });
    const rowAt = (seq: number) => snapshot.find((r) => Number(r.seq) === seq) as Record<string, unknown>;
    const verifyRoute = async () =>
      (await app.request().get('/privacy-guard/ledger/verify').set('Authorization', `Bearer ${superAdmin}`).expect(200)).body.data;

    it('names an edited row', async () => {
      await ledgerTable().where('seq', 5).update({ action: 'withdrawn' });
      expect(await verifyRoute()).toEqual({ ok: false, rows: 4, firstBadRow: { seq: 5, id: Number(rowAt(5).id), problem: 'edited' } });
    });

    it('names a row whose content and hash were both replaced', async () => {
      await ledgerTable().where('seq', 6).update({ item_key: 'reservation_keep', hash: 'f'.repeat(64) });
      const result = await verifyRoute();
      expect(result.ok).toBe(false);
      expect(result.firstBadRow.seq).toBe(6);
    });

    it('names a deleted row', async () => {
      await ledgerTable().where('seq', 7).delete();
      expect(await verifyRoute()).toEqual({ ok: false, rows: 6, firstBadRow: { seq: 7, id: null, problem: 'deleted' } });
    });

    it('names the last row when it was cut off the end', async () => {
      const last = snapshot[snapshot.length - 1];
      await ledgerTable().where('id', last.id).delete();
      expect(await verifyRoute()).toEqual({ ok: false, rows: snapshot.length - 1, firstBadRow: { seq: Number(last.seq), id: null, problem: 'deleted' } });
    });

    it('names a deleted row when the rows after it were renumbered', async () => {
      await ledgerTable().where('seq', 3).delete();
      const after = snapshot.filter((r) => Number(r.seq) > 3).sort((a, b) => Number(a.seq) - Number(b.seq));
      for (const row of after) await ledgerTable().where('id', row.id).update({ seq: Number(row.seq) - 1 });
      expect(await verifyRoute()).toMatchObject({ ok: false, rows: 2, firstBadRow: { seq: 3, id: Number(rowAt(4).id) } });
    });

    it('names an inserted row', async () => {
      const last = snapshot[snapshot.length - 1];
      const forged = { ...last, id: undefined, document_id: 'forged', seq: Number(last.seq) + 1, prev_hash: last.hash, hash: 'a'.repeat(64), subject_id: subject(999) };
      delete forged.id;
      await ledgerTable().insert(forged);
      const inserted = await ledgerTable().where('document_id', 'forged').first();
      expect(await verifyRoute()).toEqual({ ok: false, rows: snapshot.length, firstBadRow: { seq: Number(last.seq) + 1, id: Number(inserted.id), problem: 'edited' } });
    });

    it('names a row slipped into the middle of the chain', async () => {
      const after = snapshot.filter((r) => Number(r.seq) >= 4).sort((a, b) => Number(b.seq) - Number(a.seq));
      for (const row of after) await ledgerTable().where('id', row.id).update({ seq: Number(row.seq) + 1 });
      const forged = { ...rowAt(4), document_id: 'slipped', seq: 4, subject_id: subject(998) };
      delete forged.id;
      await ledgerTable().insert(forged);
      const slipped = await ledgerTable().where('document_id', 'slipped').first();
      const result = await verifyRoute();
      expect(result.ok).toBe(false);
      expect(result.firstBadRow).toMatchObject({ seq: 4, id: Number(slipped.id) });
    });

    it('makes npm run ledger:verify fail (the script uses the same service)', async () => {
      await ledgerTable().where('seq', 2).update({ policy_version: 2 });
      expect((await privacy(app.strapi).consent.verify()).firstBadRow).toMatchObject({ seq: 2, problem: 'edited' });
    });
  });
});
