// Public entry point of the nag packs (lib/nag).
export * from './govcloud-checks';
export * from './govcloud-rules';
export * from '../../domain/tags';
export { NagPackPolicy, onlyErrorsFail, withoutRuleLevelAcknowledged } from './pack-policy';
export type { NagRule } from './utils/rule';
export { ResourceIndex } from './utils/pass-index';
export { GUARDED_ACTIONS } from './rules/cloudtrail/AuditServiceGuard';
