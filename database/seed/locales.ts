import type { Core } from '@strapi/strapi';

const LOCALES = [
  { code: 'en', name: 'English (en)' },
  { code: 'ko', name: 'Korean (ko)' },
];

/** The clinic speaks Korean and English; English is the default (the 2010 policy is in English). */
export async function ensureLocales(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of LOCALES) {
    if (!(await locales.findByCode(locale.code))) await locales.create(locale);
  }
  const defaultLocale = await locales.getDefaultLocale();
  if (defaultLocale !== 'en') await locales.setDefaultLocale({ code: 'en' });
}
