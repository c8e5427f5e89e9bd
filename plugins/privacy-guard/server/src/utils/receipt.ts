import type { ConsentItem } from '../services/host';
import type { ItemState } from '../services/consent';

export interface ReceiptController {
  name: string;
  contact: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  url: string | null;
}

/**
 * A consent receipt in the shape of the Kantara Initiative Consent Receipt Specification
 * v1.1 (field names as in the spec), for one channel's items of one subject in one scope,
 * built from the ledger's current state and the items' texts. `scope` (not a Kantara field)
 * says what the decisions bind: `subject`, or the one record they came with.
 */
export function consentReceipt(input: {
  subjectId: string;
  channel: string;
  scope: string;
  items: ConsentItem[];
  state: Record<string, ItemState>;
  controller: ReceiptController;
  policyUrl: string;
  policyVersion: number;
  language: string;
  jurisdiction: string;
  generatedAt: Date;
}) {
  const given = input.items.filter((item) => input.state[item.key]);
  const timestamps = given.map((item) => new Date(input.state[item.key].occurredAt).getTime());
  const thirdParty = given.filter((item) => item.kind === 'third_party');
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: input.jurisdiction,
    consentTimestamp: timestamps.length ? Math.floor(Math.max(...timestamps) / 1000) : null,
    collectionMethod: `web form, ${input.channel} channel`,
    consentReceiptID: input.scope === 'subject' ? `${input.subjectId}:${input.channel}` : `${input.subjectId}:${input.channel}:${input.scope}`,
    language: input.language,
    piiPrincipalId: input.subjectId,
    piiControllers: [
      {
        piiController: input.controller.name,
        contact: input.controller.contact,
        address: input.controller.address,
        email: input.controller.email,
        phone: input.controller.phone,
        piiControllerUrl: input.controller.url,
      },
    ],
    policyUrl: input.policyUrl,
    policyVersion: input.policyVersion,
    scope: input.scope,
    services: [
      {
        service: input.channel,
        scope: input.scope,
        purposes: given.map((item) => {
          const state = input.state[item.key];
          return {
            purpose: item.purpose,
            purposeCategory: [item.title],
            consentType: 'EXPLICIT',
            consented: state.granted,
            consentedAt: state.occurredAt,
            scope: state.scope,
            policyVersionConsented: state.policyVersion,
            piiCategory: item.dataCategories,
            primaryPurpose: item.required,
            termination: item.retention,
            thirdPartyDisclosure: item.kind === 'third_party' && state.granted,
            thirdPartyName: item.kind === 'third_party' && state.granted ? 'recipients in the provision register (see provisions)' : null,
          };
        }),
      },
    ],
    sensitive: given.some((item) => item.kind === 'health'),
    spiCat: given.filter((item) => item.kind === 'health').flatMap((item) => item.dataCategories),
    thirdParties: thirdParty.length > 0,
  };
}
