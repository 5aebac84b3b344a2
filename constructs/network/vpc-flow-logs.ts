import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from './encrypted-log-group';
import { recordImplements } from '../core/implements';
import { acknowledgeFindings } from '../core/nag-finding';

export interface VpcFlowLogsProps {
  /** The VPC whose traffic is recorded. */
  readonly vpc: ec2.IVpc;
  /** Customer-managed key for the log group (KEY-1); its policy is opened to CloudWatch Logs. */
  readonly encryptionKey: kms.IKey;
  /**
   * Retention of the flow-log group, at least one year (RET-1).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly retention?: logs.RetentionDays;
  /**
   * Aggregation interval. One minute gives finer timelines at a higher ingestion volume.
   * @default ec2.FlowLogMaxAggregationInterval.TEN_MINUTES
   */
  readonly maxAggregationInterval?: ec2.FlowLogMaxAggregationInterval;
}

/**
 * VPC Flow Logs (フローログ) of all traffic — accepted and rejected — into a KMS-encrypted
 * log group kept at least one year and retained on stack deletion: the record of what crossed
 * the connection point (接続点の通信を監視).
 *
 * Usable on any VPC, e.g. a vendor's own:
 * ```ts
 * const key = new PurposeKey(this, 'LogKey', { purpose: 'audit-logs' });
 * new VpcFlowLogs(this, 'FlowLogs', { vpc, encryptionKey: key.key });
 * ```
 *
 * Implements LOG-4 (flow logs for every VPC); its log group, an `EncryptedLogGroup`, records RET-1
 * and KEY-1.
 */
export class VpcFlowLogs extends Construct {
  /** The encrypted log group the flow log writes to. */
  public readonly logGroup: logs.LogGroup;
  /** The flow log. */
  public readonly flowLog: ec2.FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    recordImplements(this, 'LOG-4');
    this.logGroup = new EncryptedLogGroup(this, 'Logs', {
      encryptionKey: props.encryptionKey,
      retention: props.retention,
    }).logGroup;
    this.flowLog = new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(props.vpc),
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.logGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
      maxAggregationInterval:
        props.maxAggregationInterval ?? ec2.FlowLogMaxAggregationInterval.TEN_MINUTES,
    });
    acknowledgeFindings(this.flowLog, {
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'The policy CDK generates for the flow-log delivery role: write to this one log group only, attached to this one role.',
      reasonJa:
        'CDK がフローログの配信ロールに生成するポリシーであり、権限はこのロググループ 1 つへの書込みに限られ、このロール 1 つにだけ付与される。',
    });
  }
}
