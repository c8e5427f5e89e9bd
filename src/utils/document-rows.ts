import type { Core, UID } from '@strapi/strapi';

/**
 * A new documentId from the generator Strapi itself gives every content type's `documentId`
 * (its database model's default), for rows written through `strapi.db` whose id must be known
 * before the write (a mail about a reservation names it).
 */
export function newDocumentId(strapi: Core.Strapi, uid: UID.ContentType): string {
  const attribute = strapi.db.metadata.get(uid).attributes.documentId as { default?: () => string };
  if (typeof attribute?.default !== 'function') throw new Error(`${uid} has no documentId generator`);
  return attribute.default();
}
