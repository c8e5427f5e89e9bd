#!/usr/bin/env node
// `npm run ledger:migrate [-- --anchor FILE]`: keys the consent ledger's and the access log's links
// written by a version before they were keyed, once, after the upgrade. Each chain is checked
// first, in its own format and against the last anchor FILE (default PRIVACY_ANCHOR_FILE) holds
// for it; only an intact chain of the first format is keyed, and every chain that holds is
// anchored in FILE at once. A chain that is broken, or unkeyed after it was anchored (written
// anew), is left as it is and the command exits 1 naming its first bad row.
import { withStrapi } from './with-strapi.mjs';
import { anchorFileFromArgs, chainName } from './ledger-cli.mjs';

anchorFileFromArgs();

const results = await withStrapi((strapi) => strapi.plugin('privacy-guard').service('anchors').migrate(process.env.PRIVACY_ANCHOR_FILE));
console.log(JSON.stringify(results));
let ok = true;
for (const [chain, result] of Object.entries(results)) {
  const name = chainName(chain);
  if (result.refused) {
    const bad = result.refused.firstBadRow;
    console.error(
      `${name} NOT KEYED, left as it is: BROKEN after ${result.refused.rows} good row(s): row seq ${bad.seq} (${bad.problem}).`,
    );
    ok = false;
  } else {
    const keyed = result.migrated > 0 ? `${result.migrated} link(s) keyed` : 'already keyed';
    console.log(`${name}: ${keyed}, anchored at seq ${result.anchoredSeq}.`);
  }
}
process.exit(ok ? 0 : 1);
