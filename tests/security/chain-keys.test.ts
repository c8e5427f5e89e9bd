import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startStrapi, APP_DIR, type TestApp } from '../helpers/strapi';
import { privacy, RESERVATION_CONSENTS } from '../helpers/privacy';
import { GENESIS, rowHash } from '../../plugins/privacy-guard/server/src/services/ledger';

/**
 * Tamper evidence that survives a database writer: the chains' links are keyed (HMAC, key from the
 * environment) and their heads are anchored daily in a file kept outside the database. The server
 * starts with tests/helpers/env.ts's own anchor file; the operator's file here is another one, as
 * on an instance that keeps none of its own.
 */
let app: TestApp;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-anchors-'));
const anchorFile = path.join(scratch, 'chain-anchors.jsonl');
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

type Raw = Record<string, unknown> & { id: number; seq: number; prev_hash: string; hash: string };
type Verified = { ok: boolean; rows: number; reason?: string; unkeyedRows?: number; firstBadRow?: { seq: number | null; problem: string } };
const table = () => app.strapi.db.connection('privacy_consent_ledger');
const plugin = () => app.strapi.plugin('privacy-guard');
const ledger = () =>
  plugin().service('ledger') as { verify(anchor?: unknown): Promise<Verified>; migrate(anchor?: unknown): Promise<unknown> };
const anchors = () =>
  plugin().service('anchors') as {
    write(file?: string): Promise<Array<{ chain: string; seq: number; mac: string }>>;
    verify(file?: string): Promise<Record<string, Verified>>;
    migrate(file?: string): Promise<Record<string, { migrated: number; refused?: Verified; anchoredSeq: number | null }>>;
  };
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
    occurredAt: new Date(
      String(raw.occurred_at).includes('T') || typeof raw.occurred_at !== 'string' ? (raw.occurred_at as string) : `${raw.occurred_at}Z`,
    ).toISOString(),
    ...(raw.scope !== undefined ? { scope: raw.scope } : {}),
  } as never);

/** Links every row again with `link` (what a database writer, or a version before keyed links, would do), head included. */
async function relink(link: (raw: Raw, prevHash: string) => string) {
  const rows = (await table().orderBy('seq')) as Raw[];
  let prev = GENESIS;
  for (const raw of rows) {
    const hash = link(raw, prev);
    await table().where('id', raw.id).update({ prev_hash: prev, hash });
    prev = hash;
  }
  const last = rows[rows.length - 1];
  await app.strapi
    .store({ type: 'plugin', name: 'privacy-guard' })
    .set({ key: 'consent-ledger-head', value: { seq: Number(last.seq), hash: prev } });
}

const recordConsents = async (count: number, name: string) => {
  const { consent } = privacy(app.strapi);
  for (let i = 0; i < count; i++) {
    await consent.record({
      scope: 'subject',
      subjectId: consent.subjectIdFor(`${name}${i}@example.test`),
      channel: 'reservation',
      consents: RESERVATION_CONSENTS,
      actor: 'self',
      clientAddress: null,
    });
  }
};
const ledgerLines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('consent-ledger-head')).length;

/** An operator's command (`npm run ledger:verify`, `npm run ledger:migrate`) run for real against the test's database. */
const script = (name: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(APP_DIR, 'scripts', name), ...args], {
    cwd: APP_DIR,
    env: { ...process.env, SKIP_COMPILE: 'true', LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });

let snapshot: Raw[];
beforeEach(async () => {
  if (Number((await table().count({ n: '*' }))[0].n) === 0) await recordConsents(4, 'chain.person');
  snapshot = (await table().orderBy('seq')) as Raw[];
});
afterEach(async () => {
  await table().delete();
  for (const row of snapshot) await table().insert(row);
  const last = snapshot[snapshot.length - 1];
  await app.strapi
    .store({ type: 'plugin', name: 'privacy-guard' })
    .set({ key: 'consent-ledger-head', value: { seq: Number(last.seq), hash: last.hash } });
  expect((await ledger().verify()).ok).toBe(true);
});

