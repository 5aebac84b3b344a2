import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * The settings every bucket of the library shares, for `new s3.Bucket(scope, id, { ...these,
 * lifecycleRules, … })`: SSE-KMS with `encryptionKey` and an S3 Bucket Key (KEY-1), or SSE-S3
 * without a key, for the log-delivery targets that accept nothing else; TLS 1.2 or later only
 * (KEY-3); public access blocked and ACLs disabled (TEN-1); versioning (LOG-3); retained when
 * the stack is deleted (RET-1).
 */
export function hardenedBucketProps(encryptionKey?: kms.IKey): s3.BucketProps {
  return {
    ...(encryptionKey
      ? { encryption: s3.BucketEncryption.KMS, encryptionKey, bucketKeyEnabled: true }
      : { encryption: s3.BucketEncryption.S3_MANAGED }),
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/**
 * Sends the S3 server access logs of `source` to `target` under `prefix`, authorised by a
 * bucket-policy statement for `logging.s3.amazonaws.com` bound to `source` and this account.
 * Unlike the `serverAccessLogsBucket` prop, this never falls back to the LogDeliveryWrite ACL
 * (which CDK uses when the `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag is off, and
 * which is incompatible with ACLs disabled), so it behaves the same in any app.
 */
export function logServerAccess(source: s3.Bucket, target: s3.IBucket, prefix: string): void {
  (source.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: target.bucketName,
    logFilePrefix: prefix,
  };
  target.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [target.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': source.bucketArn },
        StringEquals: { 'aws:SourceAccount': Stack.of(source).account },
      },
    }),
  );
}
