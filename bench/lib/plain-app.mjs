// A bare Strapi app of the same version, generated into a temp folder: what `create-strapi-app`
// makes (users-permissions, SQLite, the default middlewares), plus two plain content types for
// the baselines: `service` (10 entries, read through the generic REST route) and `note` (a small
// document, created through it). No network: node_modules is a link to this project's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './env.mjs';

const files = {
  'package.json': JSON.stringify({ name: 'plain-strapi', private: true, version: '0.0.0', dependencies: { '@strapi/strapi': '5.54.0', '@strapi/plugin-users-permissions': '5.54.0', 'better-sqlite3': '*' } }),
  'config/server.js': `module.exports = ({ env }) => ({ host: env('HOST', '127.0.0.1'), port: env.int('PORT', 1337), app: { keys: env.array('APP_KEYS') } });`,
  'config/database.js': `module.exports = ({ env }) => ({ connection: { client: 'sqlite', connection: { filename: env('DATABASE_FILENAME') }, useNullAsDefault: true } });`,
  'config/admin.js': `module.exports = ({ env }) => ({ serveAdminPanel: false, auth: { secret: env('ADMIN_JWT_SECRET') }, apiToken: { salt: env('API_TOKEN_SALT') }, transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } } });`,
  'config/middlewares.js': `module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];`,
  'config/plugins.js': `module.exports = () => ({});`,
  'config/api.js': `module.exports = { rest: { defaultLimit: 25, maxLimit: 100, withCount: true } };`,
  'public/uploads/.gitkeep': '',
  'src/index.js': `module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const action of ['api::service.service.find', 'api::note.note.create']) {
      const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
      if (!exists) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
    const services = strapi.documents('api::service.service');
    for (let n = (await services.count({})); n < 10; n += 1) {
      await services.create({ data: { name: 'Treatment ' + (n + 1), description: 'A made-up treatment.', durationMinutes: 30 }, status: 'published' });
    }
  },
};`,
  'src/api/service/content-types/service/schema.json': JSON.stringify({
    kind: 'collectionType', collectionName: 'services', info: { singularName: 'service', pluralName: 'services', displayName: 'Service' },
    options: { draftAndPublish: true }, attributes: { name: { type: 'string' }, description: { type: 'text' }, durationMinutes: { type: 'integer' } },
  }),
  'src/api/note/content-types/note/schema.json': JSON.stringify({
    kind: 'collectionType', collectionName: 'notes', info: { singularName: 'note', pluralName: 'notes', displayName: 'Note' },
    options: { draftAndPublish: false }, attributes: { title: { type: 'string' }, body: { type: 'text' } },
  }),
};
for (const name of ['service', 'note']) {
  const uid = `api::${name}.${name}`;
  files[`src/api/${name}/routes/${name}.js`] = `module.exports = require('@strapi/strapi').factories.createCoreRouter('${uid}');`;
  files[`src/api/${name}/controllers/${name}.js`] = `module.exports = require('@strapi/strapi').factories.createCoreController('${uid}');`;
  files[`src/api/${name}/services/${name}.js`] = `module.exports = require('@strapi/strapi').factories.createCoreService('${uid}');`;
}

/** Writes the app and returns its folder and a remover. */
export function generatePlainApp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-plain-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
