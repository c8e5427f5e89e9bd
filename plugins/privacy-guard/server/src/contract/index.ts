export type { Operation } from './operation';
export { privacyOperations } from './privacy';
