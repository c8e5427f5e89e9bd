import cookieConsent from './cookie-consent';
import ledger from './ledger';
import rights from './rights';
import retention from './retention';
import corrections from './corrections';
import complaints from './complaints';
import members from './members';
import accessLog from './access-log';
import dashboard from './dashboard';
import requests from './requests';
import frontDesk from './front-desk';
import privacySession from './privacy-session';

export default {
  'cookie-consent': cookieConsent,
  ledger,
  rights,
  retention,
  corrections,
  complaints,
  members,
  'access-log': accessLog,
  dashboard,
  requests,
  'front-desk': frontDesk,
  'privacy-session': privacySession,
};
