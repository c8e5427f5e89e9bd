import type { Core } from '@strapi/strapi';
import { privacyGuard } from '../../utils/privacy-guard';

type Guard = (strapi: Core.Strapi, relatedDocumentId: string, subjectId: string | null) => Promise<boolean>;

/** A reminder goes out only for a reservation still confirmed and not restricted by a pending correction. */
const reminderOfLiveReservation: Guard = async (strapi, documentId) => {
  const reservation = (await strapi.documents('api::reservation.reservation').findOne({
    documentId,
    fields: ['state', 'restricted'],
  } as never)) as { state: string; restricted: boolean | null } | null;
  return reservation?.state === 'confirmed' && !(await privacyGuard(strapi).service('restriction').isRestricted('api::reservation.reservation', reservation));
};

/**
 * A notice of new services goes out only while its person still grants the marketing consent and
 * is not restricted: an unsubscribe between the send and the delivery stops the mail.
 */
const noticeToConsentingMember: Guard = async (strapi, _noticeId, subjectId) => {
  if (!subjectId) return false;
  const plugin = privacyGuard(strapi);
  const state = (await plugin.service('consent').state(subjectId)) ?? {};
  return Boolean(state.marketing_notices?.granted) && !(await plugin.service('restriction').isSubjectRestricted(subjectId));
};

const guards: Record<string, Guard> = {
  'booking.reminder': reminderOfLiveReservation,
  'notice.service': noticeToConsentingMember,
};

/** Whether a mail waiting in the outbox should still be sent, decided when it is due. */
export async function stillWanted(strapi: Core.Strapi, kind: string, relatedDocumentId: string | null, subjectId: string | null = null): Promise<boolean> {
  const guard = guards[kind];
  return !guard || (relatedDocumentId !== null && (await guard(strapi, relatedDocumentId, subjectId)));
}
