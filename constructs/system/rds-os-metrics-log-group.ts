import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PurposeKey } from '../keys/purpose-key';
import { EncryptedLogGroup } from '../network/encrypted-log-group';
import { recordImplements } from '../core/implements';
import { defaultDeployerArns, validateDeployerArns } from '../core/deployer';

/** The log group name RDS Enhanced Monitoring writes to; RDS chooses it, not the caller. */
export const RDS_OS_METRICS_LOG_GROUP_NAME = 'RDSOSMetrics';

export interface RdsOsMetricsLogGroupProps {
  /**
   * Customer-managed key of the log group (KEY-1).
   * @default - a new `PurposeKey` with purpose 'monitoring'
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Retention of the OS metrics (RET-1, LOG-5).
   * @default logs.RetentionDays.THIRTEEN_MONTHS (400 days)
   */
  readonly retention?: logs.RetentionDays;
  /**
   * The designated deployer (指定された配備主体): `aws:PrincipalArn` patterns of the roles that
   * deploy the baseline. When this construct creates the key, the key policy reserves its
   * management (deletion, disabling, key policy, rotation, aliases, tags) to them
   * ({@link PurposeKey.reserveManagementTo}), like every other baseline key. KEY-2.
   * @default - the stack's CDK CloudFormation execution role (`cdk deploy`), or the StackSets
   *   and Control Tower execution roles when the stack is synthesized without bootstrap
   */
  readonly deployerArns?: readonly string[];
}

/**
 * The account-wide `RDSOSMetrics` log group (OS メトリクスのロググループ) that RDS Enhanced
 * Monitoring of every DB instance in the account and region writes to, created beforehand so
 * that it is encrypted with a customer key and kept at least a year, retained with its stack.
 * Left to RDS, the group would be created on first use without a customer key and with 30
 * days of retention (against KEY-1, RET-1).
 *
 * In the baseline stack the group is a baseline resource: the guard's tag-scoped deny keeps
 * guarded principals from deleting it, shortening its retention or removing its key. The same
 * deny refuses `logs:CreateLogStream` to a monitoring role that carries the baseline boundary
 * (hardened bootstrap), which is why `DataTier` leaves Enhanced Monitoring off by default.
 *
 * There is exactly one such group per account and region, whatever the number of systems:
 * create this construct once (the baseline stack does, `detection.rdsOsMetricsLogGroup`), never
 * in a system stack, and before the first DB instance with Enhanced Monitoring. Where the group
 * already exists, CloudFormation cannot create it again: leave this construct out and give the
 * existing group a key and retention (`aws logs associate-kms-key`, `aws logs
 * put-retention-policy`).
 *
 * What was verified, from public documentation only (no AWS account; nothing deployed):
 * - "Monitoring OS metrics with Enhanced Monitoring", section "Retention of Enhanced Monitoring
 *   metrics", Amazon RDS User Guide: metrics go to the `RDSOSMetrics` group, 30 days by
 *   default, and are kept longer by changing that group's retention, so RDS writes to the
 *   existing group and does not reset it.
 *   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html
 * - AWS managed policy AmazonRDSEnhancedMonitoringRole: RDS writes through the monitoring role
 *   (`logs:CreateLogStream`, `logs:PutLogEvents` on `RDS*` groups); no KMS permission is
 *   listed, as CloudWatch Logs encrypts with the group's key under the key policy, which
 *   `EncryptedLogGroup` grants to the Logs service.
 *   https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonRDSEnhancedMonitoringRole.html
 * - Public infrastructure modules pre-create this group with retention and a KMS key:
 *   https://github.com/terraform-aws-modules/terraform-aws-rds/pull/578 and the
 *   `RDSOSMetrics_loggroup` module of https://github.com/makandra/terraform-aws-modules
 *
 * Implements KEY-1, RET-1, LOG-5.
 */
export class RdsOsMetricsLogGroup extends Construct {
  /** The `RDSOSMetrics` log group. */
  public readonly logGroup: logs.LogGroup;
  /** The key of the log group. */
  public readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: RdsOsMetricsLogGroupProps = {}) {
    super(scope, id);
    recordImplements(this, 'KEY-1', 'RET-1', 'LOG-5');
    if (props.encryptionKey) {
      this.encryptionKey = props.encryptionKey;
    } else {
      const deployerArns = props.deployerArns ?? defaultDeployerArns(this);
      validateDeployerArns('RdsOsMetricsLogGroup', 'deployerArns', deployerArns, 'KEY-2', this);
      const key = new PurposeKey(this, 'Key', { purpose: 'monitoring' });
      key.reserveManagementTo(deployerArns);
      this.encryptionKey = key.key;
    }
    this.logGroup = new EncryptedLogGroup(this, 'Metrics', {
      encryptionKey: this.encryptionKey,
      retention: props.retention,
      logGroupName: RDS_OS_METRICS_LOG_GROUP_NAME,
    }).logGroup;
  }
}
