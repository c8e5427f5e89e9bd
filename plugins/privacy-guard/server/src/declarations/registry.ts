import type { Core, UID } from '@strapi/strapi';
import type { z } from 'zod';
import type { LookupKind } from '../utils/normalise';
import {
  PLUGIN,
  attributeDeclaration,
  contentTypeDeclaration,
  type GatedChannel,
  type Mask,
  type RecordKind,
  type RuleName,
} from './vocabulary';

export interface DeclaredField {
  name: string;
  lookup?: LookupKind;
  correctable?: string;
  mask: Mask;
  /** Where it stands in the record's my-data entry (false: not there). */
  export: string | false;
}

export interface DeclaredType {
  uid: string;
  record?: RecordKind;
  /** The attribute linking a record to its subject (null: the type names none). */
  subject: string | null;
  consent?: GatedChannel;
  restrictable: boolean;
  audited: boolean;
  erasure: 'delete' | 'blank';
  retention: RuleName[];
  fields: DeclaredField[];
  /** The personal fields, by name: what is sealed at rest. */
  encrypted: string[];
  /** Which lookup hash attribute each personal field feeds (`emailHash` → `email`). */
  lookups: Partial<Record<`${LookupKind}Hash`, string>>;
}

type Attribute = { type?: string; pluginOptions?: Record<string, unknown> };
type Schema = { attributes?: Record<string, Attribute>; pluginOptions?: Record<string, unknown> };

/** A declaration that does not hold: the start stops with the content type and field named. */
export class DeclarationError extends Error {
  constructor(uid: string, where: string, problem: string) {
    super(`privacy-guard: ${uid}${where ? ` ${where}` : ''}: ${problem}`);
    this.name = 'DeclarationError';
  }
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');

function readType(uid: string, schema: Schema): DeclaredType | null {
  const attributes = schema.attributes ?? {};
  const own = schema.pluginOptions?.[PLUGIN];
  const declaredAttributes = Object.entries(attributes).filter(([, a]) => a?.pluginOptions?.[PLUGIN] !== undefined);
  if (own === undefined && declaredAttributes.length === 0) return null;

  const parsed = contentTypeDeclaration.safeParse(own ?? {});
  if (!parsed.success) throw new DeclarationError(uid, `pluginOptions["${PLUGIN}"]`, issues(parsed.error));
  const declaration = parsed.data;
  const subjectDeclared = own !== null && typeof own === 'object' && 'subject' in own;
  if (subjectDeclared && !attributes[declaration.subject]) {
    throw new DeclarationError(uid, `pluginOptions["${PLUGIN}"].subject`, `names "${declaration.subject}", which is no attribute of it`);
  }
  const subject = attributes[declaration.subject] ? declaration.subject : null;
  if ((declaration.consent || declaration.restrictable) && !subject) {
    throw new DeclarationError(uid, `pluginOptions["${PLUGIN}"]`, 'a consent-gated or restrictable type needs the attribute that links it to its subject');
  }
  if (declaration.restrictable && attributes.restricted?.type !== 'boolean') {
    throw new DeclarationError(uid, `pluginOptions["${PLUGIN}"].restrictable`, 'a restrictable type needs a boolean attribute "restricted"');
  }

  const fields: DeclaredField[] = [];
  const lookups: DeclaredType['lookups'] = {};
  const correctable = new Set<string>();
  for (const [name, attribute] of declaredAttributes) {
    const where = `attribute "${name}" pluginOptions["${PLUGIN}"]`;
    const field = attributeDeclaration.safeParse(attribute.pluginOptions?.[PLUGIN]);
    if (!field.success) throw new DeclarationError(uid, where, issues(field.error));
    if (attribute.type !== 'text') throw new DeclarationError(uid, where, `a personal field must be of type "text" (a sealed value outgrows "${attribute.type}")`);
    const { lookup, correctable: item, mask } = field.data;
    if (lookup) {
      const hash = `${lookup}Hash` as const;
      if (!attributes[hash]) throw new DeclarationError(uid, where, `lookup "${lookup}" needs an attribute "${hash}" to hold its hash`);
      if (lookups[hash]) throw new DeclarationError(uid, where, `"${hash}" is already fed by "${lookups[hash]}"`);
      lookups[hash] = name;
    }
    if (item) {
      if (correctable.has(item)) throw new DeclarationError(uid, where, `the correctable item "${item}" is already another field of this type`);
      correctable.add(item);
    }
    fields.push({ name, lookup, correctable: item, mask, export: field.data.export ?? name });
  }
  return {
    uid,
    record: declaration.record,
    subject,
    consent: declaration.consent,
    restrictable: declaration.restrictable,
    audited: declaration.audited,
    erasure: declaration.erasure,
    retention: declaration.retention,
    fields,
    encrypted: fields.map((f) => f.name),
    lookups,
  };
}

const setPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]] = value;
};

