import path from 'node:path';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from './database';

export const APP_DIR = path.resolve(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  request: () => supertest.Agent;
  database: TestDatabase;
  /** Listens on a free loopback port (for a real browser) and returns the server's origin. */
  listen(): Promise<string>;
  /** Stops this Strapi and boots a new one on the same database, as a restart of the server would. */
  restart(): Promise<TestApp>;
  stop(): Promise<void>;
}

/** A schema as a content type's schema.json holds it. */
export interface SchemaJson {
  attributes: Record<string, Record<string, unknown>>;
  pluginOptions?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface StartOptions {
  serveAdminPanel?: boolean;
  /**
   * Changes a content type's schema.json as Strapi loads it, before any plugin's register reads
   * it: what a developer's edit of the file would do (the test gets a copy, the file stays).
   */
  schema?: (uid: string, schema: SchemaJson) => void;
}

type ContentTypeRegistry = { add(namespace: string, definitions: Record<string, { schema: SchemaJson }>): void };

/** Lets `edit` change each content type's definition on its way into Strapi's registry. */
function editSchemas(strapi: Core.Strapi, edit: NonNullable<StartOptions['schema']>) {
  const registry = strapi.get('content-types') as ContentTypeRegistry;
  const add = registry.add.bind(registry);
  registry.add = (namespace, definitions) => {
    const edited = Object.fromEntries(
      Object.entries(definitions).map(([name, definition]) => {
        const copy = { ...definition, schema: structuredClone(definition.schema) };
        edit(namespace.endsWith('::') ? `${namespace}${name}` : `${namespace}.${name}`, copy.schema);
        return [name, copy];
      }),
    );
    add(namespace, edited);
  };
}

/**
 * Boots the real Strapi (compiled once by the global setup) on a fresh database, mounts its
 * HTTP server without listening, and tears everything down again.
 */
export const startStrapi = async (env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApp> =>
  boot(await createTestDatabase(), env, options);

async function boot(database: TestDatabase, env: Record<string, string>, options: StartOptions): Promise<TestApp> {
  Object.assign(process.env, database.env, env);
  const instance = createStrapi({
    appDir: APP_DIR,
    distDir: path.join(APP_DIR, 'dist'),
    autoReload: false,
    // The admin panel is served only by browser tests that need it (built into dist/build, see tests/helpers/admin-build.ts).
    serveAdminPanel: options.serveAdminPanel ?? false,
  });
  if (options.schema) editSchemas(instance, options.schema);
  let strapi: Core.Strapi;
  try {
    strapi = await instance.load();
    await strapi.server.mount();
  } catch (error) {
    // A Strapi that failed to boot still holds its database connection: close it so jest can exit.
    await instance.destroy().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw error;
  }
  const request = () => supertest.agent(strapi.server.httpServer);
  return {
    strapi,
    request,
    database,
    async listen() {
      const server = strapi.server.httpServer;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address() as AddressInfo;
      return `http://127.0.0.1:${address.port}`;
    },
    async restart() {
      await strapi.destroy();
      return boot(database, env, options);
    },
    async stop() {
      await strapi.destroy();
      await database.drop();
      for (const key of Object.keys(env)) delete process.env[key];
    },
  };
}
