import cookieConsent from './cookie-consent';
import ledger from './ledger';
import rights from './rights';
import retention from './retention';
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
  'access-log': accessLog,
  dashboard,
  requests,
  'front-desk': frontDesk,
  'privacy-session': privacySession,
};
