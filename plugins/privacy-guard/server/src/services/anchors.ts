import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import type { Anchor, VerifyResult } from '../utils/hash-chain';

/** Where the signed heads go unless PRIVACY_ANCHOR_FILE says otherwise: beside the app, not in the database. */
const defaultFile = () => path.resolve(process.cwd(), '.tmp', 'anchors', 'chain-anchors.jsonl');

/** The anchors a file holds, oldest first (none when it does not exist yet). */
function readAnchors(file: string): Anchor[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Anchor);
}

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

  return {
    /** Appends the signed head of every chain to the anchor file (created 0600 in a 0700 folder). */
    async write(file?: string): Promise<Anchor[]> {
      const at = getService(strapi, 'clock').now();
      const anchors = await Promise.all(Object.values(chains()).map((chain) => chain.anchor(at)));
      const target = fileOf(file);
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      fs.appendFileSync(target, anchors.map((a) => JSON.stringify(a)).join('\n') + '\n', { mode: 0o600 });
      return anchors;
    },

    /** Every chain verified against the last anchor the file holds for it. */
    async verify(file?: string): Promise<Record<string, VerifyResult & { anchoredSeq: number | null }>> {
      const target = fileOf(file);
      if (!fs.existsSync(target)) throw new Error(`privacy-guard: no anchor file at ${target}`);
      const last = new Map<string, Anchor>();
      for (const anchor of readAnchors(target)) last.set(anchor.chain, anchor);
      const out: Record<string, VerifyResult & { anchoredSeq: number | null }> = {};
      for (const [name, chain] of Object.entries(chains())) {
        const anchor = last.get(name);
        out[name] = { ...(await chain.verify(anchor)), anchoredSeq: anchor?.seq ?? null };
      }
      return out;
    },

    /**
     * Both chains keyed (see hash-chain's migrate); at start. A chain that was already anchored is
     * keyed already: finding it unkeyed means someone wrote it anew, and it is left as it is (its
     * verification against the anchor names the row) rather than linked anew, which would bless it.
     */
    async migrate() {
      const anchored = new Set(readAnchors(fileOf()).map((a) => a.chain));
      const results: Record<string, unknown> = {};
      for (const [name, chain] of Object.entries(chains())) {
        if (anchored.has(name)) continue;
        const result = await chain.migrate();
        if ('broken' in result) strapi.log.error(`privacy-guard: the ${name} chain is broken; it was left unkeyed, see its verification`);
        else if (result.migrated > 0) strapi.log.info(`privacy-guard: the ${name} chain's ${result.migrated} links are now keyed`);
        results[name] = result;
      }
      return results;
    },
  };
};
