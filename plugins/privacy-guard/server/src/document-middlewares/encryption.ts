import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { declarations } from '../declarations';
import type { DocumentContext, DocumentMiddleware } from './types';

type Row = Record<string, unknown>;

/** A documentId from the generator Strapi gives every content type (its model's default). */
const newDocumentId = (strapi: Core.Strapi, uid: string): string => {
  const attribute = strapi.db.metadata.get(uid as never).attributes.documentId as { default?: () => string } | undefined;
  if (typeof attribute?.default !== 'function') throw new Error(`privacy-guard: ${uid} has no documentId generator`);
  return attribute.default();
};
type Crypto = ReturnType<typeof getService<'crypto'>>;

const WRITES = new Set(['create', 'update']);

/**
 * Encrypts the personal fields of a create or update and fills the keyed-hash lookup columns
 * from the plaintext; decrypts them in whatever comes back (entries, lists, populated
 * relations). Everyone else writes and reads plaintext through `strapi.documents(...)`.
 */
export const encryption = (strapi: Core.Strapi): DocumentMiddleware => {
  const crypto = getService(strapi, 'crypto');
  const declared = declarations(strapi);
  return async (context: DocumentContext, next) => {
    if (WRITES.has(context.action) && context.params?.data && declared.of(context.uid)?.encrypted.length) {
      const data = context.params.data;
      // A new document's id is chosen here, from Strapi's own generator, so that its values can be sealed for it.
      if (context.action === 'create' && !data.documentId) data.documentId = newDocumentId(strapi, context.uid);
      const documentId = (context.params.documentId as string | undefined) ?? (data.documentId as string);
      context.params.data = crypto.sealFields(context.uid, data, documentId);
    }
    const result = await next();
    return openResult(strapi, crypto, context.uid, result);
  };
};

/** Walks a Document Service result (an entry, a list, `{ entries }`) and opens every envelope in it. */
function openResult(strapi: Core.Strapi, crypto: Crypto, uid: string, result: unknown): unknown {
  if (Array.isArray(result)) return result.map((entry) => openResult(strapi, crypto, uid, entry));
  if (!result || typeof result !== 'object') return result;
  const entry = result as Row;
  if (Array.isArray(entry.entries) && !('id' in entry)) {
    return { ...entry, entries: entry.entries.map((e) => openEntry(strapi, crypto, uid, e as Row)) };
  }
  return openEntry(strapi, crypto, uid, entry);
}

function openEntry(strapi: Core.Strapi, crypto: Crypto, uid: string, entry: Row): Row {
  if (!entry || typeof entry !== 'object') return entry;
  const opened: Row = { ...entry };
  for (const field of declarations(strapi).of(uid)?.encrypted ?? []) {
    if (typeof opened[field] === 'string') opened[field] = crypto.openField(uid, field, entry.documentId as string | undefined, opened[field]);
  }
  const model = strapi.getModel(uid as never) as { attributes?: Record<string, { type: string; target?: string }> } | undefined;
  const attributes = model?.attributes ?? {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.type !== 'relation' || !attribute.target || !opened[name] || typeof opened[name] !== 'object') continue;
    opened[name] = openResult(strapi, crypto, attribute.target, opened[name]);
  }
  return opened;
}
