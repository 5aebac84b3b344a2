import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeFindings, nagResourceFinding } from '../core/nag-finding';
import { hardenedBucketProps, logServerAccess } from '../core/bucket';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';

export interface SnapshotExportProps {
  /**
   * Customer-managed key of the export bucket and of the export task (`--kms-key-id`). Use
   * the municipality's data key, so that crypto-erasure (KEY-4) also covers exported copies.
   */
  readonly encryptionKey: kms.IKey;
  /** SSE-S3 bucket receiving the export bucket's server access logs (who read the export). */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Prefix of the server access logs.
   * @default 'snapshot-export/'
   */
  readonly accessLogsPrefix?: string;
  /**
   * How long an overwritten or deleted export file (a noncurrent version) is kept before S3
   * removes it. The current files are never expired: the exit path keeps the latest export
   * until the municipality deletes it (PORT-1); old versions only cost money (RET-3).
   * @default Duration.days(90)
   */
  readonly noncurrentVersionRetention?: Duration;
}

/** Uploads a failed export left behind are removed after this (RET-3). */
const INCOMPLETE_UPLOAD_DAYS = 7;

/**
 * The exit path (移行・抹消) of a municipality's data: an encrypted, TLS-only bucket in Japan
 * and the IAM role that RDS snapshot export (`export.rds.amazonaws.com`) assumes to write a
 * database snapshot into it as Apache Parquet, a generic, self-describing column format
 * (汎用性のあるデータ形式) readable by Athena, Spark, pandas and most ETL tools.
 *
 * Nothing runs by itself: an operator starts the export with `aws rds start-export-task`
 * (see constructs/exit/README.md). `grantStartExport` gives a role what that needs.
 *
 * Cost: none fixed; the export is billed per GB of snapshot, the bucket per GB stored.
 *
 * The bucket keeps the current export files; a lifecycle rule removes old versions after
 * `noncurrentVersionRetention` and uploads a failed export left behind after 7 days.
 *
 * Implements PORT-1 (export in a generic format, encrypted, in Japan), KEY-1, KEY-3, RET-3.
 */
export class SnapshotExport extends Construct {
  /** Bucket the Parquet files go to. */
  public readonly bucket: s3.Bucket;
  /** Role RDS assumes to write the export. */
  public readonly exportRole: iam.Role;
  /** Key to pass as `--kms-key-id`. */
  public readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: SnapshotExportProps) {
    super(scope, id);
    recordImplements(this, 'PORT-1', 'KEY-1', 'KEY-3', 'RET-3');
    this.encryptionKey = props.encryptionKey;
    const stack = Stack.of(this);
    const noncurrent = props.noncurrentVersionRetention ?? Duration.days(90);
    const noncurrentDays = noncurrent.toDays({ integral: false });
    if (!Number.isInteger(noncurrentDays) || noncurrentDays < 1) {
      throw new GovCloudError({
        code: 'SnapshotExportNoncurrentRetentionInvalid',
        problem: `SnapshotExport noncurrentVersionRetention "${noncurrent.toHumanString()}" is invalid`,
        requirement: 'RET-3',
        fix: `use a whole number of days ≥ 1.`,
        scope: this,
      });
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...hardenedBucketProps(props.encryptionKey),
      // Control Tower CT.S3.PR.3 / CT.S3.PR.6: a versioned bucket has an active lifecycle rule.
      lifecycleRules: [
        {
          id: 'OldVersionsAndFailedUploads',
          noncurrentVersionExpiration: noncurrent,
          abortIncompleteMultipartUploadAfter: Duration.days(INCOMPLETE_UPLOAD_DAYS),
        },
      ],
    });
    this.exportRole = new iam.Role(this, 'ExportRole', {
      assumedBy: new iam.ServicePrincipal('export.rds.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'RDS snapshot export to Parquet in the exit bucket (PORT-1)',
    });
    const policy = new iam.ManagedPolicy(this, 'ExportPolicy', {
      description: 'RDS snapshot export into the exit bucket (PORT-1)',
      roles: [this.exportRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteExport',
          actions: ['s3:PutObject*', 's3:GetObject*', 's3:DeleteObject*'],
          resources: [this.bucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'ListExportBucket',
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [this.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptExport',
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [props.encryptionKey.keyArn],
        }),
      ],
    });
    acknowledgeFindings(this.bucket, {
      id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        'A staging bucket for a hand-over: the snapshots it is made from are copied to the other Japanese region by AWS Backup (BAK-2).',
      reasonJa:
        '移行時のデータ引渡しに使う一時的なバケットであり、その元となるスナップショットは AWS Backup が国内のもう一方のリージョンへコピーしている（BAK-2）。',
    });
    logServerAccess(
      this.bucket,
      props.accessLogsBucket,
      props.accessLogsPrefix ?? 'snapshot-export/',
    );
    acknowledgeFindings(
      policy,
      {
        id: 'AwsSolutions-IAM5[Action::s3:PutObject*]',
        reason:
          'The RDS export guide requires s3:PutObject* on the export bucket (multipart, tagging).',
        reasonJa:
          'RDS のエクスポートの手引き（AWS ドキュメント）は、エクスポート先バケットへの s3:PutObject* を必要としている（マルチパートアップロード、タグ付け）。',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason: 'The RDS export guide requires s3:GetObject* on the export bucket.',
        reasonJa:
          'RDS のエクスポートの手引き（AWS ドキュメント）は、エクスポート先バケットへの s3:GetObject* を必要としている。',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        reason: 'The RDS export guide requires s3:DeleteObject* to clean up a failed export.',
        reasonJa:
          'RDS のエクスポートの手引き（AWS ドキュメント）は、失敗したエクスポートの後始末のために s3:DeleteObject* を必要としている。',
      },
      {
        id: nagResourceFinding(this, 'AwsSolutions-IAM5', this.bucket.arnForObjects('*')),
        reason: 'Objects of the export bucket only; RDS names the Parquet files per export task.',
        reasonJa:
          '対象はエクスポート先バケットのオブジェクトに限る。Parquet ファイルの名前は RDS がエクスポートタスクごとに付ける。',
      },
    );
  }

  /**
   * Lets `grantee` start, watch and cancel export tasks with this role and key:
   * rds:StartExportTask, iam:PassRole of the export role, and the KMS grant the export
   * needs on the key. The returned grant covers all three.
   */
  public grantStartExport(grantee: iam.IGrantable): iam.Grant {
    const tasks = iam.Grant.addToPrincipal({
      grantee,
      actions: ['rds:StartExportTask', 'rds:DescribeExportTasks', 'rds:CancelExportTask'],
      resourceArns: ['*'],
    });
    const passRole = this.exportRole.grantPassRole(grantee.grantPrincipal);
    const key = iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:RetireGrant'],
      resourceArns: [this.encryptionKey.keyArn],
    });
    return tasks.combine(passRole).combine(key);
  }
}
