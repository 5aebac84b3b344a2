import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnDeliveryChannel } from 'aws-cdk-lib/aws-config';
import { CfnFlowLog } from 'aws-cdk-lib/aws-ec2';
import { CfnLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import type { ResourceIndex } from './pass-index';
import { actionMatches, isEveryone, statementsOf } from './policy';
import { type PropertyReference, referencesTo } from './references';
import { asList, flatten, isObject, isTrue, resolve } from './values';

/**
 * Principals that deliver Elastic Load Balancing access logs in Tokyo and Osaka: the regional
 * ELB accounts (582318560864 ap-northeast-1, 383597477331 ap-northeast-3) and the log-delivery
 * service principal used in newer regions.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
const ELB_LOG_DELIVERY_PRINCIPALS = [
  '582318560864',
  '383597477331',
  'logdelivery.elasticloadbalancing.amazonaws.com',
];

/** The bucket's literal name, when it has one (a generated name is unknown at synth time). */
export function bucketNames(bucket: CfnBucket): string[] {
  const name: unknown = resolve(bucket, bucket.bucketName);
  return typeof name === 'string' ? [name] : [];
}

/** Bucket policies in the app that apply to `bucket`. */
export function policiesOf(index: ResourceIndex, bucket: CfnBucket): CfnBucketPolicy[] {
  return index.remembered('policiesOf', bucket, () =>
    referencesTo(
      index,
      bucket,
      'bucket policy → bucket',
      (r) => (r instanceof CfnBucketPolicy ? [{ source: r, value: r.bucket }] : []),
      bucketNames(bucket),
    ).map((ref) => ref.source as CfnBucketPolicy),
  );
}

/** A property of a log source that names the bucket it delivers to, with how to say so. */
interface LogDelivery extends PropertyReference {
  readonly describe: string;
}

/**
 * Log deliveries whose target bucket can only use SSE-S3: S3 server access logs
 * (`LoggingConfiguration.DestinationBucketName`) and Elastic Load Balancing access and connection
 * logs (`access_logs.s3.bucket`, `connection_logs.s3.bucket`).
 */
function sseS3OnlyDeliveries(r: CfnResource): LogDelivery[] {
  if (r instanceof CfnBucket && r.loggingConfiguration !== undefined) {
    const logging: unknown = resolve(r, r.loggingConfiguration);
    return isObject(logging)
      ? [
          {
            source: r,
            value: logging.destinationBucketName,
            describe: `target of the S3 server access logs of ${r.node.path}`,
          },
        ]
      : [];
  }
  if (r instanceof CfnLoadBalancer) {
    return asList(resolve(r, r.loadBalancerAttributes))
      .filter(isObject)
      .filter((a) => a.key === 'access_logs.s3.bucket' || a.key === 'connection_logs.s3.bucket')
      .map((a) => ({
        source: r,
        value: a.value,
        describe: `target of the load balancer logs of ${r.node.path}`,
      }));
  }
  return [];
}

/**
 * Why `bucket` receives logs from a delivery service that only supports SSE-S3 (Amazon S3
 * managed keys) on its target, or undefined. Such a bucket cannot use a customer-managed key:
 * - S3 server access logs: another bucket's `LoggingConfiguration.DestinationBucketName` names
 *   it, or its policy grants `logging.s3.amazonaws.com`;
 * - Elastic Load Balancing access / connection logs: a load balancer's `access_logs.s3.bucket`
 *   or `connection_logs.s3.bucket` attribute names it, or its policy grants the ELB log-delivery
 *   principals.
 */
export function sseS3OnlyLogDelivery(index: ResourceIndex, bucket: CfnBucket): string | undefined {
  return index.remembered('sseS3OnlyLogDelivery', bucket, () =>
    findSseS3OnlyLogDelivery(index, bucket),
  );
}

function findSseS3OnlyLogDelivery(index: ResourceIndex, bucket: CfnBucket): string | undefined {
  const delivery = referencesTo(
    index,
    bucket,
    'SSE-S3-only log delivery → bucket',
    sseS3OnlyDeliveries,
    bucketNames(bucket),
  ).find((d) => d.source !== bucket);
  if (delivery) return delivery.describe;
  for (const policy of policiesOf(index, bucket)) {
    for (const statement of statementsOf(policy, policy.policyDocument)) {
      if (statement.effect !== 'Allow') continue;
      const principals = statement.principals.map((p) =>
        typeof p === 'string' ? p : flatten(policy, p),
      );
      if (principals.some((p) => p.includes('logging.s3.amazonaws.com'))) {
        return 'its policy lets S3 server access logging (logging.s3.amazonaws.com) write to it';
      }
      if (principals.some((p) => ELB_LOG_DELIVERY_PRINCIPALS.some((elb) => p.includes(elb)))) {
        return 'its policy lets Elastic Load Balancing log delivery write to it';
      }
    }
  }
  return undefined;
}

/** Audit-log deliveries: CloudTrail trails, AWS Config delivery channels, VPC flow logs to S3. */
function auditLogDeliveries(r: CfnResource): LogDelivery[] {
  if (r instanceof CfnTrail) {
    return [
      {
        source: r,
        value: r.s3BucketName,
        describe: `CloudTrail trail ${r.node.path} delivers to it`,
      },
    ];
  }
  if (r instanceof CfnDeliveryChannel) {
    return [
      {
        source: r,
        value: r.s3BucketName,
        describe: `AWS Config delivery channel ${r.node.path} delivers to it`,
      },
    ];
  }
  if (
    r instanceof CfnFlowLog &&
    String(resolve(r, r.logDestinationType) ?? '').toLowerCase() === 's3'
  ) {
    return [
      {
        source: r,
        value: r.logDestination,
        describe: `VPC flow log ${r.node.path} delivers to it`,
      },
    ];
  }
  return [];
}

/**
 * Why `bucket` is an audit-log bucket (監査ログの保管先), or an empty list: Object Lock is enabled,
 * or a CloudTrail trail, an AWS Config delivery channel or a VPC flow log delivers to it.
 */
export function auditLogUses(index: ResourceIndex, bucket: CfnBucket): string[] {
  return index.remembered('auditLogUses', bucket, () => findAuditLogUses(index, bucket));
}

function findAuditLogUses(index: ResourceIndex, bucket: CfnBucket): string[] {
  const uses: string[] = [];
  if (bucket.objectLockEnabled !== undefined && isTrue(bucket, bucket.objectLockEnabled)) {
    uses.push('Object Lock is enabled');
  }
  const deliveries = referencesTo(
    index,
    bucket,
    'audit log delivery → bucket',
    auditLogDeliveries,
    bucketNames(bucket),
  );
  return [...uses, ...deliveries.map((d) => d.describe)];
}

/**
 * True when AWS Config is the only log service delivering to `bucket` and Object Lock is off.
 * AWS Config does not support delivery to a bucket with Object Lock default retention
 * (AWS Config Developer Guide, "Managing the Delivery Channel"), so such a bucket is judged on
 * the protection it can have: a bucket policy denying object deletion to everyone.
 */
export function isConfigOnlyAuditBucket(index: ResourceIndex, bucket: CfnBucket): boolean {
  const uses = auditLogUses(index, bucket);
  return uses.length > 0 && uses.every((u) => u.startsWith('AWS Config delivery channel'));
}

/** True when a policy of `bucket` denies s3:DeleteObject and s3:DeleteObjectVersion to everyone. */
export function deniesObjectDeletion(index: ResourceIndex, bucket: CfnBucket): boolean {
  const denied = new Set<string>();
  for (const policy of policiesOf(index, bucket)) {
    for (const statement of statementsOf(policy, policy.policyDocument)) {
      if (statement.effect !== 'Deny' || !isEveryone(statement.principals)) continue;
      for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion']) {
        if (statement.actions.some((pattern) => actionMatches(pattern, action))) {
          denied.add(action);
        }
      }
    }
  }
  return denied.size === 2;
}
