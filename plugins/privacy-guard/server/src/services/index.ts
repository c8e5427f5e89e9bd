import clock from './clock';
import crypto from './crypto';
import ledger from './ledger';
import consent from './consent';
import cookieConsent from './cookie-consent';
import keys from './keys';
import lease from './lease';
import erasure from './erasure';
import retention from './retention';
import rights from './rights';
import restriction from './restriction';
import records from './records';
import accessLog from './access-log';
import notices from './notices';
import deadlines from './deadlines';
import dashboard from './dashboard';
import registers from './registers';
import frontDesk from './front-desk';
import anchors from './anchors';
import limits from './limits';
import connectionLog from './connection-log';
import privacySession from './privacy-session';
import consentChoices from './consent-choices';
import host from './host';
import contract from './contract';

export default {
  clock,
  crypto,
  ledger,
  consent,
  cookieConsent,
  keys,
  lease,
  erasure,
  retention,
  rights,
  restriction,
  records,
  'access-log': accessLog,
  notices,
  deadlines,
  dashboard,
  registers,
  'front-desk': frontDesk,
  anchors,
  limits,
  'connection-log': connectionLog,
  'privacy-session': privacySession,
  'consent-choices': consentChoices,
  host,
  contract,
};
