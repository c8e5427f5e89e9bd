import type { Core } from '@strapi/strapi';
import { contractDocument, type Operation } from '../../../openapi';

/** The OpenAPI document, built once per process from the operations the app and the plugin declare. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let built: Record<string, unknown> | null = null;
  return {
    document(): Record<string, unknown> {
      const plugin = strapi.plugin('privacy-guard')?.service('contract') as { operations(): Operation[] } | undefined;
      built ??= contractDocument(String(strapi.config.get('info.version') ?? '0.0.0'), plugin?.operations() ?? []);
      return built;
    },
  };
};
