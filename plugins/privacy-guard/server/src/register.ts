import { parseKeyring } from './utils/keyring';

/** Refuses to start without valid encryption keys: personal data is never written in clear. */
export default () => {
  parseKeyring(process.env);
};
