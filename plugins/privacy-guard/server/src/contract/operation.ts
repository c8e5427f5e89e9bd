import type { z } from 'zod';
import type { ErrorCode } from '../utils/errors';

/** Codes the plugin's own refusals carry beyond the shared ones. */
export type PluginCode = 'SESSION_EXPIRED' | 'VERIFICATION_REQUIRED' | 'ALREADY_RESOLVED';

/** The credentials a public route may take, by the name of their security scheme in the document. */
export type Credential = 'privacySession' | 'memberJwt' | 'manageToken';

/** Request headers of the contract that are not credentials. */
export type RequestHeader = 'Idempotency-Key';

export interface OperationResponse {
  description: string;
  /** The body; absent for an empty answer (204). */
  schema?: z.ZodType;
  /** `application/json` unless said (the unsubscribe page answers `text/html`). */
  contentType?: string;
  /** Other media types the same status answers, e.g. `{ 'text/html': null }` (a page, no schema). */
  alternatives?: Record<string, z.ZodType | null>;
}

/**
 * One public route of the contract, described with the zod schemas its controller validates
 * with (the same objects: the document cannot describe a body the server would refuse).
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, parameters in braces: `/api/booking/manage/{token}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: RequestHeader[];
  body?: z.ZodType;
  /** `application/json` unless said (the unsubscribe form posts `application/x-www-form-urlencoded`). */
  bodyType?: string;
  /** Alternatives: any one of them is accepted. Absent: no credential. */
  credentials?: Credential[];
  responses: Record<number, OperationResponse>;
  /** The refusals this route can answer, by status, with their stable `details.code`. */
  errors: Partial<Record<number, Array<ErrorCode | PluginCode>>>;
  /** Statuses whose refusals come from Strapi's users-permissions itself, with its message and no `details.code`. */
  uncoded?: number[];
  /** A public write counted by the per-client limit: adds `429 RATE_LIMITED` with `Retry-After`. */
  rateLimited?: boolean;
}
