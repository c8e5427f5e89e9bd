import consentEntry from './consent-entry/schema.json';
import accessEntry from './access-entry/schema.json';
import destructionEntry from './destruction-entry/schema.json';
import correctionRequest from './correction-request/schema.json';
import provision from './provision/schema.json';
import provisionNotice from './provision-notice/schema.json';
import legalHold from './legal-hold/schema.json';
import cookieConsent from './cookie-consent/schema.json';
import statistic from './statistic/schema.json';
import lease from './lease/schema.json';
import accessReview from './access-review/schema.json';
import privacyVerification from './privacy-verification/schema.json';
import privacySession from './privacy-session/schema.json';
import connectionEntry from './connection-entry/schema.json';

export default {
  'consent-entry': { schema: consentEntry },
  'access-entry': { schema: accessEntry },
  'destruction-entry': { schema: destructionEntry },
  'correction-request': { schema: correctionRequest },
  provision: { schema: provision },
  'provision-notice': { schema: provisionNotice },
  'legal-hold': { schema: legalHold },
  'cookie-consent': { schema: cookieConsent },
  statistic: { schema: statistic },
  lease: { schema: lease },
  'access-review': { schema: accessReview },
  'privacy-verification': { schema: privacyVerification },
  'privacy-session': { schema: privacySession },
  'connection-entry': { schema: connectionEntry },
};
