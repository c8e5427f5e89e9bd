import cookieConsent from './cookie-consent';
import ledger from './ledger';
import rights from './rights';
import retention from './retention';
import accessLog from './access-log';

export default {
  'cookie-consent': cookieConsent,
  ledger,
  rights,
  retention,
  'access-log': accessLog,
};
