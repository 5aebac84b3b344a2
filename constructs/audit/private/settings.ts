import type { IConstruct } from 'constructs';
import { GovCloudError } from '../../core/errors';
import type {
  AuditLogArchivePurpose,
  AuditLogArchiveProps,
  AuditLogObjectLockMode,
} from '../audit-log-archive';
import { isPositiveInteger } from './policy';
import {
  DEFAULT_LOG_RETENTION_DAYS as DEFAULT_RETENTION_DAYS,
  MIN_LOG_RETENTION_DAYS as MIN_RETENTION_DAYS,
} from '../../../domain/retention';

const PURPOSES: readonly AuditLogArchivePurpose[] = ['audit-trail', 'config-history'];
const MODES: readonly AuditLogObjectLockMode[] = ['COMPLIANCE', 'GOVERNANCE'];

/** RET-1: trails are kept one year or more (証跡は１年間以上保存). */
/** S3 Object Lock accepts at most 100 years of default retention. */
const MAX_RETENTION_DAYS = 36500;

/** What {@link archiveSettings} decides from the props. */
export interface ArchiveSettings {
  readonly purpose: AuditLogArchivePurpose;
  readonly retentionDays: number;
  readonly objectLockMode?: AuditLogObjectLockMode;
  readonly governanceModeReason?: string;
  readonly glacierInstantDays: number;
  readonly glacierFlexibleDays: number;
  readonly expireAfterDays?: number;
  readonly accessLogsExpireAfterDays: number;
}

/**
 * The purpose × Object Lock × expiry rules of an archive, in one place (r = `retentionDays`,
 * 365 ≤ r ≤ 36500, default 400; g = `glacierFlexibleRetrievalAfterDays`, later than the
 * Instant Retrieval transition):
 *
 * | purpose               | objectLockMode    | governanceModeReason | Object Lock (result)            | services let in            |
 * | --------------------- | ----------------- | -------------------- | ------------------------------- | -------------------------- |
 * | 'audit-trail' / unset | 'COMPLIANCE'/unset | ignored             | COMPLIANCE, r days              | CloudTrail, VPC Flow Logs  |
 * | 'audit-trail' / unset | 'GOVERNANCE'      | given                | GOVERNANCE, r days + warning    | CloudTrail, VPC Flow Logs  |
 * | 'audit-trail' / unset | 'GOVERNANCE'      | unset or blank       | ERROR (RET-2)                   |                            |
 * | 'config-history'      | unset             | ignored              | none (delete-deny policy only)  | AWS Config, VPC Flow Logs  |
 * | 'config-history'      | any               | any                  | ERROR (DET-1)                   |                            |
 *
 * | expireAfterDays (e) | accessLogsExpireAfterDays (a) | lifecycle (result)                                  |
 * | ------------------- | ----------------------------- | --------------------------------------------------- |
 * | unset               | unset                         | archive never expires; access logs expire after r   |
 * | e ≥ r and e > g     | a ≥ r                         | archive (current and noncurrent) expires after e; access logs after a |
 * | e < r               | any                           | ERROR (RET-1)                                       |
 * | r ≤ e ≤ g           | any                           | ERROR (RET-3: S3 refuses expiry at or before a transition) |
 * | any                 | a < r                         | ERROR (RET-1)                                       |
 *
 * `allowCloudTrail` on a 'config-history' archive and `allowConfig` on an 'audit-trail' one are
 * refused (LOG-3, DET-1).
 */
