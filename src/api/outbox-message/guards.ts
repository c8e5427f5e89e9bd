import type { Core } from '@strapi/strapi';

type Guard = (strapi: Core.Strapi, relatedDocumentId: string) => Promise<boolean>;

/** A reminder goes out only for a reservation still confirmed and not restricted by a pending correction. */
const reminderOfLiveReservation: Guard = async (strapi, documentId) => {
  const reservation = (await strapi.documents('api::reservation.reservation').findOne({
    documentId,
    fields: ['state', 'restricted'],
  } as never)) as { state: string; restricted: boolean | null } | null;
  return reservation?.state === 'confirmed' && !reservation.restricted;
};

const guards: Record<string, Guard> = {
  'booking.reminder': reminderOfLiveReservation,
};

/** Whether a mail waiting in the outbox should still be sent, decided when it is due. */
export async function stillWanted(strapi: Core.Strapi, kind: string, relatedDocumentId: string | null): Promise<boolean> {
  const guard = guards[kind];
  return !guard || (relatedDocumentId !== null && (await guard(strapi, relatedDocumentId)));
}
