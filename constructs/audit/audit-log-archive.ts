import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct, type IConstruct } from 'constructs';
import { PurposeKey } from '../keys/purpose-key';
import { recordImplements } from '../core/implements';
import { hardenedBucketProps } from '../core/bucket';
import { defaultDeployerArns, validateDeployerArns } from '../core/deployer';
import {
  allowCloudTrailDelivery,
  allowConfigDelivery,
  allowFlowLogsDelivery,
  type DeliveryTarget,
} from './private/delivery';
import { validatePrefix } from './private/policy';
import { ImportedAuditLogArchive } from './private/imported-archive';
import {
  acknowledgeSingleRegionCopy,
  createAccessLogsBucket,
  reserveToDeployer,
} from './private/protection';
import { archiveSettings, checkDeliveryPurpose } from './private/settings';

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

/** Where a log service writes in the archive (`<keyPrefix>/AWSLogs/...`). */
export interface AuditLogDeliveryOptions {
  /**
   * Prefix under which the service writes.
   * @default - none
   */
  readonly keyPrefix?: string;
}

/**
 * An audit log archive: one created here ({@link AuditLogArchive}) or an existing, e.g.
 * central, one ({@link AuditLogArchive.fromArchiveAttributes}). LOG-1, LOG-3, KEY-1.
 */
export interface IAuditLogArchive extends IConstruct {
  /** The archive bucket. */
  readonly bucket: s3.IBucket;
  /** Key encrypting the archive (SSE-KMS). Log services encrypt with it too. */
  readonly key: kms.IKey;
  /** What the archive holds. */
  readonly purpose: AuditLogArchivePurpose;
  /**
   * Lets CloudTrail deliver log and digest files (LOG-1, LOG-3) and encrypt them with the
   * archive key, every statement bound to `aws:SourceArn`. Only on an `audit-trail` archive.
   *
   * @param sourceArn ARN (or ARN pattern, e.g. `arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/*`)
   *   of the trail(s) allowed to write.
   */
  allowCloudTrail(sourceArn: string, options?: AuditLogDeliveryOptions): void;
  /** Lets VPC Flow Logs deliver to the archive (LOG-4). */
  allowFlowLogs(options?: AuditLogDeliveryOptions): void;
  /** Lets AWS Config deliver configuration history and snapshots (DET-1). Only on `config-history`. */
  allowConfig(options?: AuditLogDeliveryOptions): void;
}

/** An existing archive, for {@link AuditLogArchive.fromArchiveAttributes}. */
export interface AuditLogArchiveAttributes {
  /** ARN of the archive bucket. */
  readonly bucketArn: string;
  /** ARN of the key encrypting the archive (KEY-1). */
  readonly keyArn: string;
  /**
   * What the archive holds.
   * @default 'audit-trail'
   */
  readonly purpose?: AuditLogArchivePurpose;
}

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
 * Implements RET-1, RET-3, KEY-1, KEY-3, and LOG-3, RET-2 as an `audit-trail` archive or DET-1
 * as a `config-history` one.
 */
export class AuditLogArchive extends Construct implements IAuditLogArchive {
  /**
   * An archive that exists already, e.g. the central archive of a log-archive account
   * (ログアーカイブ), for a trail of this account to write to. Its bucket and key policies
   * belong to the stack that created it: the `allow*` methods only check the purpose and leave
   * a warning naming what the archive's owner must allow (the archive's own `allowCloudTrail`
   * with this account's trails).
   */
  public static fromArchiveAttributes(
    scope: Construct,
    id: string,
    attrs: AuditLogArchiveAttributes,
  ): IAuditLogArchive {
    return new ImportedAuditLogArchive(scope, id, attrs);
  }

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
    const settings = archiveSettings(this, props);
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
    validateDeployerArns('AuditLogArchive', 'deployerArns', deployerArns, 'LOG-2', this);

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
      createAccessLogsBucket(this, settings.accessLogsExpireAfterDays, deployerArns);

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
  public allowCloudTrail(sourceArn: string, options: AuditLogDeliveryOptions = {}): void {
    checkDeliveryPurpose(this, this.purpose, 'allowCloudTrail');
    validatePrefix(this, 'AuditLogArchive', 'keyPrefix', options.keyPrefix, 'LOG-1');
    allowCloudTrailDelivery(this.deliveryTarget(), sourceArn, options.keyPrefix);
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
  public allowFlowLogs(options: AuditLogDeliveryOptions = {}): void {
    validatePrefix(this, 'AuditLogArchive', 'keyPrefix', options.keyPrefix, 'LOG-4');
    allowFlowLogsDelivery(this.deliveryTarget(), options.keyPrefix);
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
  public allowConfig(options: AuditLogDeliveryOptions = {}): void {
    checkDeliveryPurpose(this, this.purpose, 'allowConfig');
    validatePrefix(this, 'AuditLogArchive', 'keyPrefix', options.keyPrefix, 'DET-1');
    allowConfigDelivery(this.deliveryTarget(), options.keyPrefix);
  }

  private deliveryTarget(): DeliveryTarget {
    return { scope: this, bucket: this.bucket, key: this.key };
  }
}
