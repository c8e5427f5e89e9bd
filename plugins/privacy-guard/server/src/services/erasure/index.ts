import type { Core } from '@strapi/strapi';
import { destructionLog } from './destruction-log';
import { destroying } from './destroy';
import { mailAndUploads } from './mail-and-uploads';
import { shredding } from './shredding';
import { statisticsOfDestroyed, toDate } from './statistics';
import { subjectErasure } from './subject';

export type { Destruction, DestructionReceipt } from './destruction-log';
export type { ReservationRow } from './statistics';
export type { AccountErasure, SubjectErasure } from './subject';
export { toDate } from './statistics';

/**
 * Destroys personal data at once and for good: rows are deleted (or, for complaints, their
 * personal fields overwritten with null), never flagged. Statistics are counted first
 * (`statistics.ts`), every destruction is logged without its values (`destruction-log.ts`),
 * mail and uploads go with their record (`mail-and-uploads.ts`, `destroy.ts`), SQLite pages are
 * shredded (`shredding.ts`); a subject's erasure is `subject.ts`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const shred = shredding(strapi);
  const attached = mailAndUploads(strapi);
  const destroy = destroying(strapi, attached, statisticsOfDestroyed(strapi));
  return {
    toDate,
    ...destroy,
    log: destructionLog(strapi),
    ...shred,
    ...subjectErasure(strapi, destroy, attached, shred),
  };
};
