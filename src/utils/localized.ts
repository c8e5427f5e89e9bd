import type { Core, UID } from '@strapi/strapi';
import type { Locale } from './locale';

/**
 * Reads documents of a localized content type, each in the first locale of `chain` it
 * exists in: content missing in the asked locale falls back to one it exists in.
 */
export async function findLocalized<T extends { documentId: string }>(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  chain: Locale[],
  params: Record<string, unknown> = {},
): Promise<Array<T & { locale: Locale }>> {
  const byDocument = new Map<string, T & { locale: Locale }>();
  for (const locale of chain) {
    const documents = (await strapi.documents(uid).findMany({ ...params, locale } as never)) as unknown as Array<
      T & { locale: Locale }
    >;
    for (const document of documents) {
      if (!byDocument.has(document.documentId)) byDocument.set(document.documentId, document);
    }
  }
  return [...byDocument.values()];
}

/** One document, in the first locale of `chain` it exists in: one read when it exists in the first (the usual case). */
export async function findOneLocalized<T extends { documentId: string }>(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  chain: Locale[],
  documentId: string,
  params: Record<string, unknown> = {},
): Promise<(T & { locale: Locale }) | null> {
  for (const locale of chain) {
    const document = (await strapi.documents(uid).findOne({ ...params, documentId, locale } as never)) as unknown as
      | (T & { locale: Locale })
      | null;
    if (document) return document;
  }
  return null;
}
