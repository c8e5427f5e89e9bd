import type { Core } from '@strapi/strapi';

/** A relation's join table as Strapi's metadata describes it. */
export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

type Metadata = { tableName: string; attributes: Record<string, { columnName?: string; joinTable?: JoinTable; target?: string } | undefined> };
const metadataOf = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid as never) as unknown as Metadata;

/** Table and column names come from Strapi's metadata, never from a literal: a content type's collectionName is its table. */
export const tableOf = (strapi: Core.Strapi, uid: string): string => metadataOf(strapi, uid).tableName;

export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string => metadataOf(strapi, uid).attributes[attribute]?.columnName ?? attribute;

export function joinOf(strapi: Core.Strapi, uid: string, attribute: string): JoinTable {
  const join = metadataOf(strapi, uid).attributes[attribute]?.joinTable;
  if (!join) throw new Error(`privacy-guard: ${uid}.${attribute} has no join table`);
  return join;
}

/** The content type a relation points to. */
export function targetOf(strapi: Core.Strapi, uid: string, attribute: string): string {
  const target = metadataOf(strapi, uid).attributes[attribute]?.target;
  if (!target) throw new Error(`privacy-guard: ${uid}.${attribute} is no relation`);
  return target;
}
