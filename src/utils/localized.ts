import type { Core, UID } from '@strapi/strapi';
import type { Locale } from '../../plugins/privacy-guard/server/src';

/**
 * Reads documents of a localized content type, each in the first locale of `chain` it
 * exists in: content missing in the asked locale falls back to one it exists in. One read of
 * every locale (a read per locale of the chain before: twice the queries and transactions of
 * every booking and slot query). A type that is not localized is read as it is.
 */
export async function findLocalized<T extends { documentId: string }>(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  chain: Locale[],
  params: Record<string, unknown> = {},
): Promise<Array<T & { locale: Locale }>> {
  const rank = (document: { locale?: Locale | null }) => (document.locale ? chain.indexOf(document.locale) : 0);
  const documents = (await strapi.documents(uid).findMany({ ...params, locale: '*' } as never)) as unknown as Array<T & { locale: Locale }>;
  const byDocument = new Map<string, T & { locale: Locale }>();
  for (const document of documents) {
    if (rank(document) < 0) continue;
    const kept = byDocument.get(document.documentId);
    if (!kept || rank(document) < rank(kept)) byDocument.set(document.documentId, document);
  }
  return [...byDocument.values()].sort((a, b) => rank(a) - rank(b));
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