describe('keyed links', () => {
  it('a row edited and the chain re-hashed with plain SHA-256 (without the key) is not intact: it shows as the first, unkeyed format', async () => {
    await table().where('seq', 3).update({ action: 'withdrawn' });
    await relink(canonical);
    expect(await ledger().verify()).toEqual({ ok: false, rows: snapshot.length, reason: 'UNKEYED_FORMAT', unkeyedRows: snapshot.length });
  });

  it("a chain of the first format is reported as such, also with this version's keyed rows after it, until the operator's migration keys it", async () => {
    await relink(canonical);
    await recordConsents(1, 'chain.after-upgrade');
    const rows = Number((await table().count({ n: '*' }))[0].n);
    expect(await ledger().verify()).toEqual({ ok: false, rows, reason: 'UNKEYED_FORMAT', unkeyedRows: snapshot.length });
    expect(await ledger().migrate()).toEqual({ migrated: rows });
    expect(await ledger().verify()).toEqual({ ok: true, rows });
  });

  it('a broken chain of the first format is refused by the migration and left as it is', async () => {
    await relink(canonical);
    await table().where('seq', 2).update({ item_key: 'third_party_provision' });
    const before = await table().orderBy('seq');
    expect(await ledger().migrate()).toEqual({
      migrated: 0,
      refused: expect.objectContaining({ firstBadRow: expect.objectContaining({ seq: 2, problem: 'edited' }) }),
    });
    expect(await table().orderBy('seq')).toEqual(before);
  });

  it('a bare SHA-256 link after a keyed one was written without the key: the row is named', async () => {
    const last = snapshot[snapshot.length - 1];
    const hash = canonical({ ...last, action: 'withdrawn' }, String(last.prev_hash));
    await table().where('id', last.id).update({ action: 'withdrawn', hash });
    await app.strapi
      .store({ type: 'plugin', name: 'privacy-guard' })
      .set({ key: 'consent-ledger-head', value: { seq: Number(last.seq), hash } });
    expect(await ledger().verify()).toMatchObject({ ok: false, firstBadRow: { seq: Number(last.seq), problem: 'edited' } });
  });
});

