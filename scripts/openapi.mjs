#!/usr/bin/env node
// `npm run openapi`: writes the public contract's OpenAPI 3.1 document (the one the server serves
// at /api/openapi.json) to docs/openapi.json from the compiled server (compiling it first unless
// SKIP_COMPILE=true, as `npm run build` sets right after Strapi's own compile). The contract test
// fails when the committed copy is stale.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
if (process.env.SKIP_COMPILE !== 'true') {
  const compiled = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (compiled.status !== 0) process.exit(compiled.status ?? 1);
}
const { contractDocument } = require(path.join(root, 'dist', 'src', 'openapi'));
const plugin = require(path.join(root, 'dist', 'plugins', 'privacy-guard', 'server', 'src', 'contract'));
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const document = contractDocument(version, plugin.operations ?? []);
fs.writeFileSync(path.join(root, 'docs', 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
console.log(`Wrote docs/openapi.json: ${operations} operations, ${Object.keys(document.components.schemas).length} schemas.`);
