// The guard's statements for the organization's SCP documents (lib/scp): the same denies the
// in-account policies carry, so the two can never drift apart. Not part of the public API
// (lib/index.ts does not export it); it sits outside private/ because lib/scp, outside this
// folder, builds on it.
export { GLOBAL_SERVICE_ACTIONS } from './private/global-services';
export { exemptPrincipals } from './private/policy-json';
export {
  baselineProtectionStatements,
  regionGuardStatement,
} from './private/protection-statements';
export { residencyStatements } from './private/residency';
