import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startStrapi, APP_DIR, type TestApp } from '../helpers/strapi';
import { privacy, RESERVATION_CONSENTS } from '../helpers/privacy';
import { GENESIS, rowHash } from '../../plugins/privacy-guard/server/src/services/ledger';

/**
 * Tamper evidence that survives a database writer: the chains' links are keyed (HMAC, key from the
 * environment) and their heads are anchored daily in a file kept outside the database.
 */
let app: TestApp;
const anchorFile = path.join(os.tmpdir(), `clinic-anchors-${process.pid}-${Date.now()}`, 'chain-anchors.jsonl');
beforeAll(async () => {
  app = await startStrapi({ PRIVACY_ANCHOR_FILE: anchorFile });
});
afterAll(async () => {
  await app?.stop();
  fs.rmSync(path.dirname(anchorFile), { recursive: true, force: true });
});

type Raw = Record<string, unknown> & { id: number; seq: number; prev_hash: string; hash: string };
const table = () => app.strapi.db.connection('privacy_consent_ledger');
const plugin = () => app.strapi.plugin('privacy-guard');
const ledger = () => plugin().service('ledger') as { verify(anchor?: unknown): Promise<{ ok: boolean; firstBadRow?: { seq: number; problem: string } }>; migrate(): Promise<unknown> };
const anchors = () => plugin().service('anchors') as { write(): Promise<Array<{ seq: number; mac: string }>>; verify(file?: string): Promise<Record<string, { ok: boolean; firstBadRow?: { problem: string } }>> };
const chainMac = (text: string) => (plugin().service('crypto') as { chainMac(t: string): string }).chainMac(text);
const canonical = (raw: Raw, prevHash: string) =>
  rowHash({
    seq: Number(raw.seq),
    prevHash,
    subjectId: String(raw.subject_id),
    itemKey: String(raw.item_key),
    policyVersion: Number(raw.policy_version),
    textHash: String(raw.text_hash),
    action: raw.action as 'granted',
    channel: String(raw.channel),
    actor: raw.actor as 'self',
    clientAddress: (raw.client_address as string | null) ?? null,
    occurredAt: new Date(String(raw.occurred_at).includes('T') || typeof raw.occurred_at !== 'string' ? (raw.occurred_at as string) : `${raw.occurred_at}Z`).toISOString(),
    ...(raw.scope !== undefined ? { scope: raw.scope } : {}),
  } as never);

/** Links every row again from `fromSeq` on with `link` (what a database writer would do), head included. */
async function relink(link: (raw: Raw, prevHash: string) => string) {
  const rows = (await table().orderBy('seq')) as Raw[];
  let prev = GENESIS;
  for (const raw of rows) {
    const hash = link(raw, prev);
    await table().where('id', raw.id).update({ prev_hash: prev, hash });
    prev = hash;
  }
  const last = rows[rows.length - 1];
  await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).set({ key: 'consent-ledger-head', value: { seq: Number(last.seq), hash: prev } });
}

let snapshot: Raw[];
beforeEach(async () => {
  const { consent } = privacy(app.strapi);
  if (Number((await table().count({ n: '*' }))[0].n) === 0) {
    for (let i = 0; i < 4; i++) {
      await consent.record({ scope: 'subject', subjectId: consent.subjectIdFor(`chain.person${i}@example.test`), channel: 'reservation', consents: RESERVATION_CONSENTS, actor: 'self', clientAddress: null });
    }
  }
  snapshot = (await table().orderBy('seq')) as Raw[];
});
afterEach(async () => {
  await table().delete();
  for (const row of snapshot) await table().insert(row);
  const last = snapshot[snapshot.length - 1];
  await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).set({ key: 'consent-ledger-head', value: { seq: Number(last.seq), hash: last.hash } });
  expect((await ledger().verify()).ok).toBe(true);
});

