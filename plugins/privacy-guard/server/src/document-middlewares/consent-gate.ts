import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { declarations } from '../declarations';
import { isScope, SUBJECT_SCOPE, type Scope } from '../utils/consent-scope';
import type { PreparedDecision } from '../services/consent';
import type { DocumentContext, DocumentMiddleware } from './types';

/**
 * The scope whose grants may admit the record being created: its own (`consultation:<documentId>`
 * when the creator chose the documentId, `member:<user documentId>` for a member profile),
 * else only what binds the subject as a whole.
 */
function scopeOfNew(channel: string, data: Record<string, unknown>): Scope {
  const own = channel === 'membership' ? (typeof data.user === 'string' ? `member:${data.user}` : null) : typeof data.documentId === 'string' ? `${channel}:${data.documentId}` : null;
  return isScope(own) ? own : SUBJECT_SCOPE;
}

/** The required items a decision about to be appended grants for this record (its subject, its scope or the subject's). */
function grantedBy(pending: PreparedDecision | undefined, subjectId: string, scope: Scope): Set<string> {
  if (!pending || pending.subjectId !== subjectId || (pending.scope !== scope && pending.scope !== SUBJECT_SCOPE)) return new Set();
  return new Set(pending.decisions.filter((d) => d.given).map((d) => d.key));
}

/**
 * Rule 1, the one copy: a record of a type that declares a `consent` channel (a member profile,
 * reservation or consultation) is created only for a `subjectId` whose ledger holds a standing grant of every required item of its channel, or
 * whose decision appended in the same transaction (`pending`, at the policy version in effect)
 * grants them. `400 CONSENT_REQUIRED { keys }` otherwise (the public routes check first and
 * answer 422). The Document Service middleware below and the plugin's fast write
 * (`services/records.ts`) both ask it.
 */
export async function assertConsented(strapi: Core.Strapi, uid: string, data: Record<string, unknown>, pending?: PreparedDecision): Promise<void> {
  const channel = declarations(strapi).consentChannel(uid);
  if (!channel) return;
  const subjectId = data.subjectId;
  const consent = getService(strapi, 'consent');
  const refuse = (keys: string[]) => new errors.ValidationError(`No ${channel} without the required consents in the ledger`, { code: 'CONSENT_REQUIRED', keys });
  if (typeof subjectId !== 'string' || !subjectId) throw refuse(await consent.requiredKeys(channel));
  const scope = scopeOfNew(channel, data);
  const granted = grantedBy(pending, subjectId, scope);
  // A pending decision that grants every required item decides alone: nothing to read from the ledger.
  if (pending?.required?.every((key) => granted.has(key))) return;
  const missing = (await consent.missingGrants(subjectId, channel, { scope })).filter((key) => !granted.has(key));
  if (missing.length > 0) throw refuse(missing);
}

/** Rule 1 whatever calls the Document Service (the admin panel gets the 400). */
export const consentGate = (strapi: Core.Strapi): DocumentMiddleware => {
  const declared = declarations(strapi);
  return async (context: DocumentContext, next) => {
    if (context.action !== 'create' || !declared.consentChannel(context.uid)) return next();
    await assertConsented(strapi, context.uid, context.params?.data ?? {});
    return next();
  };
};
