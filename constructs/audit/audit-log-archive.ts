import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { PurposeKey } from '../keys/purpose-key';
import { isPositiveInteger, prefixPath, validatePrefix } from './private/policy';
import { recordImplements } from '../core/implements';
import { addBucketStatementOnce, addKeyStatementOnce } from '../core/policy';
import { hardenedBucketProps } from '../core/bucket';
import { defaultDeployerArns, deployerOnlyStatement, validateDeployerArns } from '../core/deployer';
import {
  DEFAULT_LOG_RETENTION_DAYS as DEFAULT_RETENTION_DAYS,
  MIN_LOG_RETENTION_DAYS as MIN_RETENTION_DAYS,
} from '../../domain/retention';

/**
 * What an archive holds, which decides whether it can use S3 Object Lock.
 *
 * - `audit-trail`: CloudTrail log and digest files (and optionally VPC Flow Logs). Object Lock
 *   with default retention (WORM, 改ざん防止) — CloudTrail delivers into such buckets.
 * - `config-history`: AWS Config configuration history and snapshots. No Object Lock, because
 *   AWS Config does not support a delivery channel to a bucket where Object Lock is enabled
 *   with default retention (AWS Config Developer Guide, "Managing the Delivery Channel":
 *   https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html;
 *   the CloudFormation reference for AWS::Config::DeliveryChannel says any Object Lock
 *   bucket). Deletion is denied by bucket policy instead, and versioning keeps overwritten
 *   objects.
 */
export type AuditLogArchivePurpose = 'audit-trail' | 'config-history';

/**
 * S3 Object Lock retention mode (保持モード). COMPLIANCE: nobody, root included, can delete or
 * shorten retention. GOVERNANCE: principals with s3:BypassGovernanceRetention can.
 */
export type AuditLogObjectLockMode = 'COMPLIANCE' | 'GOVERNANCE';

const PURPOSES: readonly AuditLogArchivePurpose[] = ['audit-trail', 'config-history'];
const MODES: readonly AuditLogObjectLockMode[] = ['COMPLIANCE', 'GOVERNANCE'];

/** S3 Object Lock accepts at most 100 years of default retention. */
const MAX_RETENTION_DAYS = 36500;

