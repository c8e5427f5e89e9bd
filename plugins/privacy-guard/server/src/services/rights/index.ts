import type { Core } from '@strapi/strapi';
import { callerRecords } from './caller-records';
import { complaints } from './complaints';
import { rightsContext } from './context';
import { corrections } from './corrections';
import { identity } from './identity';
import { myDataExport } from './my-data';
import { thirdPartyExport } from './third-party';
import { withdrawal } from './withdrawal';

export { assertVerified, verificationRequired, type Caller } from './identity';

/**
 * The person's rights, one file per job: who is asking (`identity.ts`), see everything held on
 * them (`my-data.ts`), ask for a correction (`corrections.ts`), withdraw (`withdrawal.ts`), file
 * a complaint (`complaints.ts`); and what a third party may be sent (`third-party.ts`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ctx = rightsContext(strapi);
  const recordsOf = callerRecords(ctx);
  return {
    ...identity(ctx),
    ...myDataExport(ctx, recordsOf),
    ...corrections(ctx, recordsOf),
    ...withdrawal(ctx, recordsOf),
    ...complaints(ctx),
    ...thirdPartyExport(ctx),
  };
};
