import type { Core } from '@strapi/strapi';
import { declarations } from '../declarations';
import { refuse } from '../utils/errors';
import type { DocumentContext, DocumentMiddleware } from './types';

/**
 * No copy of a record that holds personal data, whoever asks (the Content Manager's "Duplicate",
 * code): `403 COPY_REFUSED`, before anything is read or written. A copy of a patient's record is
 * never needed, and the Document Service's clone writes the copy itself: its values would skip
 * the sealing and the consent gate (which see creates and updates only), and the sealed values it
 * copies stay bound to the original document, so they would open as nothing in the copy.
 */
export const copyRefusal = (strapi: Core.Strapi): DocumentMiddleware => {
  const declared = declarations(strapi);
  return async (context: DocumentContext, next) => {
    if (context.action === 'clone' && declared.of(context.uid)) {
      throw refuse(403, 'COPY_REFUSED', 'A record that holds personal data is not duplicated: create a new one for its person instead');
    }
    return next();
  };
};