export interface AuditLogArchiveProps {
  /**
   * What the archive holds; decides whether Object Lock can be used (see
   * {@link AuditLogArchivePurpose}).
   * @default 'audit-trail'
   */
  readonly purpose?: AuditLogArchivePurpose;
  /**
   * Object Lock default retention mode (RET-2). Only for `audit-trail` archives.
   * GOVERNANCE needs `governanceModeReason` and raises a synth warning.
   * @default 'COMPLIANCE'
   */
  readonly objectLockMode?: AuditLogObjectLockMode;
  /**
   * Why GOVERNANCE mode is acceptable (e.g. "verification account, deleted after the
   * trial"). Required with GOVERNANCE, so the choice is written down next to the code (RET-2).
   * @default - none; GOVERNANCE mode is refused
   */
  readonly governanceModeReason?: string;
  /**
   * Days each object is locked (Object Lock default retention) and the earliest age at which
   * any lifecycle rule may expire it (保存期間). At least 365 (RET-1).
   * @default 400
   */
  readonly retentionDays?: number;
  /**
   * Customer-managed key for SSE-KMS (KEY-1). Its key policy gets the statements each log
   * service needs; for an imported key you must add them yourself (a warning lists them).
   * @default - a new `PurposeKey` ('audit-logs' for `audit-trail`, 'config' for
   *   `config-history`): rotation on, 30-day deletion window, RETAIN
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Qualifier of the created key's alias (`alias/govcloud-jp/audit-logs-<qualifier>`), needed
   * when one stack holds two archives of the same purpose, since aliases are unique per
   * account and region. Lowercase letters, digits and hyphens. Ignored with `encryptionKey`.
   * @default - none: `alias/govcloud-jp/audit-logs` (or `.../config`)
   */
  readonly keyQualifier?: string;
  /**
   * Age in days at which objects move to S3 Glacier Instant Retrieval (RET-3).
   * @default 90
   */
  readonly glacierInstantRetrievalAfterDays?: number;
  /**
   * Age in days at which objects move to S3 Glacier Flexible Retrieval (RET-3). Must be
   * later than `glacierInstantRetrievalAfterDays`. Objects there need a restore before they
   * can be read (e.g. by `aws cloudtrail validate-logs`).
   * @default 365
   */
  readonly glacierFlexibleRetrievalAfterDays?: number;
  /**
   * Age in days at which objects (and noncurrent versions) are expired. At least
   * `retentionDays` (RET-1) and later than both transitions.
   * @default - never: logs are kept until someone decides otherwise
   */
  readonly expireAfterDays?: number;
  /**
   * Bucket that receives S3 server access logs (サーバーアクセスログ) of the archive, e.g. the
   * `accessLogsBucket` of another archive so that several archives share one.
   * @default - a new bucket (SSE-S3, versioned, Block Public Access, TLS only, RETAIN)
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Age in days at which server access logs in the bucket created here expire. At least
   * `retentionDays` (RET-1). Ignored when `accessLogsBucket` is given.
   * @default - `retentionDays`
   */
  readonly accessLogsExpireAfterDays?: number;
  /**
   * The designated deployer (指定された配備主体): `aws:PrincipalArn` patterns of the roles that
   * deploy the baseline. Only they may change the bucket policies, lifecycle, Object Lock
   * configuration, versioning, encryption, public access block, logging, replication and tags
   * of the archive and of the access-log bucket created here, or change retention, legal hold,
   * ACLs and tags of archived objects; nobody at all may delete objects or versions. The denies
   * sit in the bucket policies, so they bind every principal of the account — also one that
   * carries neither the guard nor the baseline boundary — and, for the key created here, the
   * key policy reserves key management likewise ({@link PurposeKey.reserveManagementTo}). Log
   * services keep writing (they need none of these actions). LOG-2, RET-2, KEY-2.
   *
   * No lock-out: the patterns match role names, so a deleted deployer role is created again
   * under its name; and the root user of the bucket owner's account can always get, put and
   * delete a bucket policy whatever it denies, unless an SCP blocks it (Amazon S3 API
   * Reference, "DeleteBucketPolicy", AWS).
   * @default - the stack's CDK CloudFormation execution role (`cdk deploy`), or the StackSets
   *   and Control Tower execution roles when the stack is synthesized without bootstrap
   */
  readonly deployerArns?: readonly string[];
}

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
 * Protected S3 archive for audit logs (監査ログの保管庫).
 *
 * - Object Lock with default retention, COMPLIANCE by default (`audit-trail` archives),
 *   versioning: logs cannot be altered or deleted before the retention ends (LOG-3, RET-1,
 *   RET-2).
 * - SSE-KMS with a customer-managed key and S3 Bucket Keys (KEY-1); the key is RETAINed with
 *   rotation and a 30-day deletion window (KEY-2).
 * - Block Public Access, ACLs disabled, a bucket policy denying non-TLS and TLS < 1.2
 *   requests (KEY-3) and denying object deletion to every principal; log services are
 *   allowed only through `allowCloudTrail`, `allowFlowLogs` and `allowConfig`, each bound to
 *   this account (`aws:SourceAccount`) and, where the service sends it, the source
 *   (`aws:SourceArn`).
 * - Server access logs to a separate bucket. That bucket is SSE-S3 (the only default
 *   encryption S3 server access logging accepts for a target) and has no Object Lock (S3
 *   refuses Object Lock buckets as log targets).
 * - Lifecycle transitions to Glacier Instant Retrieval, then Glacier Flexible Retrieval
 *   (RET-3), and no expiration earlier than the retention (RET-1).
 * - Everything RETAINed; no custom resources or assets, so the template deploys with
 *   StackSets.
 *
 * Implements LOG-3, RET-1, RET-2, RET-3, KEY-1, KEY-3 (and DET-1 for `config-history`).
 */
