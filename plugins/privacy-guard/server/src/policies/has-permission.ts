import { refuse } from '../utils/errors';

/**
 * The plugin's admin routes need one of its RBAC actions (permissions/index.ts). Like
 * `admin::hasPermissions`, but answering the API's own refusal (`403`, `details.code` FORBIDDEN).
 */
export default (policyContext: { state: { userAbility?: { can(action: string): boolean } } }, config: { action: string }) => {
  if (!policyContext.state.userAbility?.can(config.action)) {
    throw refuse(403, 'FORBIDDEN', 'Your role does not allow this privacy page');
  }
  return true;
};
