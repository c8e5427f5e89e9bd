import { randomBytes } from 'node:crypto';

/**
 * Document ids for log and statistics rows that sort in the order they are written: the time,
 * this process's random tag, a counter. A sweep appends a batch of rows to the end of the id
 * index (a few pages) instead of scattering them over it (a page each, rewritten on every
 * batch's commit), and costs no random bytes per row.
 */
const PROCESS_TAG = randomBytes(4).toString('hex');
let sequence = 0;
export const sortableId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36).padStart(9, '0')}${PROCESS_TAG}${(sequence++ % 1679616).toString(36).padStart(4, '0')}`;
