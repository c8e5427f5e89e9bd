#!/usr/bin/env node
// `npm run openapi`: writes the public contract's OpenAPI 3.1 document, the one the server serves
// at /api/openapi.json, to docs/openapi.json. It boots the compiled Strapi without HTTP (the
// plugin reads the content types' declarations at register time: the correctable items come from
// there), compiling first unless SKIP_COMPILE=true, as `npm run build` sets after Strapi's own
// compile. The contract test fails when the committed copy is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withStrapi } from './with-strapi.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await withStrapi(async (strapi) => {
  const document = strapi.service('api::openapi.openapi').document();
  fs.writeFileSync(path.join(root, 'docs', 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  console.log(`Wrote docs/openapi.json: ${operations} operations, ${Object.keys(document.components.schemas).length} schemas.`);
});
