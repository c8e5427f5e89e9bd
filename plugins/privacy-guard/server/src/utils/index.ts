import type { Core } from '@strapi/strapi';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<N extends ServiceName> = ReturnType<Services[N]>;

/** Typed access to the plugin's services. */
export function getService<N extends ServiceName>(strapi: Core.Strapi, name: N): Service<N> {
  return strapi.plugin('privacy-guard').service(name) as Service<N>;
}

/** What the host app provided (`services/host.ts`): its outbox, consent items, policy versions, clinic settings, reservations. */
export const host = (strapi: Core.Strapi) => getService(strapi, 'host').app();