describe('anchors outside the database', () => {
  it('are appended signed, to a file only the owner can read', async () => {
    const written = await anchors().write(anchorFile);
    expect(written.map((a) => a.seq)).toContain(snapshot.length);
    expect(fs.statSync(anchorFile).mode & 0o777).toBe(0o600);
    expect(Object.values(await anchors().verify(anchorFile)).every((r) => r.ok)).toBe(true);
  });

  it('a chain cut short and its head moved back, which verifies on its own, fails against the last anchor', async () => {
    await anchors().write(anchorFile);
    const last = snapshot[snapshot.length - 1];
    await table().where('id', last.id).delete();
    const before = snapshot[snapshot.length - 2];
    await app.strapi
      .store({ type: 'plugin', name: 'privacy-guard' })
      .set({ key: 'consent-ledger-head', value: { seq: Number(before.seq), hash: before.hash } });
    expect((await ledger().verify()).ok).toBe(true);
    const result = await anchors().verify(anchorFile);
    expect(result['consent-ledger-head']).toMatchObject({ ok: false, firstBadRow: { problem: 'rewritten' } });
  });

  it('a chain written anew by someone who holds the key fails against the last anchor', async () => {
    await anchors().write(anchorFile);
    await table().where('seq', 2).update({ action: 'withdrawn' });
    await relink((raw, prev) => chainMac(canonical(raw, prev)));
    expect((await ledger().verify()).ok).toBe(true);
    expect((await anchors().verify(anchorFile))['consent-ledger-head']).toMatchObject({ ok: false, firstBadRow: { problem: 'rewritten' } });
  });

  it('an anchor line forged without the key is refused', async () => {
    const forged = path.join(scratch, 'forged.jsonl');
    fs.writeFileSync(
      forged,
      `${JSON.stringify({ chain: 'consent-ledger-head', seq: 1, hash: String(snapshot[0].hash), at: new Date().toISOString(), mac: 'f'.repeat(64) })}\n`,
    );
    await expect(anchors().verify(forged)).rejects.toThrow(/not one this server signed/);
  });

  it('npm run ledger:verify -- --anchor FILE exits 1 on a chain cut short since the anchor, and 0 on an intact one', async () => {
    await anchors().write(anchorFile);
    const intact = script('ledger-verify.mjs', ['--anchor', anchorFile]);
    expect(intact.stdout).toMatch(/Consent ledger intact/);
    expect(intact.status).toBe(0);
    const last = snapshot[snapshot.length - 1];
    await table().where('id', last.id).delete();
    const before = snapshot[snapshot.length - 2];
    await app.strapi
      .store({ type: 'plugin', name: 'privacy-guard' })
      .set({ key: 'consent-ledger-head', value: { seq: Number(before.seq), hash: before.hash } });
    const cut = script('ledger-verify.mjs', ['--anchor', anchorFile]);
    expect(cut.stderr).toMatch(/Consent ledger BROKEN .*rewritten/);
    expect(cut.status).toBe(1);
  });

  it('npm run ledger:verify -- --anchor FILE does not launder a chain rewritten in the first format past the anchor: it names the first row after it', async () => {
    const [anchored] = (await anchors().write(anchorFile)).filter((a) => a.chain === 'consent-ledger-head');
    await recordConsents(1, 'chain.after-anchor');
    await table()
      .where('seq', anchored.seq + 2)
      .update({ action: 'withdrawn' });
    await relink(canonical);
    // Checked on an instance that keeps no anchor file of its own.
    const run = script('ledger-verify.mjs', ['--anchor', anchorFile], {
      PRIVACY_ANCHOR_FILE: path.join(scratch, 'none', 'chain-anchors.jsonl'),
    });
    expect(run.stderr).toContain(
      `Consent ledger BROKEN after ${anchored.seq} good row(s): row seq ${anchored.seq + 1} (rewritten), anchored at seq ${anchored.seq}.`,
    );
    expect(run.status).toBe(1);
    expect(
      (
        await table()
          .where('seq', anchored.seq + 2)
          .first()
      ).action,
    ).toBe('withdrawn');
    expect((await ledger().verify()).reason).toBe('UNKEYED_FORMAT');
  });

  it('the migration refuses a chain found unkeyed after it was anchored, and anchors nothing for it', async () => {
    await anchors().write(anchorFile);
    await table().where('seq', 2).update({ action: 'withdrawn' });
    await relink(canonical);
    const lines = ledgerLines(anchorFile);
    const result = await anchors().migrate(anchorFile);
    expect(result['consent-ledger-head']).toMatchObject({
      migrated: 0,
      refused: { ok: false, firstBadRow: { problem: 'rewritten' } },
      anchoredSeq: null,
    });
    expect(ledgerLines(anchorFile)).toBe(lines);
    expect(await ledger().verify()).toMatchObject({ ok: false, reason: 'UNKEYED_FORMAT' });
  });

  it('npm run ledger:migrate -- --anchor FILE keys a chain of the first format and anchors it at once; until then it is not anchored', async () => {
    const fresh = path.join(scratch, 'migrated', 'chain-anchors.jsonl');
    await relink(canonical);
    expect((await anchors().write(fresh)).map((a) => a.chain)).not.toContain('consent-ledger-head');
    const run = script('ledger-migrate.mjs', ['--anchor', fresh]);
    expect(run.stdout).toContain(`Consent ledger: ${snapshot.length} link(s) keyed, anchored at seq ${snapshot.length}.`);
    expect(run.status).toBe(0);
    expect(await ledger().verify()).toEqual({ ok: true, rows: snapshot.length });
    expect(await anchors().verify(fresh)).toMatchObject({ 'consent-ledger-head': { ok: true, anchoredSeq: snapshot.length } });
  });
});
