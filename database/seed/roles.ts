import type { Core } from '@strapi/strapi';

/** Content types holding personal data: no editor ever sees them. */
export const PERSONAL_TYPES = [
  'api::reservation.reservation',
  'api::member-profile.member-profile',
  'api::consultation.consultation',
  'api::complaint.complaint',
  'api::outbox-message.outbox-message',
  'api::idempotency-record.idempotency-record',
  'plugin::users-permissions.user',
] as const;

/** What editors maintain: the policy, the clinic and its booking catalogue. */
export const EDITORIAL_TYPES = [
  'api::clinic.clinic',
  'api::policy-version.policy-version',
  'api::service.service',
  'api::practitioner.practitioner',
  'api::closure.closure',
  'api::consent-item.consent-item',
  'api::cookie-category.cookie-category',
] as const;

const CM = 'plugin::content-manager.explorer';
const ROLES_VERSION = 4;

export const ROLE_CODES = {
  editor: 'strapi-editor',
  author: 'strapi-author',
  frontDesk: 'clinic-front-desk',
  privacyOfficer: 'clinic-privacy-officer',
} as const;

interface Permission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

type ActionFilter = (action: { actionId: string; section: string; subjects?: string[] }) => boolean;

/** Content-manager permissions with every (nested) field, for the given actions and subjects. */
function contentPermissions(strapi: Core.Strapi, actions: string[], subjects: readonly string[]): Permission[] {
  const provider = strapi.service('admin::permission').actionProvider;
  const wanted: ActionFilter = (a) => a.section === 'contentTypes' && actions.includes(a.actionId);
  const selected = provider.values().filter(wanted);
  const all = strapi.service('admin::content-type').getPermissionsWithNestedFields(selected) as Permission[];
  return all.filter((p) => p.subject && subjects.includes(p.subject));
}

/**
 * A practitioner's `managers` decide who may create and revoke the practitioner's calendar feeds
 * (src/api/calendar-feed): editors and authors do not set them, the privacy officer does.
 */
const PRACTITIONER = 'api::practitioner.practitioner';
const withoutManagers = (p: Permission): Permission =>
  p.subject === PRACTITIONER && Array.isArray(p.properties?.fields)
    ? { ...p, properties: { ...p.properties, fields: (p.properties.fields as string[]).filter((f) => f !== 'managers') } }
    : p;

function roleDefinitions(strapi: Core.Strapi): Record<string, { name: string; description: string; permissions: Permission[] }> {
  const editorial = contentPermissions(strapi, [`${CM}.create`, `${CM}.read`, `${CM}.update`, `${CM}.delete`, `${CM}.publish`], EDITORIAL_TYPES).map(
    withoutManagers,
  );
  const practitionerManagers = contentPermissions(strapi, [`${CM}.update`], [PRACTITIONER]).map((p) => ({ ...p, properties: { fields: ['managers'] } }));
  const media = [{ action: 'plugin::upload.read' }, { action: 'plugin::upload.assets.create' }, { action: 'plugin::upload.assets.update' }];
  const catalogueRead = contentPermissions(strapi, [`${CM}.read`], ['api::service.service', 'api::practitioner.practitioner', 'api::closure.closure']);
  const reservations = contentPermissions(strapi, [`${CM}.read`], ['api::reservation.reservation']);
  const reservationStatus = contentPermissions(strapi, [`${CM}.update`], ['api::reservation.reservation']).map((p) => ({
    ...p,
    properties: { fields: ['state', 'completedAt'] },
  }));
  const personal = contentPermissions(
    strapi,
    [`${CM}.read`, `${CM}.update`, `${CM}.delete`],
    ['api::reservation.reservation', 'api::member-profile.member-profile', 'api::consultation.consultation', 'api::complaint.complaint'],
  );
  const pluginActions = (strapi.service('admin::permission').actionProvider.values() as Array<{ actionId: string; pluginName?: string }>)
    .filter((a) => a.pluginName === 'privacy-guard')
    .map((a) => ({ action: a.actionId }));
  return {
    [ROLE_CODES.editor]: {
      name: 'Editor',
      description: 'Edits the privacy policy (as new versions), the clinic, services, practitioners, hours, closures, consent items and cookie categories. Never sees personal data.',
      permissions: [...editorial, ...media],
    },
    [ROLE_CODES.author]: {
      name: 'Author',
      description: 'Drafts policy versions and catalogue content; an editor publishes. Never sees personal data.',
      permissions: contentPermissions(strapi, [`${CM}.create`, `${CM}.read`, `${CM}.update`], EDITORIAL_TYPES).map((p) => ({
        ...withoutManagers(p),
        conditions: ['admin::is-creator'],
      })),
    },
    [ROLE_CODES.frontDesk]: {
      name: 'Front desk',
      description: "Today's and upcoming reservations; marks treatments completed or no-show. Cannot export, delete or see ledgers and logs.",
      permissions: [...reservations, ...reservationStatus, ...catalogueRead, { action: 'plugin::privacy-guard.front-desk' }],
    },
    [ROLE_CODES.privacyOfficer]: {
      name: 'Privacy officer',
      description: 'Consent ledger, corrections, complaints, provisions, retention and access logs; every unmasking, export and deletion is logged.',
      permissions: [...personal, ...catalogueRead, ...practitionerManagers, ...pluginActions],
    },
  };
}

