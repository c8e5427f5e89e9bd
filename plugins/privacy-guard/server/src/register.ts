import type { Core } from '@strapi/strapi';
import { parseKeyring } from './utils/keyring';
import { declarations } from './declarations';

/**
 * Refuses to start without valid encryption keys (personal data is never written in clear), and
 * reads what each content type declares of its personal data: a wrong declaration stops the
 * start with the content type and field named.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  parseKeyring(process.env);
  declarations(strapi);
};