describe('keyed links', () => {
  it('a row edited and the chain re-hashed with plain SHA-256 (without the key) fails verification', async () => {
    await table().where('seq', 3).update({ action: 'withdrawn' });
    await relink(canonical);
    const result = await ledger().verify();
    expect(result.ok).toBe(false);
    expect(result.firstBadRow?.seq).toBe(1);
  });

  it('a chain of the first, unkeyed format is checked and keyed at start; a broken one is left as it is', async () => {
    await relink(canonical);
    expect((await ledger().verify()).ok).toBe(false);
    expect(await ledger().migrate()).toEqual({ migrated: snapshot.length });
    expect(await ledger().verify()).toEqual({ ok: true, rows: snapshot.length });

    await relink(canonical);
    await table().where('seq', 2).update({ item_key: 'third_party_provision' });
    expect(await ledger().migrate()).toEqual({ migrated: 0, broken: true });
    expect((await ledger().verify()).ok).toBe(false);
  });
});

describe('anchors outside the database', () => {
  it('are appended signed, to a file only the owner can read', async () => {
    const written = await anchors().write();
    expect(written.map((a) => a.seq)).toContain(snapshot.length);
    expect(fs.statSync(anchorFile).mode & 0o777).toBe(0o600);
    expect(Object.values(await anchors().verify()).every((r) => r.ok)).toBe(true);
  });

  it('a chain cut short and its head moved back, which verifies on its own, fails against the last anchor', async () => {
    await anchors().write();
    const last = snapshot[snapshot.length - 1];
    await table().where('id', last.id).delete();
    const before = snapshot[snapshot.length - 2];
    await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).set({ key: 'consent-ledger-head', value: { seq: Number(before.seq), hash: before.hash } });
    expect((await ledger().verify()).ok).toBe(true);
    const result = await anchors().verify();
    expect(result['consent-ledger-head']).toMatchObject({ ok: false, firstBadRow: { problem: 'rewritten' } });
  });

  it('a chain written anew by someone who holds the key fails against the last anchor', async () => {
    await anchors().write();
    await table().where('seq', 2).update({ action: 'withdrawn' });
    await relink((raw, prev) => chainMac(canonical(raw, prev)));
    expect((await ledger().verify()).ok).toBe(true);
    expect((await anchors().verify())['consent-ledger-head']).toMatchObject({ ok: false, firstBadRow: { problem: 'rewritten' } });
  });

  it('a chain written anew in the first, unkeyed format after it was anchored is not blessed by the start migration', async () => {
    await anchors().write();
    await table().where('seq', 2).update({ action: 'withdrawn' });
    await relink(canonical);
    await (plugin().service('anchors') as { migrate(): Promise<unknown> }).migrate();
    expect((await ledger().verify()).ok).toBe(false);
  });

  it('an anchor line forged without the key is refused', async () => {
    const forged = path.join(path.dirname(anchorFile), 'forged.jsonl');
    fs.writeFileSync(forged, `${JSON.stringify({ chain: 'consent-ledger-head', seq: 1, hash: String(snapshot[0].hash), at: new Date().toISOString(), mac: 'f'.repeat(64) })}\n`);
    await expect(anchors().verify(forged)).rejects.toThrow(/not one this server signed/);
  });

  it('npm run ledger:verify -- --anchor FILE exits 1 on a chain cut short since the anchor, and 0 on an intact one', async () => {
    await anchors().write();
    const run = () =>
      spawnSync(process.execPath, [path.join(APP_DIR, 'scripts', 'ledger-verify.mjs'), '--anchor', anchorFile], {
        cwd: APP_DIR,
        env: { ...process.env, SKIP_COMPILE: 'true', LOG_LEVEL: 'error' },
        encoding: 'utf8',
        timeout: 120_000,
      });
    const intact = run();
    expect(intact.stdout).toMatch(/Consent ledger intact/);
    expect(intact.status).toBe(0);
    const last = snapshot[snapshot.length - 1];
    await table().where('id', last.id).delete();
    const before = snapshot[snapshot.length - 2];
    await app.strapi.store({ type: 'plugin', name: 'privacy-guard' }).set({ key: 'consent-ledger-head', value: { seq: Number(before.seq), hash: before.hash } });
    const cut = run();
    expect(cut.stderr).toMatch(/Consent ledger BROKEN .*rewritten/);
    expect(cut.status).toBe(1);
  });
});
