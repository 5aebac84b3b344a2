import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { IAuditLogArchive } from './audit-log-archive';
import { validatePrefix } from './private/policy';
import { allowLogsToUseKey } from '../core/logs';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';
import { BASELINE_IAM_PATH } from '../guardrails/baseline-tag';

/**
 * Retention values CloudWatch Logs accepts that keep logs at least one year (RET-1): every
 * finite `logs.RetentionDays` of 365 days or more.
 */
const LOG_RETENTION: readonly logs.RetentionDays[] = Object.values(logs.RetentionDays).filter(
  (d): d is logs.RetentionDays =>
    typeof d === 'number' && d >= 365 && d !== logs.RetentionDays.INFINITE,
);

export interface ProtectedAuditTrailProps {
  /**
   * Where log and digest files go: an archive with purpose 'audit-trail' (Object Lock),
   * created here (`AuditLogArchive`) or an existing central one
   * (`AuditLogArchive.fromArchiveAttributes`). The trail encrypts with the archive's key.
   */
  readonly archive: IAuditLogArchive;
  /**
   * Retention of the CloudWatch Logs copy of the trail (RET-1). One of the values CloudWatch
   * Logs accepts from one year up (365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
   * 3653 days); the same reasoning as the archive: a fiscal year (年度) plus the time to
   * audit it.
   * @default logs.RetentionDays.THIRTEEN_MONTHS (400 days)
   */
  readonly retention?: logs.RetentionDays;
  /**
   * Customer-managed key for the log group (KEY-1).
   * @default - the archive's key (same purpose: audit logs)
   */
  readonly logGroupEncryptionKey?: kms.IKey;
  /**
   * Prefix under which CloudTrail writes in the archive (`<prefix>/AWSLogs/...`).
   * @default - none
   */
  readonly s3KeyPrefix?: string;
}

/**
 * CloudTrail trail for the whole account (証跡): all regions, global service events,
 * management events read and write, log file validation (digest files), KMS-encrypted with
 * the audit-logs key, delivered to an Object Lock archive, and copied to an encrypted
 * CloudWatch Logs group kept at least a year.
 *
 * Built on the L1 `CfnTrail` on purpose: the L2 `Trail` always adds bucket statements for
 * cloudtrail.amazonaws.com without `aws:SourceArn`/`aws:SourceAccount` to the bucket it is
 * given, which would undo the confused-deputy protection of the archive policy.
 *
 * The trail name is left to CloudFormation (unique per stack), so the same template can be
 * deployed by StackSets to several regions of one account without a name clash; the bucket
 * and key policies therefore bind `aws:SourceArn` to the trails of this account in this
 * region (`trail/*`), as the exact ARN is not known before the trail exists. Deploy one
 * multi-region trail per account (the home region's stack): a second one only doubles cost.
 *
 * Implements LOG-1, LOG-3 (with the archive), RET-1, KEY-1.
 */
export class ProtectedAuditTrail extends Construct {
  /** The trail (L1). */
  public readonly trail: cloudtrail.CfnTrail;
  /** ARN of the trail. */
  public readonly trailArn: string;
  /** CloudWatch Logs group receiving the trail's events. */
  public readonly logGroup: logs.LogGroup;
  /** Retention of the log group. */
  public readonly retention: logs.RetentionDays;

  constructor(scope: Construct, id: string, props: ProtectedAuditTrailProps) {
    super(scope, id);
    recordImplements(this, 'LOG-1', 'LOG-3', 'RET-1', 'KEY-1');
    const { archive } = props;
    if (archive.purpose !== 'audit-trail') {
      throw new GovCloudError({
        code: 'ProtectedAuditTrailArchiveNotAuditTrail',
        problem: `ProtectedAuditTrail archive with purpose "${archive.purpose}" is refused`,
        requirement: 'LOG-3',
        fix: `the trail must write to an Object Lock archive; pass an AuditLogArchive with purpose 'audit-trail'.`,
        scope: this,
      });
    }
    this.retention = props.retention ?? logs.RetentionDays.THIRTEEN_MONTHS;
    if (!LOG_RETENTION.includes(this.retention)) {
      throw new GovCloudError({
        code: 'ProtectedAuditTrailRetentionNotAllowed',
        problem: `ProtectedAuditTrail retention "${this.retention}" is not allowed`,
        requirement: 'RET-1',
        fix: `use a value CloudWatch Logs accepts of at least one year: ${LOG_RETENTION.join(', ')}.`,
        scope: this,
      });
    }
    validatePrefix(this, 'ProtectedAuditTrail', 's3KeyPrefix', props.s3KeyPrefix, 'LOG-1');

    const stack = Stack.of(this);
    const logGroupKey = props.logGroupEncryptionKey ?? archive.key;
    allowLogsToUseKey(this, logGroupKey);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: this.retention,
      encryptionKey: logGroupKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Trust is as in CloudTrail's own default role (CloudTrail_CloudWatchLogs_Role): the
    // documentation gives no aws:SourceArn condition for this role, and a wrong one would
    // silently stop the copy. The permissions are limited to this log group.
    const logsRole = new iam.Role(this, 'CloudWatchLogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      description: 'Lets CloudTrail write the audit trail to its CloudWatch Logs group (LOG-1).',
    });
    // A managed policy rather than an inline one, so the permission is reviewable on its own
    // (NIST 800-53 AC-6). Under the baseline path, where the guard denies every change: IAM
    // managed policies carry no tags in CloudFormation, and a new default version of this
    // policy would stop the copy to the log group and so silence every metric-filter alarm.
    logsRole.addManagedPolicy(
      new iam.ManagedPolicy(this, 'CloudWatchLogsPolicy', {
        path: BASELINE_IAM_PATH,
        description: 'CloudTrail delivery to the audit trail log group only (LOG-1).',
        statements: [
          new iam.PolicyStatement({
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [this.logGroup.logGroupArn],
          }),
        ],
      }),
    );

    archive.allowCloudTrail(
      stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: '*' }),
      {
        keyPrefix: props.s3KeyPrefix,
      },
    );

    // 'Resource' makes the trail this construct's default child, so its logical id is
    // derived from the construct path alone (e.g. `AuditTrailC93518EF`) and stays stable.
    this.trail = new cloudtrail.CfnTrail(this, 'Resource', {
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      eventSelectors: [
        { includeManagementEvents: true, readWriteType: cloudtrail.ReadWriteType.ALL },
      ],
      s3BucketName: archive.bucket.bucketName,
      s3KeyPrefix: props.s3KeyPrefix,
      kmsKeyId: archive.key.keyArn,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: logsRole.roleArn,
    });
    // CreateTrail checks the bucket policy and the role's permissions, so both must exist
    // first; neither is referenced by the trail's properties.
    if (archive.bucket.policy) {
      this.trail.node.addDependency(archive.bucket.policy);
    }
    this.trail.node.addDependency(logsRole);
    this.trailArn = this.trail.attrArn;
  }
}
