import type { Core } from '@strapi/strapi';
import { contractDocument } from '../../../openapi';
import { privacyGuard } from '../../../utils/privacy-guard';

/** The OpenAPI document, built once per process from the operations the app and the plugin declare. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let built: Record<string, unknown> | null = null;
  return {
    document(): Record<string, unknown> {
      built ??= contractDocument(String(strapi.config.get('info.version') ?? '0.0.0'), privacyGuard(strapi).service('contract').operations());
      return built;
    },
  };
};
