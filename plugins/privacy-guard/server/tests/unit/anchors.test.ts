import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeStrapi } from '../helpers/fake-strapi';
import type { Anchor, VerifyResult } from '../../src/utils/hash-chain';

/** Reading the operator's anchor file: one line that is not an anchor costs that line, not the check. */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-anchors-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const ledgerAnchor: Anchor = {
  chain: 'consent-ledger-head',
  seq: 12,
  hash: 'a1'.repeat(32),
  at: '2025-03-02T03:30:00.000Z',
  mac: 'b2'.repeat(32),
};
const accessAnchor: Anchor = {
  chain: 'access-log-head',
  seq: 7,
  hash: 'c3'.repeat(32),
  at: '2025-03-02T03:30:00.000Z',
  mac: 'd4'.repeat(32),
};

function world() {
  const checked: Record<string, Anchor | undefined> = {};
  const chain = (name: string) => ({
    verify: async (anchor?: Anchor): Promise<VerifyResult> => {
      checked[name] = anchor;
      return { ok: true, rows: anchor?.seq ?? 0 };
    },
  });
  const strapi = fakeStrapi({ services: { ledger: chain('consent-ledger-head'), 'access-log': chain('access-log-head') } });
  const warn = jest.spyOn(strapi.log, 'warn');
  return {
    anchors: strapi.plugin('privacy-guard').service('anchors') as { verify(file: string): Promise<Record<string, unknown>> },
    checked,
    warn,
  };
}

it('Given a line cut short between two anchors, when the file is verified, then it is skipped with a warning that names its number and not its text', async () => {
  const file = path.join(scratch, 'cut-short.jsonl');
  const cut = JSON.stringify({ ...accessAnchor, seq: 9, hash: 'feedface'.repeat(8) }).slice(0, 60);
  fs.writeFileSync(file, [JSON.stringify(ledgerAnchor), cut, JSON.stringify(accessAnchor), ''].join('\n'));
  const { anchors, checked, warn } = world();

  const result = await anchors.verify(file);

  expect(result).toEqual({
    'consent-ledger-head': { ok: true, rows: 12, anchoredSeq: 12 },
    'access-log-head': { ok: true, rows: 7, anchoredSeq: 7 },
  });
  expect(checked).toEqual({ 'consent-ledger-head': ledgerAnchor, 'access-log-head': accessAnchor });
  expect(warn).toHaveBeenCalledTimes(1);
  expect(warn.mock.calls[0][0]).toMatch(/line 2 of the anchor file .* is not an anchor/);
  expect(warn.mock.calls[0][0]).not.toMatch(/feedface|access-log-head/);
});

it('Given a line of JSON that is no anchor as the last one, when the file is verified, then the anchor before it counts', async () => {
  const file = path.join(scratch, 'not-an-anchor.jsonl');
  fs.writeFileSync(file, [JSON.stringify(ledgerAnchor), JSON.stringify({ chain: 'consent-ledger-head', seq: 'thirteen' }), ''].join('\n'));
  const { anchors, checked, warn } = world();

  await anchors.verify(file);

  expect(checked['consent-ledger-head']).toEqual(ledgerAnchor);
  expect(checked['access-log-head']).toBeUndefined();
  expect(warn).toHaveBeenCalledTimes(1);
});
