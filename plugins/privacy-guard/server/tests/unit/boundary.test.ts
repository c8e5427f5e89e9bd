import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The boundary runs one way: nothing under plugins/privacy-guard imports from the app (its
 * `src/`, `config/`, `database/` ...). Every import, export-from, `require` and `import()` of
 * every source file of the plugin is read with TypeScript's own pre-processor and resolved;
 * a relative one that leaves the plugin's folder fails the run, naming the file and the line.
 */
const PLUGIN = path.resolve(__dirname, '../../..');
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** The imports of `text` (a file at `file`) that reach outside `root`, as "file:line → specifier". */
function crossings(root: string, file: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith('.'))
    .filter(({ fileName }) => {
      const target = path.resolve(path.dirname(file), fileName);
      return path.relative(root, target).startsWith('..');
    })
    .map(({ fileName, pos }) => `${path.relative(root, file)}:${text.slice(0, pos).split('\n').length} → ${fileName}`);
}

// The one sanctioned way out: strapi-server.js loads the server the app's tsc compiled into dist/.
const ENTRY = path.join(PLUGIN, 'strapi-server.js');

describe('the boundary between the app and the plugin', () => {
  it('no file of the plugin imports from the app', () => {
    const found = sourceFiles(PLUGIN)
      .filter((file) => file !== ENTRY)
      .flatMap((file) => crossings(PLUGIN, file, fs.readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the plugin has source files to check (the walk reaches server and admin)', () => {
    const files = sourceFiles(PLUGIN).map((file) => path.relative(PLUGIN, file));
    expect(files).toEqual(expect.arrayContaining(['server/src/index.ts', 'server/src/services/consent.ts', 'admin/src/index.ts']));
  });

  it('a planted import of the app is found, whatever its form', () => {
    const file = path.join(PLUGIN, 'server/src/services/planted.ts');
    const text = [
      "import { fail } from '../utils/errors';",
      "import type { OutgoingMail } from '../../../../../src/api/outbox-message/services/outbox';",
      "export { publicUrl } from '../../../../../src/utils/public-url';",
      "const token = require('../../../../../src/api/booking/manage/token');",
      "const later = () => import('../../../../../config/server');",
    ].join('\n');
    expect(crossings(PLUGIN, file, text)).toEqual([
      'server/src/services/planted.ts:2 → ../../../../../src/api/outbox-message/services/outbox',
      'server/src/services/planted.ts:3 → ../../../../../src/utils/public-url',
      'server/src/services/planted.ts:4 → ../../../../../src/api/booking/manage/token',
      'server/src/services/planted.ts:5 → ../../../../../config/server',
    ]);
  });
});
