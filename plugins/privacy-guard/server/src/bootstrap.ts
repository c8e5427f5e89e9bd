import type { Core } from '@strapi/strapi';
import { registerDocumentMiddlewares } from './document-middlewares';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  registerDocumentMiddlewares(strapi);
};