export function archiveSettings(scope: IConstruct, props: AuditLogArchiveProps): ArchiveSettings {
  const purpose = props.purpose ?? 'audit-trail';
  if (!PURPOSES.includes(purpose)) {
    throw new GovCloudError({
      code: 'AuditLogArchivePurposeUnsupported',
      problem: `AuditLogArchive purpose "${purpose}" is not supported`,
      requirement: 'LOG-3',
      fix: `use 'audit-trail' or 'config-history'.`,
      scope,
    });
  }

  const retentionDays = props.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (
    !Number.isInteger(retentionDays) ||
    retentionDays < MIN_RETENTION_DAYS ||
    retentionDays > MAX_RETENTION_DAYS
  ) {
    throw new GovCloudError({
      code: 'AuditLogArchiveRetentionOutOfRange',
      problem: `AuditLogArchive retentionDays "${retentionDays}" is out of range`,
      requirement: 'RET-1',
      fix:
        `audit logs are kept at least ${MIN_RETENTION_DAYS} days (証跡は１年間以上保存); use a whole ` +
        `number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`,
      scope,
    });
  }

  const objectLockMode = objectLockModeOf(scope, purpose, props);

  const glacierInstantDays = props.glacierInstantRetrievalAfterDays ?? 90;
  const glacierFlexibleDays = props.glacierFlexibleRetrievalAfterDays ?? 365;
  for (const [prop, value] of [
    ['glacierInstantRetrievalAfterDays', glacierInstantDays],
    ['glacierFlexibleRetrievalAfterDays', glacierFlexibleDays],
  ] as const) {
    if (!isPositiveInteger(value)) {
      throw new GovCloudError({
        code: 'AuditLogArchiveTransitionDaysInvalid',
        problem: `AuditLogArchive ${prop} "${value}" is invalid`,
        requirement: 'RET-3',
        fix: 'use a whole number of days, at least 1.',
        scope,
      });
    }
  }
  if (glacierFlexibleDays <= glacierInstantDays) {
    throw new GovCloudError({
      code: 'AuditLogArchiveTransitionsOutOfOrder',
      problem:
        `AuditLogArchive glacierFlexibleRetrievalAfterDays "${glacierFlexibleDays}" must be later than ` +
        `glacierInstantRetrievalAfterDays (${glacierInstantDays})`,
      requirement: 'RET-3',
      fix: 'objects move to ever colder storage; raise it.',
      scope,
    });
  }

  const expireAfterDays = props.expireAfterDays;
  if (expireAfterDays !== undefined) {
    if (!Number.isInteger(expireAfterDays) || expireAfterDays < retentionDays) {
      throw new GovCloudError({
        code: 'AuditLogArchiveExpiryBeforeRetention',
        problem: `AuditLogArchive expireAfterDays "${expireAfterDays}" is earlier than retentionDays (${retentionDays})`,
        requirement: 'RET-1',
        fix:
          `no log may expire before its retention ends; use a whole number >= ${retentionDays} or omit ` +
          `it to keep logs.`,
        scope,
      });
    }
    if (expireAfterDays <= glacierFlexibleDays) {
      throw new GovCloudError({
        code: 'AuditLogArchiveExpiryBeforeTransition',
        problem:
          `AuditLogArchive expireAfterDays "${expireAfterDays}" must be later than ` +
          `glacierFlexibleRetrievalAfterDays (${glacierFlexibleDays})`,
        requirement: 'RET-3',
        fix: 'S3 refuses an expiration at or before a transition; raise it.',
        scope,
      });
    }
  }

  const accessLogsExpireAfterDays = props.accessLogsExpireAfterDays ?? retentionDays;
  if (!Number.isInteger(accessLogsExpireAfterDays) || accessLogsExpireAfterDays < retentionDays) {
    throw new GovCloudError({
      code: 'AuditLogArchiveAccessLogsExpiryBeforeRetention',
      problem:
        `AuditLogArchive accessLogsExpireAfterDays "${accessLogsExpireAfterDays}" is earlier than ` +
        `retentionDays (${retentionDays})`,
      requirement: 'RET-1',
      fix: `access logs are audit logs too; use a whole number >= ${retentionDays}.`,
      scope,
    });
  }

  return {
    purpose,
    retentionDays,
    objectLockMode,
    governanceModeReason: props.governanceModeReason?.trim(),
    glacierInstantDays,
    glacierFlexibleDays,
    expireAfterDays,
    accessLogsExpireAfterDays,
  };
}

/** The Object Lock rows of the table of {@link archiveSettings}. */
function objectLockModeOf(
  scope: IConstruct,
  purpose: AuditLogArchivePurpose,
  props: AuditLogArchiveProps,
): AuditLogObjectLockMode | undefined {
  if (purpose === 'config-history') {
    if (props.objectLockMode !== undefined) {
      throw new GovCloudError({
        code: 'AuditLogArchiveObjectLockOnConfigHistory',
        problem: `AuditLogArchive objectLockMode "${props.objectLockMode}" cannot be used with purpose 'config-history'`,
        requirement: 'DET-1',
        fix: 'AWS Config does not deliver to Object Lock buckets with default retention; omit objectLockMode.',
        scope,
      });
    }
    return undefined;
  }
  const objectLockMode = props.objectLockMode ?? 'COMPLIANCE';
  if (!MODES.includes(objectLockMode)) {
    throw new GovCloudError({
      code: 'AuditLogArchiveObjectLockModeUnsupported',
      problem: `AuditLogArchive objectLockMode "${objectLockMode}" is not supported`,
      requirement: 'RET-2',
      fix: `use 'COMPLIANCE' (default) or 'GOVERNANCE'.`,
      scope,
    });
  }
  if (objectLockMode === 'GOVERNANCE' && !props.governanceModeReason?.trim()) {
    throw new GovCloudError({
      code: 'AuditLogArchiveGovernanceWithoutReason',
      problem: 'AuditLogArchive objectLockMode "GOVERNANCE" needs a governanceModeReason',
      requirement: 'RET-2',
      fix:
        'retention must not be shortened by an operator, so GOVERNANCE is an explicit opt-in; give the ' +
        `reason, or use 'COMPLIANCE'.`,
      scope,
    });
  }
  return objectLockMode;
}

/** The last row of the table of {@link archiveSettings}: each service to its purpose. */
export function checkDeliveryPurpose(
  scope: IConstruct,
  purpose: AuditLogArchivePurpose,
  method: 'allowCloudTrail' | 'allowConfig',
): void {
  if (method === 'allowCloudTrail' && purpose !== 'audit-trail') {
    throw new GovCloudError({
      code: 'AuditLogArchiveCloudTrailOnConfigHistory',
      problem: `AuditLogArchive allowCloudTrail on purpose "${purpose}" is refused`,
      requirement: 'LOG-3',
      fix: `CloudTrail logs belong in an 'audit-trail' archive, which has Object Lock; create one for the trail.`,
      scope,
    });
  }
  if (method === 'allowConfig' && purpose !== 'config-history') {
    throw new GovCloudError({
      code: 'AuditLogArchiveConfigOnAuditTrail',
      problem: `AuditLogArchive allowConfig on purpose "${purpose}" is refused`,
      requirement: 'DET-1',
      fix:
        'AWS Config does not support delivery to a bucket with Object Lock default retention; create an ' +
        `AuditLogArchive with purpose 'config-history' for Config.`,
      scope,
    });
  }
}