export class AuditLogArchive extends Construct {
  /** The archive bucket. */
  public readonly bucket: s3.Bucket;
  /** Key encrypting the archive (SSE-KMS). Log services encrypt with it too. */
  public readonly key: kms.IKey;
  /** Bucket receiving the archive's S3 server access logs. */
  public readonly accessLogsBucket: s3.IBucket;
  /** Object Lock retention in days; also the earliest expiration age. */
  public readonly retentionDays: number;
  /** Object Lock mode, or undefined for a `config-history` archive (no Object Lock). */
  public readonly objectLockMode?: AuditLogObjectLockMode;
  /** What the archive holds. */
  public readonly purpose: AuditLogArchivePurpose;

  constructor(scope: Construct, id: string, props: AuditLogArchiveProps = {}) {
    super(scope, id);
    const settings = validate(props);
    this.purpose = settings.purpose;
    recordImplements(
      this,
      ...(this.purpose === 'audit-trail' ? (['LOG-3', 'RET-2'] as const) : (['DET-1'] as const)),
      'RET-1',
      'RET-3',
      'KEY-1',
      'KEY-3',
    );
    this.retentionDays = settings.retentionDays;
    this.objectLockMode = settings.objectLockMode;
    const deployerArns = props.deployerArns ?? defaultDeployerArns(this);
    validateDeployerArns('AuditLogArchive', 'deployerArns', deployerArns, 'LOG-2');

    // S3 server access logging is granted by a bucket policy on the target (logging.s3
    // principal, bound to the source bucket and account), not by the legacy LogDeliveryWrite
    // ACL, which cannot work with ACLs disabled (BucketOwnerEnforced). Set for this subtree so
    // the template doesn't depend on the app's feature flags.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    if (props.encryptionKey) {
      this.key = props.encryptionKey;
    } else {
      const key = new PurposeKey(this, 'Key', {
        purpose: this.purpose === 'audit-trail' ? 'audit-logs' : 'config',
        qualifier: props.keyQualifier,
      });
      key.reserveManagementTo(deployerArns);
      this.key = key.key;
    }

    this.accessLogsBucket =
      props.accessLogsBucket ??
      this.createAccessLogsBucket(settings.accessLogsExpireAfterDays, deployerArns);

