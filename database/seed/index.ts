import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { clinic, practitioners, services, closures } from './data/clinic';
import { consentItems, cookieCategories } from './data/consents';
import { readPolicy } from './policy';

type Documents = ReturnType<Core.Strapi['documents']>;
const docs = (strapi: Core.Strapi, uid: UID.ContentType) => strapi.documents(uid) as unknown as Documents;

/**
 * Creates a localized document in English, then its Korean version. Only what is missing is
 * created: a second run changes nothing, and nothing an editor changed is overwritten.
 */
async function ensureLocalized(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  filters: Record<string, unknown>,
  shared: Record<string, unknown>,
  text: { en: Record<string, unknown>; ko?: Record<string, unknown> },
  publish = false,
) {
  const existing = (await docs(strapi, uid).findFirst({ filters, locale: 'en' } as never)) as { documentId: string } | null;
  let documentId = existing?.documentId;
  if (!documentId) {
    const created = (await docs(strapi, uid).create({ data: { ...shared, ...text.en }, locale: 'en' } as never)) as {
      documentId: string;
    };
    documentId = created.documentId;
    if (publish) await docs(strapi, uid).publish({ documentId, locale: 'en' } as never);
  }
  if (text.ko) {
    const korean = await docs(strapi, uid).findOne({ documentId, locale: 'ko' } as never);
    if (!korean) {
      await docs(strapi, uid).update({ documentId, locale: 'ko', data: { ...shared, ...text.ko } } as never);
      if (publish) await docs(strapi, uid).publish({ documentId, locale: 'ko' } as never);
    }
  }
  return documentId;
}

async function seedClinic(strapi: Core.Strapi) {
  const existing = await docs(strapi, 'api::clinic.clinic').findFirst({});
  if (!existing) await docs(strapi, 'api::clinic.clinic').create({ data: clinic } as never);
}

async function seedPractitioners(strapi: Core.Strapi) {
  const ids = new Map<string, string>();
  for (const practitioner of practitioners) {
    const existing = (await docs(strapi, 'api::practitioner.practitioner').findFirst({
      filters: { slug: practitioner.slug },
    } as never)) as { documentId: string } | null;
    const documentId =
      existing?.documentId ??
      ((await docs(strapi, 'api::practitioner.practitioner').create({ data: practitioner } as never)) as { documentId: string })
        .documentId;
    ids.set(practitioner.slug, documentId);
  }
  return ids;
}

async function seedServices(strapi: Core.Strapi, practitionerIds: Map<string, string>) {
  for (const { en, ko, practitioners: slugs, ...shared } of services) {
    const relation = slugs.map((slug) => practitionerIds.get(slug)).filter(Boolean);
    await ensureLocalized(strapi, 'api::service.service', { slug: shared.slug }, { ...shared, practitioners: relation }, { en, ko });
  }
}

async function seedClosures(strapi: Core.Strapi, practitionerIds: Map<string, string>) {
  for (const { practitioner, ...closure } of closures) {
    const filters: Record<string, unknown> = { startDate: closure.startDate, kind: closure.kind };
    if (practitioner) filters.practitioner = { documentId: practitionerIds.get(practitioner) };
    const existing = await docs(strapi, 'api::closure.closure').findFirst({ filters } as never);
    if (existing) continue;
    await docs(strapi, 'api::closure.closure').create({
      data: { ...closure, practitioner: practitioner ? practitionerIds.get(practitioner) : null },
    } as never);
  }
}

async function seedConsents(strapi: Core.Strapi) {
  for (const { en, ko, ...shared } of consentItems) {
    await ensureLocalized(strapi, 'api::consent-item.consent-item', { key: shared.key }, shared, { en, ko });
  }
  for (const { en, ko, ...shared } of cookieCategories) {
    await ensureLocalized(strapi, 'api::cookie-category.cookie-category', { key: shared.key }, shared, { en, ko });
  }
}

/** The clinic's 2010 policy as version 1, one section per bracketed heading. */
async function seedPolicy(strapi: Core.Strapi) {
  const policy = readPolicy(path.join(strapi.dirs.app.root, 'database', 'seed', 'privacy-policy-2010.txt'));
  await ensureLocalized(
    strapi,
    'api::policy-version.policy-version',
    { version: 1 },
    { version: 1, effectiveDate: policy.effectiveDate ?? '2010-10-26', material: false },
    { en: { title: policy.title, introduction: policy.introduction, sections: policy.sections } },
    true,
  );
}

/** Demo data: loaded on first start and by `npm run seed`; idempotent. */
export async function seedDemoData(strapi: Core.Strapi) {
  await seedClinic(strapi);
  const practitionerIds = await seedPractitioners(strapi);
  await seedServices(strapi, practitionerIds);
  await seedClosures(strapi, practitionerIds);
  await seedConsents(strapi);
  await seedPolicy(strapi);
}
