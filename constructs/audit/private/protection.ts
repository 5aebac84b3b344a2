import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { hardenedBucketProps } from '../../core/bucket';
import { deployerOnlyStatement } from '../../core/deployer';
import { acknowledgeFindings } from '../../core/nag-finding';
import { addBucketStatementOnce } from '../../core/policy';

/**
 * Bucket settings only the deployer may change (LOG-2, RET-2). Wildcards, so that S3 accepts
 * the policy whatever bucket subresource actions it knows: `PutBucket*` covers the policy,
 * versioning, Object Lock configuration, public access block, ownership controls, ACL, logging,
 * notification, tagging, CORS, website and ABAC; `DeleteBucket*` the bucket and its policy.
 */
const ARCHIVE_BUCKET_ACTIONS = [
  's3:PutBucket*',
  's3:DeleteBucket*',
  's3:PutLifecycleConfiguration',
  's3:PutEncryptionConfiguration',
  's3:PutReplicationConfiguration',
  's3:PauseReplication',
  's3:PutAccelerateConfiguration',
  's3:PutAnalyticsConfiguration',
  's3:PutIntelligentTieringConfiguration',
  's3:PutInventoryConfiguration',
  's3:PutMetricsConfiguration',
  's3:CreateBucketMetadata*',
  's3:UpdateBucketMetadata*',
  's3:TagResource',
  's3:UntagResource',
];

/**
 * Object changes only the deployer may make: retention, legal hold, governance bypass, ACLs,
 * tags, annotations, encryption, ownership override, and replica writes (a replicated delete
 * marker hides a locked log from listings). Log services write with s3:PutObject only. RET-2.
 */
const ARCHIVE_OBJECT_ACTIONS = [
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:PutObject*Tagging',
  's3:DeleteObject*Tagging',
  's3:PutObject*Annotation',
  's3:DeleteObject*Annotation',
  's3:UpdateObjectEncryption',
  's3:ObjectOwnerOverrideToBucketOwner',
  's3:Replicate*',
];

/**
 * The bucket policy of an archive or of its access-log bucket (LOG-2, RET-2): nobody deletes a
 * log object or version — without Object Lock (config-history, access logs) this is the main
 * protection; with it, it also stops delete markers that would hide locked logs from listings;
 * lifecycle expiration is done by S3 itself and is not affected by bucket policies — and only
 * the deployer changes the bucket's settings or the objects' retention, ACLs and tags.
 */
export function reserveToDeployer(bucket: s3.Bucket, deployerArns: readonly string[]): void {
  addBucketStatementOnce(
    bucket,
    new iam.PolicyStatement({
      sid: 'DenyLogDeletion',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      resources: [bucket.arnForObjects('*')],
    }),
  );
  addBucketStatementOnce(
    bucket,
    deployerOnlyStatement({
      sid: 'DenyBucketChangesExceptDeployer',
      actions: ARCHIVE_BUCKET_ACTIONS,
      resources: [bucket.bucketArn],
      deployerArns,
    }),
  );
  addBucketStatementOnce(
    bucket,
    deployerOnlyStatement({
      sid: 'DenyObjectChangesExceptDeployer',
      actions: ARCHIVE_OBJECT_ACTIONS,
      resources: [bucket.arnForObjects('*')],
      deployerArns,
    }),
  );
}

/**
 * NIST 800-53 R5 asks for S3 replication. The logging requirements (LOG-1..3, RET-1) ask for
 * tamper-proof, one-year storage in Japan, which versioning and Object Lock / the delete-deny
 * policy give in one region; a replica would double the locked storage cost, and any copy
 * would have to stay in Japan (REG-3).
 */
export function acknowledgeSingleRegionCopy(bucket: s3.IBucket): void {
  acknowledgeFindings(bucket, {
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason:
      'Audit logs are kept tamper-proof for the retention period in one Japanese region (versioning, ' +
      'Object Lock or a delete-deny policy, RETAIN); LOG-1..3 and RET-1 do not ask for a second copy, ' +
      'and a replica would double the locked storage cost. A copy, if wanted, must stay in ap-northeast-1/3 (REG-3).',
    reasonJa:
      '監査ログは国内の 1 リージョンで、保存期間のあいだ改ざんできない状態で保管している（バージョニング、' +
      'オブジェクトロックまたは削除拒否ポリシー、RETAIN）。LOG-1〜3 と RET-1 は 2 つ目の複製を求めておらず、' +
      'レプリカを置くとロックされた保管の費用が倍になる。複製を置く場合も ap-northeast-1/3 に限る（REG-3）。',
  });
}

/**
 * The bucket receiving an archive's S3 server access logs: SSE-S3 (the only default
 * encryption S3 server access logging accepts for a target), no Object Lock (S3 refuses
 * Object Lock buckets as log targets), the archive's deletion and deployer-only denies.
 */
export function createAccessLogsBucket(
  scope: Construct,
  expireAfterDays: number,
  deployerArns: readonly string[],
): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'AccessLogsBucket', {
    ...hardenedBucketProps(),
    // Access logs are many small objects: moving them to colder classes costs more in
    // per-object transition fees than it saves, so they only expire.
    lifecycleRules: [
      {
        id: 'ExpireAccessLogs',
        expiration: Duration.days(expireAfterDays),
        noncurrentVersionExpiration: Duration.days(expireAfterDays),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
  reserveToDeployer(bucket, deployerArns);
  bucket.policy?.applyRemovalPolicy(RemovalPolicy.RETAIN);
  acknowledgeFindings(
    bucket,
    {
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server access log target of the audit archive; logging it into itself would ' +
        'log its own log deliveries in a loop, and a further bucket would only move the question. ' +
        'Access to it is recorded by the CloudTrail trail (LOG-1).',
      reasonJa:
        'このバケットは監査アーカイブのサーバーアクセスログの保存先である。自身に記録するとログの配信そのものを' +
        '記録し続けるループになり、別のバケットを設けても同じ問題が移るだけである。' +
        'このバケットへのアクセスは CloudTrail の証跡が記録する（LOG-1）。',
    },
    {
      id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
      reason:
        'S3 server access logging delivers only to targets with SSE-S3 default encryption; SSE-KMS is ' +
        'not supported for this bucket, so it is encrypted with SSE-S3 (KEY-1 exception, reported as ' +
        'GCJ-KEY1-LogDeliveryBucketSseS3).',
      reasonJa:
        'S3 サーバーアクセスログの配信先はデフォルト暗号化が SSE-S3 のバケットに限られ、SSE-KMS は使えないため、' +
        'SSE-S3 で暗号化している（KEY-1 の例外。GCJ-KEY1-LogDeliveryBucketSseS3 として報告する）。',
    },
  );
  acknowledgeSingleRegionCopy(bucket);
  return bucket;
}
