import { randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { refuseRrn, type Locale } from '../../../../plugins/privacy-guard/server/src';
import { sendConsultationMail } from '../mail';
import { newDocumentId } from '../../../utils/document-rows';
import { privacyGuard } from '../../../utils/privacy-guard';

const UID = 'api::consultation.consultation';
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface Question {
  name: string;
  email: string;
  phone?: string;
  question: string;
  consents: Record<string, boolean>;
  locale?: Locale;
}

const reference = () => `Q-${Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('')}`;

/** Online consultations: a question asked with its consents, answered by staff in the admin, mailed both ways. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const consent = () => privacyGuard(strapi).service('consent');

  return {
    async ask(input: Question, clientAddress: string | null): Promise<{ reference: string }> {
      refuseRrn({ name: input.name, question: input.question });
      await consent().check('consultation', input.consents);
      const locale = input.locale ?? 'en';
      return strapi.db.transaction(async () => {
        const subjectId = consent().subjectIdFor(input.email);
        // Anyone can ask with any address: the decision binds this consultation only, so its documentId is chosen first.
        const documentId = newDocumentId(strapi, UID);
        await consent().record({ subjectId, channel: 'consultation', consents: input.consents, actor: 'self', clientAddress, locale, scope: `consultation:${documentId}` });
        const created = (await strapi.documents(UID).create({
          data: {
            documentId,
            reference: reference(),
            state: 'open',
            subjectId,
            name: input.name,
            email: input.email,
            phone: input.phone ?? null,
            question: input.question,
            locale,
          },
        } as never)) as unknown as { documentId: string; reference: string };
        await sendConsultationMail(strapi, 'received', {
          documentId: created.documentId,
          reference: created.reference,
          subjectId,
          name: input.name,
          email: input.email,
          question: input.question,
          locale,
        });
        return { reference: created.reference };
      });
    },
  };
};
