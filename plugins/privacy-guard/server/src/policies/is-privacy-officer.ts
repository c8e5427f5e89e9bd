import { refuse } from '../utils/refusals';
import { canSeeUnmasked } from '../utils/staff';

/**
 * The plugin's admin routes (ledger, retention, corrections, complaints, access log) are the
 * privacy officer's and the super admin's: editors and the front desk are refused.
 */
export default (policyContext: { state: { user?: unknown } }) => {
  if (!canSeeUnmasked(policyContext.state.user)) {
    throw refuse(403, 'FORBIDDEN', "Only the privacy officer can use the privacy officer's pages");
  }
  return true;
};