/** Every declaration of the running Strapi's content types, checked and indexed. */
export function buildRegistry(contentTypes: Record<string, Schema>) {
  const types: DeclaredType[] = [];
  const byRecord = new Map<RecordKind, DeclaredType>();
  for (const [uid, schema] of Object.entries(contentTypes)) {
    const type = readType(uid, schema);
    if (!type) continue;
    if (type.record) {
      const other = byRecord.get(type.record);
      if (other) throw new DeclarationError(uid, `pluginOptions["${PLUGIN}"].record`, `"${type.record}" is already ${other.uid}`);
      byRecord.set(type.record, type);
    }
    types.push(type);
  }
  const byUid = new Map(types.map((t) => [t.uid, t]));

  return {
    /** Every declared type. */
    types: (): readonly DeclaredType[] => types,
    /** The declared types that hold personal fields (what is sealed, rotated and scanned). */
    personal: (): DeclaredType[] => types.filter((t) => t.fields.length > 0),
    of: (uid: string): DeclaredType | undefined => byUid.get(uid),
    /** Whether the app declares this record at all (a board is optional). */
    has: (record: RecordKind): boolean => byRecord.has(record),
    /** The uid of the type declared as this record; the plugin finds the app's types by it. */
    uid(record: RecordKind): UID.ContentType {
      const type = byRecord.get(record);
      if (!type) throw new Error(`privacy-guard: no content type declares pluginOptions["${PLUGIN}"].record "${record}"`);
      return type.uid as UID.ContentType;
    },
    /** The channel whose consents gate the creation of a record of `uid`. */
    consentChannel: (uid: string): GatedChannel | undefined => byUid.get(uid)?.consent,
    restrictable: (): DeclaredType[] => types.filter((t) => t.restrictable),
    audited: (uid: string): boolean => byUid.get(uid)?.audited ?? false,
    /** The type a retention rule destroys records of. */
    forRule: (rule: RuleName): DeclaredType | undefined => types.find((t) => t.retention.includes(rule)),
    /** The items a correction request may name. */
    correctableItems: (): string[] => [...new Set(types.flatMap((t) => t.fields.flatMap((f) => (f.correctable ? [f.correctable] : []))))].sort(),
    /** Where a correction of `item` is applied: each type's field that holds it. */
    correctable: (item: string): Array<{ uid: string; field: string }> =>
      types.flatMap((t) => t.fields.filter((f) => f.correctable === item).map((f) => ({ uid: t.uid, field: f.name }))),
    /** The personal fields of an entry of `uid`, each at its export path. */
    exportOf(uid: string, entry: Record<string, unknown>): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const field of byUid.get(uid)?.fields ?? []) if (field.export) setPath(out, field.export, entry[field.name] ?? null);
      return out;
    },
  };
}

export type Registry = ReturnType<typeof buildRegistry>;

const registries = new WeakMap<object, Registry>();

/**
 * The declarations of this Strapi's content types, read once (the plugin's register reads them,
 * so a wrong declaration stops the start).
 */
export function declarations(strapi: Pick<Core.Strapi, 'contentTypes'>): Registry {
  let registry = registries.get(strapi);
  if (!registry) registries.set(strapi, (registry = buildRegistry(strapi.contentTypes as unknown as Record<string, Schema>)));
  return registry;
}