    // Current and noncurrent versions age the same way (RET-3).
    const transitions = [
      {
        storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
        transitionAfter: Duration.days(settings.glacierInstantDays),
      },
      {
        storageClass: s3.StorageClass.GLACIER,
        transitionAfter: Duration.days(settings.glacierFlexibleDays),
      },
    ];

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...hardenedBucketProps(this.key),
      objectLockEnabled: this.objectLockMode !== undefined,
      objectLockDefaultRetention:
        this.objectLockMode === 'COMPLIANCE'
          ? s3.ObjectLockRetention.compliance(Duration.days(this.retentionDays))
          : this.objectLockMode === 'GOVERNANCE'
            ? s3.ObjectLockRetention.governance(Duration.days(this.retentionDays))
            : undefined,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: `${this.purpose}/`,
      lifecycleRules: [
        {
          id: 'ColderStorage',
          transitions,
          noncurrentVersionTransitions: transitions,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          ...(settings.expireAfterDays !== undefined
            ? {
                expiration: Duration.days(settings.expireAfterDays),
                noncurrentVersionExpiration: Duration.days(settings.expireAfterDays),
              }
            : {}),
        },
      ],
    });

    reserveToDeployer(this.bucket, deployerArns);
    // A retained bucket keeps its TLS and no-delete policy after the stack is gone.
    this.bucket.policy?.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledgeSingleRegionCopy(this.bucket);

    if (this.objectLockMode === 'GOVERNANCE') {
      Annotations.of(this).addWarningV2(
        'govcloud-jp-cdk:audit:governanceMode',
        `AuditLogArchive uses Object Lock GOVERNANCE mode [RET-2]: principals with s3:BypassGovernanceRetention ` +
          `can shorten or remove the ${this.retentionDays}-day retention of logs. Reason given: ` +
          settings.governanceModeReason,
      );
    }
  }

  /**
   * Lets CloudTrail deliver log and digest files (LOG-1, LOG-3) and encrypt them with the
   * archive key, following the CloudTrail bucket and key policy documentation: s3:GetBucketAcl
   * and s3:PutObject under `<prefix>/AWSLogs/<account>/` with bucket-owner-full-control,
   * kms:GenerateDataKey* with the `kms:EncryptionContext:aws:cloudtrail:arn` condition, and
   * kms:DescribeKey; every statement bound to `aws:SourceArn`.
   *
   * @param sourceArn ARN (or ARN pattern, e.g. `arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/*`)
   *   of the trail(s) allowed to write.
   */
  public allowCloudTrail(sourceArn: string, options: { readonly keyPrefix?: string } = {}): void {
    if (this.purpose !== 'audit-trail') {
      throw new Error(
        `AuditLogArchive allowCloudTrail on purpose "${this.purpose}" is refused [LOG-3]: CloudTrail logs belong ` +
          `in an 'audit-trail' archive, which has Object Lock; create one for the trail.`,
      );
    }
    validatePrefix('AuditLogArchive', 'keyPrefix', options.keyPrefix, 'LOG-1');
    const stack = Stack.of(this);
    const principal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const source = {
      ArnLike: { 'aws:SourceArn': sourceArn },
      StringEquals: { 'aws:SourceAccount': stack.account },
    };
    addBucketStatementOnce(
      this.bucket,
      new iam.PolicyStatement({
        sid: 'AWSCloudTrailAclCheck',
        principals: [principal],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.bucketArn],
        conditions: source,
      }),
    );
    this.allowLogWrite('AWSCloudTrailWrite', principal, source, options.keyPrefix);
    addKeyStatementOnce(
      this,
      this.key,
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
      this,
      this.key,
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
   * Lets VPC Flow Logs (through the log delivery service, delivery.logs.amazonaws.com)
   * deliver to this archive (LOG-4), bound to this account and to log-delivery sources in
   * this account and region; the key gets the statement flow logs need for SSE-KMS buckets.
   *
   * Not verified against AWS documentation: whether log delivery writes into Object Lock
   * buckets (S3 requires an integrity checksum on such uploads). Check delivery after the
   * first deployment.
   */
  public allowFlowLogs(options: { readonly keyPrefix?: string } = {}): void {
    validatePrefix('AuditLogArchive', 'keyPrefix', options.keyPrefix, 'LOG-4');
    const stack = Stack.of(this);
    const principal = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
    const source = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`,
      },
    };
    addBucketStatementOnce(
      this.bucket,
      new iam.PolicyStatement({
        sid: 'AWSLogDeliveryAclCheck',
        principals: [principal],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: source,
      }),
    );
    this.allowLogWrite('AWSLogDeliveryWrite', principal, source, options.keyPrefix);
    addKeyStatementOnce(
      this,
      this.key,
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
   * Lets AWS Config deliver configuration history and snapshots (DET-1), following the
   * Config documentation for a service-linked-role setup: the Config service principal
   * checks the bucket ACL and existence and writes under `<prefix>/AWSLogs/<account>/Config/`
   * with bucket-owner-full-control, and may use the key (kms:Decrypt, kms:GenerateDataKey);
   * all bound to `aws:SourceAccount`.
   *
   * Only on a `config-history` archive: Config cannot deliver to an Object Lock bucket with
   * default retention (see {@link AuditLogArchivePurpose}).
   */
  public allowConfig(options: { readonly keyPrefix?: string } = {}): void {
    if (this.purpose !== 'config-history') {
      throw new Error(
        `AuditLogArchive allowConfig on purpose "${this.purpose}" is refused [DET-1]: AWS Config does not support ` +
          `delivery to a bucket with Object Lock default retention; create an AuditLogArchive with ` +
          `purpose 'config-history' for Config.`,
      );
    }
    validatePrefix('AuditLogArchive', 'keyPrefix', options.keyPrefix, 'DET-1');
    const stack = Stack.of(this);
    const principal = new iam.ServicePrincipal('config.amazonaws.com');
    const source = { StringEquals: { 'aws:SourceAccount': stack.account } };
    addBucketStatementOnce(
      this.bucket,
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketPermissionsCheck',
        principals: [principal],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.bucketArn],
        conditions: source,
      }),
    );
    addBucketStatementOnce(
      this.bucket,
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketExistenceCheck',
        principals: [principal],
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: source,
      }),
    );
    addBucketStatementOnce(
      this.bucket,
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketDelivery',
        principals: [principal],
        actions: ['s3:PutObject'],
        resources: [
          this.bucket.arnForObjects(
            `${prefixPath(options.keyPrefix)}AWSLogs/${stack.account}/Config/*`,
          ),
        ],
        conditions: {
          StringEquals: { ...source.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
    addKeyStatementOnce(
      this,
      this.key,
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
  private allowLogWrite(
    sid: string,
    principal: iam.IPrincipal,
    source: {
      readonly StringEquals: Record<string, unknown>;
      readonly ArnLike: Record<string, unknown>;
    },
    keyPrefix: string | undefined,
  ): void {
    addBucketStatementOnce(
      this.bucket,
      new iam.PolicyStatement({
        sid,
        principals: [principal],
        actions: ['s3:PutObject'],
        resources: [
          this.bucket.arnForObjects(`${prefixPath(keyPrefix)}AWSLogs/${Stack.of(this).account}/*`),
        ],
        conditions: {
          ...source,
          StringEquals: { ...source.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
  }

  private createAccessLogsBucket(
    expireAfterDays: number,
    deployerArns: readonly string[],
  ): s3.Bucket {
    const bucket = new s3.Bucket(this, 'AccessLogsBucket', {
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
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server access log target of the audit archive; logging it into itself would ' +
        'log its own log deliveries in a loop, and a further bucket would only move the question. ' +
        'Access to it is recorded by the CloudTrail trail (LOG-1).',
    });
    Validations.of(bucket).acknowledge({
      id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
      reason:
        'S3 server access logging delivers only to targets with SSE-S3 default encryption; SSE-KMS is ' +
        'not supported for this bucket, so it is encrypted with SSE-S3 (KEY-1 exception, reported as ' +
        'GCJ-KEY1-LogDeliveryBucketSseS3).',
    });
    acknowledgeSingleRegionCopy(bucket);
    return bucket;
  }
}

/**
 * The bucket policy of an archive or of its access-log bucket (LOG-2, RET-2): nobody deletes a
 * log object or version — without Object Lock (config-history, access logs) this is the main
 * protection; with it, it also stops delete markers that would hide locked logs from listings;
 * lifecycle expiration is done by S3 itself and is not affected by bucket policies — and only
 * the deployer changes the bucket's settings or the objects' retention, ACLs and tags.
 */
function reserveToDeployer(bucket: s3.Bucket, deployerArns: readonly string[]): void {
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
function acknowledgeSingleRegionCopy(bucket: s3.IBucket): void {
  Validations.of(bucket).acknowledge({
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason:
      'Audit logs are kept tamper-proof for the retention period in one Japanese region (versioning, ' +
      'Object Lock or a delete-deny policy, RETAIN); LOG-1..3 and RET-1 do not ask for a second copy, ' +
      'and a replica would double the locked storage cost. A copy, if wanted, must stay in ap-northeast-1/3 (REG-3).',
  });
}

interface ArchiveSettings {
  readonly purpose: AuditLogArchivePurpose;
  readonly retentionDays: number;
  readonly objectLockMode?: AuditLogObjectLockMode;
  readonly governanceModeReason?: string;
  readonly glacierInstantDays: number;
  readonly glacierFlexibleDays: number;
  readonly expireAfterDays?: number;
  readonly accessLogsExpireAfterDays: number;
}

function validate(props: AuditLogArchiveProps): ArchiveSettings {
  const purpose = props.purpose ?? 'audit-trail';
  if (!PURPOSES.includes(purpose)) {
    throw new Error(
      `AuditLogArchive purpose "${purpose}" is not supported [LOG-3]: use 'audit-trail' or 'config-history'.`,
    );
  }

  const retentionDays = props.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (
    !Number.isInteger(retentionDays) ||
    retentionDays < MIN_RETENTION_DAYS ||
    retentionDays > MAX_RETENTION_DAYS
  ) {
    throw new Error(
      `AuditLogArchive retentionDays "${retentionDays}" is out of range [RET-1]: audit logs are kept at least ` +
        `${MIN_RETENTION_DAYS} days (証跡は１年間以上保存); use a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}.`,
    );
  }

  let objectLockMode: AuditLogObjectLockMode | undefined;
  if (purpose === 'config-history') {
    if (props.objectLockMode !== undefined) {
      throw new Error(
        `AuditLogArchive objectLockMode "${props.objectLockMode}" cannot be used with purpose 'config-history' ` +
          `[DET-1]: AWS Config does not deliver to Object Lock buckets with default retention; omit objectLockMode.`,
      );
    }
  } else {
    objectLockMode = props.objectLockMode ?? 'COMPLIANCE';
    if (!MODES.includes(objectLockMode)) {
      throw new Error(
        `AuditLogArchive objectLockMode "${objectLockMode}" is not supported [RET-2]: use 'COMPLIANCE' (default) or 'GOVERNANCE'.`,
      );
    }
    if (objectLockMode === 'GOVERNANCE' && !props.governanceModeReason?.trim()) {
      throw new Error(
        `AuditLogArchive objectLockMode "GOVERNANCE" needs a governanceModeReason [RET-2]: retention must not be ` +
          `shortened by an operator, so GOVERNANCE is an explicit opt-in; give the reason, or use 'COMPLIANCE'.`,
      );
    }
  }

  const glacierInstantDays = props.glacierInstantRetrievalAfterDays ?? 90;
  const glacierFlexibleDays = props.glacierFlexibleRetrievalAfterDays ?? 365;
  for (const [prop, value] of [
    ['glacierInstantRetrievalAfterDays', glacierInstantDays],
    ['glacierFlexibleRetrievalAfterDays', glacierFlexibleDays],
  ] as const) {
    if (!isPositiveInteger(value)) {
      throw new Error(
        `AuditLogArchive ${prop} "${value}" is invalid [RET-3]: use a whole number of days, at least 1.`,
      );
    }
  }
  if (glacierFlexibleDays <= glacierInstantDays) {
    throw new Error(
      `AuditLogArchive glacierFlexibleRetrievalAfterDays "${glacierFlexibleDays}" must be later than ` +
        `glacierInstantRetrievalAfterDays (${glacierInstantDays}) [RET-3]: objects move to ever colder storage; raise it.`,
    );
  }

  const expireAfterDays = props.expireAfterDays;
  if (expireAfterDays !== undefined) {
    if (!Number.isInteger(expireAfterDays) || expireAfterDays < retentionDays) {
      throw new Error(
        `AuditLogArchive expireAfterDays "${expireAfterDays}" is earlier than retentionDays (${retentionDays}) [RET-1]: ` +
          `no log may expire before its retention ends; use a whole number >= ${retentionDays} or omit it to keep logs.`,
      );
    }
    if (expireAfterDays <= glacierFlexibleDays) {
      throw new Error(
        `AuditLogArchive expireAfterDays "${expireAfterDays}" must be later than glacierFlexibleRetrievalAfterDays ` +
          `(${glacierFlexibleDays}) [RET-3]: S3 refuses an expiration at or before a transition; raise it.`,
      );
    }
  }

  const accessLogsExpireAfterDays = props.accessLogsExpireAfterDays ?? retentionDays;
  if (!Number.isInteger(accessLogsExpireAfterDays) || accessLogsExpireAfterDays < retentionDays) {
    throw new Error(
      `AuditLogArchive accessLogsExpireAfterDays "${accessLogsExpireAfterDays}" is earlier than retentionDays ` +
        `(${retentionDays}) [RET-1]: access logs are audit logs too; use a whole number >= ${retentionDays}.`,
    );
  }

  return {
    purpose,
    retentionDays,
    objectLockMode,
    governanceModeReason: props.governanceModeReason?.trim(),
    glacierInstantDays,
    glacierFlexibleDays,
    expireAfterDays,
    accessLogsExpireAfterDays,
  };
}
