import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import services from '../../src/services';
import pluginConfig from '../../src/config';
import type { HostApp } from '../../src/services/host';
import { HOST_CONTENT_TYPES } from '../fixtures/host-app';

type Factories = typeof services;
type Fakes = { [N in keyof Factories]?: Partial<ReturnType<Factories[N]>> };

export interface FakeStrapiOptions {
  /** What the host app provides (only the parts a test reaches need to be there). */
  host?: Partial<HostApp>;
  /** Services replaced by fakes; every other service is the plugin's own, made on first use. */
  services?: Fakes;
  /** A real knex (e.g. SQLite in memory) behind `strapi.db.connection` and `strapi.db.transaction`. */
  knex?: Knex;
  /** Table names by uid; `strapi.db.metadata.get(uid)` answers these (and attributes when given). */
  metadata?: Record<string, { tableName: string; attributes?: Record<string, unknown> }>;
  /** `strapi.db.query(uid)`: what each uid's query answers. */
  queries?: Record<string, Record<string, (params: Record<string, unknown>) => unknown>>;
  /** Other plugins' services: `strapi.plugin(name).service(service)`. */
  plugins?: Record<string, Record<string, unknown>>;
  config?: Record<string, unknown>;
  /** The content types whose `pluginOptions["privacy-guard"]` declarations the plugin reads (`strapi.contentTypes`); a clinic's by default. */
  contentTypes?: Record<string, unknown>;
}

/**
 * A small stand-in for `strapi`: enough for one plugin service at a time, with the plugin's own
 * services wired the way Strapi wires them (`strapi.plugin('privacy-guard').service(name)`).
 */
export function fakeStrapi(options: FakeStrapiOptions = {}): Core.Strapi {
  const made = new Map<string, unknown>();
  const config: Record<string, unknown> = { 'plugin::privacy-guard': { ...pluginConfig.default }, ...options.config };
  const strapi = {
    plugin(name: string) {
      if (name !== 'privacy-guard') return { service: (s: string) => options.plugins?.[name]?.[s] };
      return {
        service(service: keyof Factories) {
          if (!made.has(service)) {
            const fake = options.services?.[service];
            made.set(service, fake ?? (services[service] as (c: { strapi: unknown }) => unknown)({ strapi }));
          }
          return made.get(service);
        },
      };
    },
    contentTypes: options.contentTypes ?? HOST_CONTENT_TYPES,
    config: { get: (key: string, fallback?: unknown) => (key in config ? config[key] : fallback) },
    log: { info() {}, warn() {}, error() {}, debug() {} },
    db: {
      dialect: { client: 'sqlite' },
      get connection() {
        if (!options.knex) throw new Error('fake strapi: this test gave no knex');
        return options.knex;
      },
      transaction: async <T>(fn: (c: { trx: Knex | Knex.Transaction }) => Promise<T>): Promise<T> => {
        if (!options.knex) throw new Error('fake strapi: this test gave no knex');
        return options.knex.transaction((trx) => fn({ trx }));
      },
      metadata: {
        get(uid: string) {
          const found = options.metadata?.[uid];
          if (!found) throw new Error(`fake strapi: no metadata for ${uid}`);
          return found;
        },
      },
      query(uid: string) {
        const found = options.queries?.[uid];
        if (!found) throw new Error(`fake strapi: no query for ${uid}`);
        return found;
      },
    },
  } as unknown as Core.Strapi;
  if (options.host) (strapi.plugin('privacy-guard').service('host') as { provide(h: unknown): void }).provide(options.host);
  return strapi;
}
