import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

/**
 * Checks real answers against the OpenAPI document the server serves: each answer's status must
 * be documented for its operation and its body must validate against the documented schema
 * (Ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1). Records which statuses each operation
 * was seen answering, so a test can require a success and a refusal of every route.
 */
export function contractChecker(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const operations = new Map<string, { path: string; method: string; responses: Doc['paths'][string][string]['responses'] }>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) operations.set(op.operationId, { path, method, responses: op.responses });
  }
  const seen = new Map<string, Set<number>>();
  const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  return {
    operations,
    seen,
    /** Asserts that `res` is `status` and matches the document for `operationId`; returns the body. */
    check(operationId: string, res: Response, status: number): any {
      const op = operations.get(operationId);
      if (!op) throw new Error(`${operationId} is not in the document`);
      if (res.status !== status) throw new Error(`${operationId} answered ${res.status}, not ${status}: ${res.text.slice(0, 400)}`);
      const documented = op.responses[String(status)];
      if (!documented) throw new Error(`${operationId} answered ${status}, which the document does not list`);
      const type = String(res.headers['content-type'] ?? '').split(';')[0];
      if (documented.content) {
        if (!documented.content[type]) throw new Error(`${operationId} ${status} answered ${type}, which the document does not list`);
        if (type === 'application/json') {
          const ref = `openapi.json#/${pointer('paths', op.path, op.method, 'responses', String(status), 'content', type, 'schema')}`;
          const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
          if (!validate(res.body)) {
            throw new Error(`${operationId} ${status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body).slice(0, 600)}`);
          }
        }
      }
      (seen.get(operationId) ?? seen.set(operationId, new Set()).get(operationId)!).add(status);
      return res.body;
    },
  };
}
