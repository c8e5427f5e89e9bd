/** The most privileged admin roles, named first in the access log. Nobody sees staff lists unmasked. */
export const PRIVILEGED_ROLES = ['strapi-super-admin', 'clinic-privacy-officer'] as const;

export interface AdminUser {
  id?: number;
  roles?: Array<{ code?: string }>;
}

export const roleCodesOf = (user: unknown): string[] =>
  ((user as AdminUser | undefined)?.roles ?? []).map((r) => r.code ?? '').filter(Boolean);

/** The staff member's role for the access log (the most privileged one they hold). */
export const staffRoleOf = (user: unknown): string | null => {
  const codes = roleCodesOf(user);
  return codes.find((c) => (PRIVILEGED_ROLES as readonly string[]).includes(c)) ?? codes[0] ?? null;
};

/** The access log's role for a person reading their own data (`GET /api/privacy/my-data`): no staff member. */
export const SELF_ACCESS_ROLE = 'subject';
