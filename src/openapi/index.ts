import type { Operation } from '../../plugins/privacy-guard/server/src';
import { buildDocument } from './document';
import { appOperations } from './operations';

export type { Operation } from '../../plugins/privacy-guard/server/src';

/**
 * The public contract as one OpenAPI 3.1 document: the app's operations and those the
 * privacy-guard plugin declares for `/api/privacy/...`. Pure: the same document at build time
 * (`npm run openapi` → docs/openapi.json) and at run time (`GET /api/openapi.json`).
 */
export function contractDocument(version: string, pluginOperations: Operation[] = []): Record<string, unknown> {
  return buildDocument([...appOperations, ...pluginOperations], { version });
}
