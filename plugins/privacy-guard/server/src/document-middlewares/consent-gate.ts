import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { declarations } from '../declarations';
import { isScope, SUBJECT_SCOPE, type Scope } from '../utils/consent-scope';
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

/**
 * Rule 1 whatever the client: a record of a type that declares a `consent` channel (a member
 * profile, reservation or consultation) is created only for a `subjectId` whose ledger holds a
 * standing grant of every required item of its channel (the public routes check first and
 * answer 422; the admin panel gets this 400).
 */
export const consentGate = (strapi: Core.Strapi): DocumentMiddleware => {
  const declared = declarations(strapi);
  return async (context: DocumentContext, next) => {
    const channel = declared.consentChannel(context.uid);
    if (!channel || context.action !== 'create') return next();
    const subjectId = context.params?.data?.subjectId;
    const consent = getService(strapi, 'consent');
    const scope = scopeOfNew(channel, context.params?.data ?? {});
    const missing = typeof subjectId === 'string' && subjectId ? await consent.missingGrants(subjectId, channel, { scope }) : null;
    if (missing === null || missing.length > 0) {
      const keys = missing ?? (await consent.requiredKeys(channel));
      throw new errors.ValidationError(`No ${channel} without the required consents in the ledger`, { code: 'CONSENT_REQUIRED', keys });
    }
    return next();
  };
};
