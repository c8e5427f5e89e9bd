#!/usr/bin/env node
// `npm run keys:rotate [-- --batch 200]`: re-encrypts every personal value under the first key
// of PRIVACY_DATA_KEYS. Put the new key first, keep the old one after it until this is done.
import { withStrapi } from './with-strapi.mjs';

const at = process.argv.indexOf('--batch');
const batchSize = at > 0 ? Number(process.argv[at + 1]) : 200;
if (!Number.isInteger(batchSize) || batchSize < 1) {
  console.error('--batch must be a positive whole number');
  process.exit(2);
}
const result = await withStrapi((strapi) => strapi.plugin('privacy-guard').service('keys').rotate({ batchSize }));
const total = Object.values(result.rotated).reduce((a, b) => a + b, 0);
console.log(JSON.stringify(result));
console.log(`Re-encrypted ${total} value(s) under key "${result.primaryKeyId}".`);
process.exit(0);
