import type { Core } from '@strapi/strapi';
import { consentGate } from './consent-gate';
import { copyRefusal } from './copy-refusal';
import { restrictionGate } from './restriction-gate';
import { encryption } from './encryption';
import { accessAudit } from './access-audit';
import { erasureOnDelete } from './erasure-on-delete';
import type { DocumentMiddleware } from './types';

/** Rules that hold whatever calls the Document Service: the admin panel, routes, scripts. */
export function registerDocumentMiddlewares(strapi: Core.Strapi) {
  const use = (middleware: DocumentMiddleware) => strapi.documents.use(middleware as never);
  // First: a refused copy reads and writes nothing.
  use(copyRefusal(strapi));
  use(consentGate(strapi));
  use(restrictionGate(strapi));
  // Before encryption: it logs staff access and masks staff lists in the decrypted results.
  use(accessAudit(strapi));
  // After the access log has seen the deletion: it becomes an erasure, and the plain delete never runs.
  use(erasureOnDelete(strapi));
  use(encryption(strapi));
}
