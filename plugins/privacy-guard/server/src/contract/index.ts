import type { Operation } from './operation';
import { operations as privacy } from './privacy';

export type { Operation } from './operation';

/** Every public operation the plugin serves (`/api/privacy/...`), for the app's OpenAPI document. */
export const operations: Operation[] = [...privacy];
