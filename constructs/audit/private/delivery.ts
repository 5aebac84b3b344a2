import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { addBucketStatementOnce, addKeyStatementOnce } from '../../core/policy';
import { prefixPath } from './policy';

/** The archive a log service is let into: the construct that warns, its bucket and its key. */
export interface DeliveryTarget {
  readonly scope: IConstruct;
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
}

/**
 * CloudTrail log and digest delivery, following the CloudTrail bucket and key policy
 * documentation: s3:GetBucketAcl and s3:PutObject under `<prefix>/AWSLogs/<account>/` with
 * bucket-owner-full-control, kms:GenerateDataKey* with the
 * `kms:EncryptionContext:aws:cloudtrail:arn` condition, and kms:DescribeKey; every statement
 * bound to `aws:SourceArn`. LOG-1, LOG-3.
 */
export function allowCloudTrailDelivery(
  target: DeliveryTarget,
  sourceArn: string,
  keyPrefix: string | undefined,
): void {
  const stack = Stack.of(target.scope);
  const principal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const source = {
    ArnLike: { 'aws:SourceArn': sourceArn },
    StringEquals: { 'aws:SourceAccount': stack.account },
  };
  addBucketStatementOnce(
    target.bucket,
    new iam.PolicyStatement({
      sid: 'AWSCloudTrailAclCheck',
      principals: [principal],
      actions: ['s3:GetBucketAcl'],
      resources: [target.bucket.bucketArn],
      conditions: source,
    }),
  );
  allowLogWrite(target, 'AWSCloudTrailWrite', principal, source, keyPrefix);
  addKeyStatementOnce(
    target.scope,
    target.key,
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailEncryptLogs',
      principals: [principal],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${stack.account}:trail/*`,
        },
        ArnLike: { 'aws:SourceArn': sourceArn },
      },
    }),
  );
  addKeyStatementOnce(
    target.scope,
    target.key,
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailDescribeKey',
      principals: [principal],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { ArnLike: { 'aws:SourceArn': sourceArn } },
    }),
  );
}

/**
 * VPC Flow Logs delivery through the log delivery service (delivery.logs.amazonaws.com),
 * bound to this account and to log-delivery sources in this account and region, with the
 * key statement flow logs need for SSE-KMS buckets. LOG-4.
 */
export function allowFlowLogsDelivery(target: DeliveryTarget, keyPrefix: string | undefined): void {
  const stack = Stack.of(target.scope);
  const principal = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
  const source = {
    StringEquals: { 'aws:SourceAccount': stack.account },
    ArnLike: {
      'aws:SourceArn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`,
    },
  };
  addBucketStatementOnce(
    target.bucket,
    new iam.PolicyStatement({
      sid: 'AWSLogDeliveryAclCheck',
      principals: [principal],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [target.bucket.bucketArn],
      conditions: source,
    }),
  );
  allowLogWrite(target, 'AWSLogDeliveryWrite', principal, source, keyPrefix);
  addKeyStatementOnce(
    target.scope,
    target.key,
    new iam.PolicyStatement({
      sid: 'AllowLogDeliveryUse',
      principals: [principal],
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      resources: ['*'],
      conditions: source,
    }),
  );
}

/**
 * AWS Config delivery of configuration history and snapshots, following the Config
 * documentation for a service-linked-role setup: the Config service principal checks the
 * bucket ACL and existence and writes under `<prefix>/AWSLogs/<account>/Config/` with
 * bucket-owner-full-control, and may use the key (kms:Decrypt, kms:GenerateDataKey); all bound
 * to `aws:SourceAccount`. DET-1.
 */
export function allowConfigDelivery(target: DeliveryTarget, keyPrefix: string | undefined): void {
  const stack = Stack.of(target.scope);
  const principal = new iam.ServicePrincipal('config.amazonaws.com');
  const source = { StringEquals: { 'aws:SourceAccount': stack.account } };
  addBucketStatementOnce(
    target.bucket,
    new iam.PolicyStatement({
      sid: 'AWSConfigBucketPermissionsCheck',
      principals: [principal],
      actions: ['s3:GetBucketAcl'],
      resources: [target.bucket.bucketArn],
      conditions: source,
    }),
  );
  addBucketStatementOnce(
    target.bucket,
    new iam.PolicyStatement({
      sid: 'AWSConfigBucketExistenceCheck',
      principals: [principal],
      actions: ['s3:ListBucket'],
      resources: [target.bucket.bucketArn],
      conditions: source,
    }),
  );
  addBucketStatementOnce(
    target.bucket,
    new iam.PolicyStatement({
      sid: 'AWSConfigBucketDelivery',
      principals: [principal],
      actions: ['s3:PutObject'],
      resources: [
        target.bucket.arnForObjects(`${prefixPath(keyPrefix)}AWSLogs/${stack.account}/Config/*`),
      ],
      conditions: {
        StringEquals: { ...source.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
      },
    }),
  );
  addKeyStatementOnce(
    target.scope,
    target.key,
    new iam.PolicyStatement({
      sid: 'AllowConfigDelivery',
      principals: [principal],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: source,
    }),
  );
}

/**
 * Lets a log service write under `<prefix>/AWSLogs/<account>/`, handing the objects to the
 * bucket owner, with the service's source conditions.
 */
function allowLogWrite(
  target: DeliveryTarget,
  sid: string,
  principal: iam.IPrincipal,
  source: {
    readonly StringEquals: Record<string, unknown>;
    readonly ArnLike: Record<string, unknown>;
  },
  keyPrefix: string | undefined,
): void {
  addBucketStatementOnce(
    target.bucket,
    new iam.PolicyStatement({
      sid,
      principals: [principal],
      actions: ['s3:PutObject'],
      resources: [
        target.bucket.arnForObjects(
          `${prefixPath(keyPrefix)}AWSLogs/${Stack.of(target.scope).account}/*`,
        ),
      ],
      conditions: {
        ...source,
        StringEquals: { ...source.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
      },
    }),
  );
}