/**
 * Member channels (issue 9): the front desk moderates the bulletin board (publish, hide, answer;
 * posts carry only a display name); the privacy officer also moderates and composes notices of
 * new services (sending them is the officer's page, /clinic-notices). Editors get neither: a
 * hidden post may hold what its author typed by mistake.
 */
function memberChannelPermissions(strapi: Core.Strapi): Record<string, Permission[]> {
  const board = ['api::board.board-post', 'api::board.board-comment'];
  // Staff moderate by what was written; who wrote it (account link, pseudonymous id) stays out of their view.
  const withoutAuthor = (p: Permission) => ({
    ...p,
    properties: { ...p.properties, fields: ((p.properties?.fields as string[] | undefined) ?? []).filter((f) => !['author', 'subjectId'].includes(f)) },
  });
  const moderate = [
    ...contentPermissions(strapi, [`${CM}.read`], board).map(withoutAuthor),
    ...contentPermissions(strapi, [`${CM}.delete`], board),
    ...contentPermissions(strapi, [`${CM}.update`], board).map((p) => ({ ...p, properties: { fields: ['state', 'answer', 'answeredAt'] } })),
  ];
  // The officer writes the text; state, total and who sent it are written by the send route only.
  const notice = ['api::service-notice.service-notice'];
  const notices = [
    ...contentPermissions(strapi, [`${CM}.read`, `${CM}.delete`], notice),
    ...contentPermissions(strapi, [`${CM}.create`, `${CM}.update`], notice).map((p) => ({
      ...p,
      properties: { fields: ['subjectKo', 'bodyKo', 'subjectEn', 'bodyEn', 'audience'] },
    })),
  ];
  return { [ROLE_CODES.frontDesk]: moderate, [ROLE_CODES.privacyOfficer]: [...moderate, ...notices] };
}

/**
 * Defines the clinic's admin roles. Strapi's default Editor and Author roles would otherwise
 * reach every content type, personal data included; they are narrowed here. Permissions are
 * (re)applied when this file's ROLES_VERSION is newer than what the database has seen.
 */
export async function ensureRoles(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'app', name: 'clinic-cms' });
  const applied = (await store.get({ key: 'rolesVersion' })) as number | null;
  const roles = strapi.service('admin::role');
  const definitions = roleDefinitions(strapi);
  for (const [code, extra] of Object.entries(memberChannelPermissions(strapi))) definitions[code].permissions.push(...extra);
  for (const [code, definition] of Object.entries(definitions)) {
    let role = await roles.findOne({ code });
    const fresh = !role;
    if (!role) role = await roles.create({ name: definition.name, code, description: definition.description });
    if (fresh || applied !== ROLES_VERSION) {
      await roles.update({ id: role.id }, { name: definition.name, description: definition.description });
      await roles.assignPermissions(role.id, definition.permissions);
    }
  }
  if (applied !== ROLES_VERSION) await store.set({ key: 'rolesVersion', value: ROLES_VERSION });
}
