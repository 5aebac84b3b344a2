import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IAuditLogArchive } from './audit-log-archive';
import { validatePrefix } from './private/policy';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';

/** How often AWS Config delivers a configuration snapshot (構成スナップショット). */
export type ConfigSnapshotDeliveryFrequency =
  'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';

const FREQUENCIES: readonly ConfigSnapshotDeliveryFrequency[] = [
  'One_Hour',
  'Three_Hours',
  'Six_Hours',
  'Twelve_Hours',
  'TwentyFour_Hours',
];

export interface ConfigRecorderProps {
  /**
   * Where configuration history and snapshots go: an archive with purpose 'config-history'
   * (AWS Config cannot deliver to an Object Lock bucket with default retention), created here
   * (`AuditLogArchive`) or an existing one (`AuditLogArchive.fromArchiveAttributes`).
   */
  readonly archive: IAuditLogArchive;
  /**
   * Record global resource types (IAM users, roles, policies …). Set it in the home region
   * only (DET-1): recording them in every region duplicates configuration items and cost.
   * @default false
   */
  readonly recordGlobalResources?: boolean;
  /**
   * Create the AWS Config service-linked role (AWSServiceRoleForConfig) in this template.
   *
   * The recorder always uses that role. It is one per account, shared by all regions, and
   * many accounts already have it (created by Config, Control Tower or the management side);
   * creating it again fails the stack, and creating it in two regional stacks fails the
   * second. So the default assumes it exists. For a fresh account set this to true in exactly
   * one stack (the home region's), or create it once with
   * `aws iam create-service-linked-role --aws-service-name config.amazonaws.com`.
   * The role is RETAINed: Config in other regions may still use it.
   * @default false
   */
  readonly createServiceLinkedRole?: boolean;
  /**
   * How often a configuration snapshot is delivered.
   * @default 'TwentyFour_Hours'
   */
  readonly snapshotDeliveryFrequency?: ConfigSnapshotDeliveryFrequency;
  /**
   * Prefix under which Config writes in the archive (`<prefix>/AWSLogs/...`).
   * @default - none
   */
  readonly s3KeyPrefix?: string;
}

/**
 * AWS Config configuration recorder (構成記録) and delivery channel: all supported resource
 * types, global resource types only where asked (home region), delivery to a protected
 * archive encrypted with a customer-managed key.
 *
 * Implements DET-1 (with KEY-1 through the archive's key).
 */
export class ConfigRecorder extends Construct {
  /** The configuration recorder. */
  public readonly recorder: config.CfnConfigurationRecorder;
  /** The delivery channel to the archive. */
  public readonly deliveryChannel: config.CfnDeliveryChannel;
  /** The service-linked role, when `createServiceLinkedRole` is true. */
  public readonly serviceLinkedRole?: iam.CfnServiceLinkedRole;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    recordImplements(this, 'DET-1');
    const { archive } = props;
    if (archive.purpose !== 'config-history') {
      throw new GovCloudError({
        code: 'ConfigRecorderArchiveNotConfigHistory',
        problem: `ConfigRecorder archive with purpose "${archive.purpose}" is refused`,
        requirement: 'DET-1',
        fix:
          `AWS Config does not support ` +
          `delivery to a bucket with Object Lock default retention; pass an AuditLogArchive with purpose 'config-history'.`,
        scope: this,
      });
    }
    const frequency = props.snapshotDeliveryFrequency ?? 'TwentyFour_Hours';
    if (!FREQUENCIES.includes(frequency)) {
      throw new GovCloudError({
        code: 'ConfigRecorderFrequencyUnsupported',
        problem: `ConfigRecorder snapshotDeliveryFrequency "${frequency}" is not supported`,
        requirement: 'DET-1',
        fix: `use one of ${FREQUENCIES.join(', ')}.`,
        scope: this,
      });
    }
    validatePrefix(this, 'ConfigRecorder', 's3KeyPrefix', props.s3KeyPrefix, 'DET-1');

    const stack = Stack.of(this);
    if (props.createServiceLinkedRole) {
      this.serviceLinkedRole = new iam.CfnServiceLinkedRole(this, 'ServiceLinkedRole', {
        awsServiceName: 'config.amazonaws.com',
        description: 'AWS Config service-linked role (DET-1)',
      });
      this.serviceLinkedRole.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.recordGlobalResources ?? false,
      },
    });
    if (this.serviceLinkedRole) {
      this.recorder.addResourceDependency(this.serviceLinkedRole);
    }

    archive.allowConfig({ keyPrefix: props.s3KeyPrefix });
    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: archive.bucket.bucketName,
      s3KeyPrefix: props.s3KeyPrefix,
      s3KmsKeyArn: archive.key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: frequency },
    });
    // Config refuses a delivery channel while no recorder exists, and checks bucket access
    // when the channel is created.
    this.deliveryChannel.addResourceDependency(this.recorder);
    if (archive.bucket.policy) {
      this.deliveryChannel.node.addDependency(archive.bucket.policy);
    }
  }
}
