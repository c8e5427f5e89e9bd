import type { Core } from '@strapi/strapi';
import { closeAddressLimiter } from './utils/address-limiter';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await closeAddressLimiter(strapi);
};
