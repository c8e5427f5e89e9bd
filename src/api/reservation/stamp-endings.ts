import type { Core } from '@strapi/strapi';
import { privacyGuard } from '../../utils/privacy-guard';

const UID = 'api::reservation.reservation';
/** The state a reservation ends in, and the stamp that says when (the retention rules count from it). */
const STAMPS: Record<string, 'completedAt' | 'cancelledAt'> = { completed: 'completedAt', cancelled: 'cancelledAt' };

/**
 * A Document Service middleware: whoever marks a reservation completed or cancelled (the front
 * desk, the Content Manager, a script), the moment it happened is stamped once, so the retention
 * rule counts its grace from then, not from the appointment's end. A stamp already there is kept
 * when the record is saved again; one the caller gives is taken as it is.
 */
export const stampEndings =
  (strapi: Core.Strapi) =>
  async (context: { uid: string; action: string; params: Record<string, unknown> }, next: () => Promise<unknown>) => {
    if (context.uid !== UID || context.action !== 'update') return next();
    const data = context.params.data as Record<string, unknown> | undefined;
    const stamp = typeof data?.state === 'string' ? STAMPS[data.state] : undefined;
    const documentId = context.params.documentId as string | undefined;
    if (!data || !stamp || data[stamp] || !documentId) return next();
    const stored = (await strapi.db.query(UID).findOne({ where: { documentId }, select: [stamp] })) as Record<string, unknown> | null;
    data[stamp] = stored?.[stamp] ?? privacyGuard(strapi).service('clock').now();
    return next();
  };
