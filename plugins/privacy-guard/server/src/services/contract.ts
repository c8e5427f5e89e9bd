import type { Core } from '@strapi/strapi';
import { privacyOperations } from '../contract';
import { declarations } from '../declarations';

/** The plugin's public routes as contract operations, which the app's OpenAPI document lists beside its own. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  operations: () => privacyOperations(declarations(strapi).correctableItems()),
});
