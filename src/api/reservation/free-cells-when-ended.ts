import type { Core } from '@strapi/strapi';
import { slotCellsService } from '../../utils/services';

const UID = 'api::reservation.reservation';
const ENDED = ['cancelled', 'completed', 'no_show'];

/**
 * A Document Service middleware: whoever deletes a reservation or ends it (the admin, the
 * retention sweep, an erasure), its practitioner's time is freed in the same transaction.
 */
export const freeCellsWhenEnded =
  (strapi: Core.Strapi) =>
  async (context: { uid: string; action: string; params: Record<string, unknown> }, next: () => Promise<unknown>) => {
    if (context.uid !== UID) return next();
    const documentId = context.params.documentId as string | undefined;
    const state = (context.params.data as { state?: string } | undefined)?.state;
    const ends = context.action === 'delete' || (context.action === 'update' && state !== undefined && ENDED.includes(state));
    if (!ends || !documentId) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      await slotCellsService(strapi).release(documentId);
      return result;
    });
  };
