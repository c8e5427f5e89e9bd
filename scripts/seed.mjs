#!/usr/bin/env node
// `npm run seed`: loads the demo data into the configured database. Idempotent: only what is
// missing is created, so a second run changes nothing.
import { ensureEnv } from './ensure-env.mjs';
import { withStrapi } from './with-strapi.mjs';

ensureEnv();
await withStrapi(
  async (strapi) => {
    const count = (uid) => strapi.documents(uid).count({});
    console.log(
      `Demo data in place: ${await count('api::service.service')} services, ${await count('api::practitioner.practitioner')} practitioners, ` +
        `${await count('api::consent-item.consent-item')} consent items, ${await count('api::policy-version.policy-version')} policy version(s).`,
    );
  },
  { seed: true },
);
process.exit(0);
