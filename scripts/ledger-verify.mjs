#!/usr/bin/env node
// `npm run ledger:verify`: walks the consent ledger's hash chain; exits 1 when a row was
// edited, inserted or deleted, naming the first bad one.
import { withStrapi } from './with-strapi.mjs';

const result = await withStrapi((strapi) => strapi.plugin('privacy-guard').service('consent').verify());
console.log(JSON.stringify(result));
if (result.ok) console.log(`Consent ledger intact: ${result.rows} row(s).`);
else console.error(`Consent ledger BROKEN after ${result.rows} good row(s): row seq ${result.firstBadRow.seq} (${result.firstBadRow.problem}).`);
process.exit(result.ok ? 0 : 1);
