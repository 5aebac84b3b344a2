import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';
import { acknowledgeFindings } from '../core/nag-finding';
import { hardenedBucketProps } from '../core/bucket';
import { DEFAULT_LOG_RETENTION_DAYS, MIN_LOG_RETENTION_DAYS } from '../../domain/retention';

export interface OperationsLogBucketProps {
  /**
   * Days objects are kept before they expire; at least one year (RET-1).
   * @default 400
   */
  readonly retentionDays?: number;
}

/**
 * The bucket for operations logs that AWS services deliver only to SSE-S3 buckets: ALB
 * access logs (ALB アクセスログ) and S3 server access logs. Neither delivery supports SSE-KMS,
 * so this bucket uses S3-managed encryption (still encrypted at rest) and is otherwise locked
 * down: TLS 1.2+ only, public access blocked, ACLs disabled, versioned, retained on stack
 * deletion, and objects expire no earlier than one year.
 *
 * Implements LOG-5 (ALB logs kept ≥ 1 year), RET-1, KEY-3 (TLS-only).
 */
export class OperationsLogBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: OperationsLogBucketProps = {}) {
    super(scope, id);
    recordImplements(this, 'LOG-5', 'RET-1', 'KEY-3');
    const retentionDays = props.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    if (!Number.isInteger(retentionDays) || retentionDays < MIN_LOG_RETENTION_DAYS) {
      throw new GovCloudError({
        code: 'OperationsLogBucketRetentionTooShort',
        problem: `OperationsLogBucket retentionDays "${retentionDays}" is too short`,
        requirement: 'RET-1',
        fix: `keep operations logs at least ${MIN_LOG_RETENTION_DAYS} days.`,
        scope: this,
      });
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...hardenedBucketProps(),
      lifecycleRules: [
        {
          id: 'ExpireAfterRetention',
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: Duration.days(retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    const logTarget = {
      reason:
        'This bucket is itself the destination of ALB and S3 server access logs; logging its own accesses into itself would loop.',
      reasonJa:
        'このバケット自体が ALB アクセスログと S3 サーバーアクセスログの配信先であり、自身へのアクセスを自身に記録するとループになる。',
    };
    acknowledgeFindings(
      this.bucket,
      { id: 'AwsSolutions-S1', ...logTarget },
      { id: 'NIST.800.53.R5-S3BucketLoggingEnabled', ...logTarget },
      {
        id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
        reason:
          'ALB access-log and S3 server-access-log delivery support only SSE-S3 (AWS documentation); the bucket is still encrypted at rest, private and TLS-only.',
        reasonJa:
          'ALB アクセスログと S3 サーバーアクセスログの配信は SSE-S3 にしか対応していない（AWS ドキュメント）。それでもバケットは保存時に暗号化され、非公開で、TLS による接続だけを受け付ける。',
      },
      {
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
        reason:
          'Operations logs of one system; the audit record of the tenant area is the baseline log archive, which is protected and kept separately.',
        reasonJa:
          '1 つのシステムの運用ログである。個別領域の監査記録はベースラインのログアーカイブであり、別に保護して保管している。',
      },
    );
  }
}
