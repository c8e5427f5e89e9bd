#!/usr/bin/env node
// `npm run ledger:verify [-- --anchor FILE]`: walks the consent ledger's and the access log's hash
// chains; with --anchor, also checks each against the last signed head in FILE (written daily by
// the server, kept by the operator apart from the database). Exits 1 when a row was edited,
// inserted, deleted or the chain written anew, naming the first bad one, and when a chain still
// has links of the first, unkeyed format (UNKEYED_FORMAT: not verified until `npm run ledger:migrate`).
import { withStrapi } from './with-strapi.mjs';
import { anchorFileFromArgs, chainName } from './ledger-cli.mjs';

const anchorFile = anchorFileFromArgs();

const results = await withStrapi(async (strapi) => {
  const plugin = strapi.plugin('privacy-guard');
  if (anchorFile) return plugin.service('anchors').verify(anchorFile);
  return { 'consent-ledger-head': await plugin.service('ledger').verify(), 'access-log-head': await plugin.service('access-log').verify() };
});
console.log(JSON.stringify(results));
let ok = true;
for (const [chain, result] of Object.entries(results)) {
  const name = chainName(chain);
  const anchored = result.anchoredSeq === undefined ? '' : result.anchoredSeq === null ? ' (no anchor for it in the file)' : `, anchored at seq ${result.anchoredSeq}`;
  if (result.ok) console.log(`${name} intact: ${result.rows} row(s)${anchored}.`);
  else if (result.reason === 'UNKEYED_FORMAT')
    console.error(
      `${name} NOT VERIFIED (UNKEYED_FORMAT): its first ${result.unkeyedRows} of ${result.rows} row(s) are linked in the first, unkeyed format, ` +
        `which anyone who can write the database can recompute${anchored}. Key it once with npm run ledger:migrate -- --anchor FILE; ` +
        `a chain that was keyed before and shows this was written anew.`,
    );
  else console.error(`${name} BROKEN after ${result.rows} good row(s): row seq ${result.firstBadRow.seq} (${result.firstBadRow.problem})${anchored}.`);
  ok &&= result.ok;
}
process.exit(ok ? 0 : 1);
