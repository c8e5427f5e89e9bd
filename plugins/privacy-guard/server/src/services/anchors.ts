import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import type { Anchor, MigrateResult, VerifyResult } from '../utils/hash-chain';

/** Where the signed heads go unless PRIVACY_ANCHOR_FILE says otherwise: beside the app, not in the database. */
const defaultFile = () => path.resolve(process.cwd(), '.tmp', 'anchors', 'chain-anchors.jsonl');

const isAnchor = (value: unknown): value is Anchor => {
  const a = value as Partial<Anchor> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.chain === 'string' &&
    Number.isInteger(a.seq) &&
    typeof a.hash === 'string' &&
    typeof a.at === 'string' &&
    typeof a.mac === 'string'
  );
};

/**
 * Anchors of the hash chains outside the database: once a day each chain's head (seq and link),
 * signed with the chain key, is appended to a file the operator keeps apart from the database and
 * its backups. `npm run ledger:verify -- --anchor FILE` checks the chains against the last line of
 * each: rows edited, cut off or written anew since then show, even by someone who could write the
 * database and knew the key.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The chains by the name their anchors carry. */
  const chains = () => ({ 'consent-ledger-head': getService(strapi, 'ledger'), 'access-log-head': getService(strapi, 'access-log') });
  const fileOf = (file?: string) => file ?? process.env.PRIVACY_ANCHOR_FILE ?? defaultFile();

  /**
   * The last anchor of each chain in a file (none when it does not exist yet). A line that is not
   * an anchor (a write cut short, a hand edit) is skipped with a warning that names its number,
   * never its text: one bad line must not stop the check of the others.
   */
  function lastAnchors(file: string): Map<string, Anchor> {
    const last = new Map<string, Anchor>();
    if (!fs.existsSync(file)) return last;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        let anchor: unknown;
        try {
          anchor = JSON.parse(line);
        } catch {
          anchor = null;
        }
        if (isAnchor(anchor)) last.set(anchor.chain, anchor);
        else strapi.log.warn(`privacy-guard: line ${index + 1} of the anchor file ${file} is not an anchor; skipped`);
      });
    return last;
  }

  /** Appends the signed heads of `names` to `target` (created 0600 in a 0700 folder); a chain still of the first format gets none. */
  async function append(target: string, names: string[]): Promise<Anchor[]> {
    const at = getService(strapi, 'clock').now();
    const anchors: Anchor[] = [];
    for (const [name, chain] of Object.entries(chains()).filter(([name]) => names.includes(name))) {
      const anchor = await chain.anchor(at);
      if (anchor) anchors.push(anchor);
      else
        strapi.log.warn(
          `privacy-guard: the ${name} chain still has links of the first, unkeyed format and is not anchored; run npm run ledger:migrate`,
        );
    }
    if (anchors.length === 0) return anchors;
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.appendFileSync(target, anchors.map((a) => JSON.stringify(a)).join('\n') + '\n', { mode: 0o600 });
    return anchors;
  }

  return {
    /** Appends the signed head of every keyed chain to the anchor file. */
    write: (file?: string): Promise<Anchor[]> => append(fileOf(file), Object.keys(chains())),

    /** Every chain verified against the last anchor the file holds for it. */
    async verify(file?: string): Promise<Record<string, VerifyResult & { anchoredSeq: number | null }>> {
      const target = fileOf(file);
      if (!fs.existsSync(target)) throw new Error(`privacy-guard: no anchor file at ${target}`);
      const last = lastAnchors(target);
      const out: Record<string, VerifyResult & { anchoredSeq: number | null }> = {};
      for (const [name, chain] of Object.entries(chains())) {
        const anchor = last.get(name);
        out[name] = { ...(await chain.verify(anchor)), anchoredSeq: anchor?.seq ?? null };
      }
      return out;
    },

    /**
     * `npm run ledger:migrate`: chains of the first, unkeyed format keyed, each checked first
     * against the file's last anchor for it (see hash-chain's migrate), and every chain that then
     * holds anchored in the file at once, so that from now on a rewrite shows against it. Never
     * at start: a start cannot tell an old chain from a database writer's rewrite, and would
     * bless the rewrite.
     */
    async migrate(file?: string): Promise<Record<string, MigrateResult & { anchoredSeq: number | null }>> {
      const target = fileOf(file);
      const last = lastAnchors(target);
      const results: Record<string, MigrateResult> = {};
      for (const [name, chain] of Object.entries(chains())) {
        const result = await chain.migrate(last.get(name));
        if ('refused' in result)
          strapi.log.error(`privacy-guard: the ${name} chain does not verify; it was left as it is, see its verification`);
        else if (result.migrated > 0) strapi.log.info(`privacy-guard: the ${name} chain's ${result.migrated} links are now keyed`);
        results[name] = result;
      }
      const anchored = await append(
        target,
        Object.keys(results).filter((name) => !('refused' in results[name])),
      );
      return Object.fromEntries(
        Object.entries(results).map(([name, result]) => [
          name,
          { ...result, anchoredSeq: anchored.find((a) => a.chain === name)?.seq ?? null },
        ]),
      );
    },
  };
};
