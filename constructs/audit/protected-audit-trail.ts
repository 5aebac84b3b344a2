import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AuditLogArchive } from './audit-log-archive';
import { validatePrefix } from './private/policy';
import { allowLogsToUseKey } from '../network/encrypted-log-group';
import { recordImplements } from '../core/implements';
import { BASELINE_IAM_PATH } from '../guardrails/protection-statements';
import { DEFAULT_LOG_RETENTION_DAYS } from '../../domain/retention';

/**
 * Retention values CloudWatch Logs accepts that keep logs at least one year (RET-1).
 * `logs.RetentionDays` is a numeric enum, so the number maps onto it without a cast.
 */
const LOG_RETENTION: ReadonlyMap<number, logs.RetentionDays> = new Map([
  [365, logs.RetentionDays.ONE_YEAR],
  [400, logs.RetentionDays.THIRTEEN_MONTHS],
  [545, logs.RetentionDays.EIGHTEEN_MONTHS],
  [731, logs.RetentionDays.TWO_YEARS],
  [1096, logs.RetentionDays.THREE_YEARS],
  [1827, logs.RetentionDays.FIVE_YEARS],
  [2192, logs.RetentionDays.SIX_YEARS],
  [2557, logs.RetentionDays.SEVEN_YEARS],
  [2922, logs.RetentionDays.EIGHT_YEARS],
  [3288, logs.RetentionDays.NINE_YEARS],
  [3653, logs.RetentionDays.TEN_YEARS],
]);

export interface ProtectedAuditTrailProps {
  /**
   * Where log and digest files go: an `AuditLogArchive` with purpose 'audit-trail' (Object
   * Lock). The trail encrypts with the archive's key.
   */
  readonly archive: AuditLogArchive;
  /**
   * Retention of the CloudWatch Logs copy of the trail, in days (RET-1). One of the values
   * CloudWatch Logs accepts from one year up: 365, 400, 545, 731, 1096, 1827, 2192, 2557,
   * 2922, 3288, 3653.
   * @default 400
   */
  readonly logRetentionDays?: number;
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
  /** Retention of the log group, in days. */
  public readonly logRetentionDays: number;

  constructor(scope: Construct, id: string, props: ProtectedAuditTrailProps) {
    super(scope, id);
    recordImplements(this, 'LOG-1', 'LOG-3', 'RET-1', 'KEY-1');
    const { archive } = props;
    if (archive.purpose !== 'audit-trail') {
      throw new Error(
        `ProtectedAuditTrail archive with purpose "${archive.purpose}" is refused [LOG-3]: the trail must write ` +
          `to an Object Lock archive; pass an AuditLogArchive with purpose 'audit-trail'.`,
      );
    }
    this.logRetentionDays = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const retention = LOG_RETENTION.get(this.logRetentionDays);
    if (retention === undefined) {
      throw new Error(
        `ProtectedAuditTrail logRetentionDays "${this.logRetentionDays}" is not allowed [RET-1]: use a value ` +
          `CloudWatch Logs accepts of at least one year: ${[...LOG_RETENTION.keys()].join(', ')}.`,
      );
    }
    validatePrefix('ProtectedAuditTrail', 's3KeyPrefix', props.s3KeyPrefix, 'LOG-1');

    const stack = Stack.of(this);
    const logGroupKey = props.logGroupEncryptionKey ?? archive.key;
    allowLogsToUseKey(this, logGroupKey);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention,
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
