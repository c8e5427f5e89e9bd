/** Admin roles that see personal data unmasked in staff lists. */
export const UNMASKED_ROLES = ['strapi-super-admin', 'clinic-privacy-officer'] as const;

export interface AdminUser {
  id?: number;
  roles?: Array<{ code?: string }>;
}

export const roleCodesOf = (user: unknown): string[] =>
  ((user as AdminUser | undefined)?.roles ?? []).map((r) => r.code ?? '').filter(Boolean);

/** The super admin and the privacy officer see lists unmasked; everyone else sees them masked. */
export const canSeeUnmasked = (user: unknown): boolean => roleCodesOf(user).some((c) => (UNMASKED_ROLES as readonly string[]).includes(c));

/** The staff member's role for the access log (the most privileged one they hold). */
export const staffRoleOf = (user: unknown): string | null => {
  const codes = roleCodesOf(user);
  return codes.find((c) => (UNMASKED_ROLES as readonly string[]).includes(c)) ?? codes[0] ?? null;
};

/** The access log's role for a person reading their own data (`GET /api/privacy/my-data`): no staff member. */
export const SELF_ACCESS_ROLE = 'subject';
