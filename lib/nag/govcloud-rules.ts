import { NagMessageLevel } from 'cdk-nag';
import { JAPAN_REGIONS } from '../../domain/regions';
import { citeSource, requirement, type RequirementId } from '../../domain/requirements';
import { MIN_LOG_RETENTION_DAYS } from '../../domain/retention';
import { ENVIRONMENT_TAG, ENVIRONMENTS, MUNICIPALITY_TAG } from '../../domain/tags';
import DatabaseMultiAz from './rules/availability/DatabaseMultiAz';
import AlertDeadLetterQueue from './rules/alerts/AlertDeadLetterQueue';
import ContainerNotRoot from './rules/containers/ContainerNotRoot';
import ContainerReadOnlyRoot from './rules/containers/ContainerReadOnlyRoot';
import BucketLifecycle from './rules/lifecycle/BucketLifecycle';
import RepositoryLifecycle from './rules/lifecycle/RepositoryLifecycle';
import EndpointPolicy from './rules/network/EndpointPolicy';
import NoUnrestrictedEgress from './rules/network/NoUnrestrictedEgress';
import BackupCrossRegionCopy from './rules/backup/BackupCrossRegionCopy';
import BackupScheduleMeetsRpo from './rules/backup/BackupScheduleMeetsRpo';
import RemoteCopyMeetsRpo from './rules/backup/RemoteCopyMeetsRpo';
import AuditServiceGuard from './rules/cloudtrail/AuditServiceGuard';
import TrailEncrypted from './rules/cloudtrail/TrailEncrypted';
import TrailLogFileValidation from './rules/cloudtrail/TrailLogFileValidation';
import TrailManagementEvents from './rules/cloudtrail/TrailManagementEvents';
import TrailMultiRegion from './rules/cloudtrail/TrailMultiRegion';
import BackupVaultEncrypted from './rules/encryption/BackupVaultEncrypted';
import DatabaseTls from './rules/encryption/DatabaseTls';
import DynamoDbEncrypted from './rules/encryption/DynamoDbEncrypted';
import EbsEncrypted from './rules/encryption/EbsEncrypted';
import EfsEncrypted from './rules/encryption/EfsEncrypted';
import FirehoseEncrypted from './rules/encryption/FirehoseEncrypted';
import KinesisStreamEncrypted from './rules/encryption/KinesisStreamEncrypted';
import LoadBalancerTls from './rules/encryption/LoadBalancerTls';
import RdsEncrypted from './rules/encryption/RdsEncrypted';
import SecretEncrypted from './rules/encryption/SecretEncrypted';
import SnsEncrypted from './rules/encryption/SnsEncrypted';
import SqsEncrypted from './rules/encryption/SqsEncrypted';
import TargetGroupTls from './rules/encryption/TargetGroupTls';
import KeyDeletionWindow from './rules/kms/KeyDeletionWindow';
import KeyGrantGuard from './rules/kms/KeyGrantGuard';
import KeyRotation from './rules/kms/KeyRotation';
import LogGroupEncrypted from './rules/logs/LogGroupEncrypted';
import LogGroupRetention from './rules/logs/LogGroupRetention';
import NoInternetFacingEndpoint from './rules/network/NoInternetFacingEndpoint';
import NoInternetGateway from './rules/network/NoInternetGateway';
import NoNatGateway from './rules/network/NoNatGateway';
import NoOpenIngress from './rules/network/NoOpenIngress';
import NoPublicIp from './rules/network/NoPublicIp';
import NoSshRdpIngress from './rules/network/NoSshRdpIngress';
import VpcFlowLogs from './rules/network/VpcFlowLogs';
import CopyDestinationRegion from './rules/regions/CopyDestinationRegion';
import CopyDestinationUnverified from './rules/regions/CopyDestinationUnverified';
import StackRegion from './rules/regions/StackRegion';
import StackRegionUnresolved from './rules/regions/StackRegionUnresolved';
import DataStoreRetained from './rules/retention/DataStoreRetained';
import KeyRetained from './rules/retention/KeyRetained';
import LogStoreRetained from './rules/retention/LogStoreRetained';
import VaultRetained from './rules/retention/VaultRetained';
import AuditBucketComplianceMode from './rules/s3/AuditBucketComplianceMode';
import AuditBucketNoEarlyExpiry from './rules/s3/AuditBucketNoEarlyExpiry';
import AuditBucketObjectLock from './rules/s3/AuditBucketObjectLock';
import BucketEncryptionCMK from './rules/s3/BucketEncryptionCMK';
import BucketPublicAccessBlocked from './rules/s3/BucketPublicAccessBlocked';
import BucketTlsOnly from './rules/s3/BucketTlsOnly';
import BucketVersioning from './rules/s3/BucketVersioning';
import LogDeliveryBucketSseS3 from './rules/s3/LogDeliveryBucketSseS3';
import ApplicationTenancy from './rules/tags/ApplicationTenancy';
import EnvironmentTag from './rules/tags/EnvironmentTag';
import MunicipalityTag from './rules/tags/MunicipalityTag';
import type { NagRule } from './utils/rule';

/** Prefix of every rule ID of the pack (Government Cloud Japan). */
export const GOVCLOUD_PACK_NAME = 'GCJ';

/**
 * Which system the pack judges.
 * - `core-business` (基幹業務システム, e.g. the 20 standardised municipal systems): closed
 *   network rules apply (NET-1, NET-4), as core business systems are generally not allowed to
 *   connect to the Internet (「地方公共団体情報システムのガバメントクラウドの利用に関する基準」,
 *   デジタル庁, 2022, §4.3 note 12).
 * - `baseline`: the tenant-area baseline, or a system that is allowed Internet access: the
 *   NET-1 and NET-4 rules are off. Every other rule (NET-6 and LOG-4 included) still applies.
 */
export type GovCloudProfile = 'baseline' | 'core-business';

/** Every profile, in a stable order. */
export const GOVCLOUD_PROFILES: readonly GovCloudProfile[] = ['baseline', 'core-business'];

/** The parameters rules are built with. */
export interface GovCloudRuleSettings {
  /** Regions stacks and copy destinations may use (REG-1, REG-3). */
  readonly allowedRegions: readonly string[];
  /** Minimum retention of logs and audit archives, in days (RET-1). */
  readonly minimumRetentionDays: number;
  /** Recovery point objective in hours (AVL-1, 目標復旧地点). */
  readonly rpoHours: number;
  /** Availability level in percent (AVL-1, 稼働率); at 99.5 or more databases are Multi-AZ. */
  readonly availabilityPercent: number;
  /** Whether the large-disaster level needs a copy in the other Japanese region (AVL-2). */
  readonly remoteCopyRequired: boolean;
}

/** Availability from which databases must be Multi-AZ: the standard's 99.5% (AVL-1). */
export const MULTI_AZ_FROM_AVAILABILITY_PERCENT = 99.5;

/** The settings used when the pack gets no props. */
export const DEFAULT_RULE_SETTINGS: GovCloudRuleSettings = {
  allowedRegions: JAPAN_REGIONS,
  minimumRetentionDays: MIN_LOG_RETENTION_DAYS,
  // The levels of 地方公共団体情報システム非機能要件の標準 (see lib/config/sections/non-functional.ts).
  rpoHours: 24,
  availabilityPercent: 99.5,
  remoteCopyRequired: true,
};

/** One rule as the pack applies it: policy (id, level, profiles, texts) plus the check. */
export interface GovCloudRuleDefinition {
  /** Rule ID without the pack prefix: `<requirement ID without hyphen>-<RuleName>`. */
  readonly suffix: string;
  /** Requirement IDs the rule checks; the first one is the one in the rule ID. */
  readonly requirements: readonly RequirementId[];
  readonly level: NagMessageLevel;
  /** Profiles in which the rule applies. */
  readonly profiles: readonly GovCloudProfile[];
  /** One line saying what was found (shown for each finding). */
  readonly info: (settings: GovCloudRuleSettings) => string;
  /** Why the rule exists, before the quoted requirement. */
  readonly why: string;
  /** How to fix a finding. */
  readonly fix: string;
  /**
   * Builds the check. Absent for the pack-level rule on acknowledgements, which reads construct
   * metadata rather than a CloudFormation resource.
   */
  readonly check?: (settings: GovCloudRuleSettings) => NagRule;
}

/**
 * Machine-readable description of one rule of the pack: what the compliance report consumes.
 */
export interface GovCloudRuleInfo {
  /** Full rule ID as it appears in findings and acknowledgements, e.g. `GCJ-RET1-LogGroupRetention`. */
  readonly id: string;
  /** Requirement IDs the rule checks (see domain/requirements.ts); the first is the one in the ID. */
  readonly requirements: readonly RequirementId[];
  /** `Error` fails synthesis; `Warning` and `Info` are reported only. */
  readonly level: NagMessageLevel;
  /** Profiles in which the rule applies. */
  readonly profiles: readonly GovCloudProfile[];
  /** What a finding means, one line. */
  readonly info: string;
  /** Why the rule exists, quoting each requirement (English and Japanese) with its source clause. */
  readonly explanation: string;
  /** How to fix a finding. */
  readonly fix: string;
}

const BOTH: readonly GovCloudProfile[] = GOVCLOUD_PROFILES;
const CORE: readonly GovCloudProfile[] = ['core-business'];
const { ERROR, WARN, INFO } = NagMessageLevel;

/** ID of the pack-level rule that requires a reason on every acknowledgement. */
export const ACKNOWLEDGEMENT_REASON_SUFFIX = 'EVD1-AcknowledgementReason';

/** ID suffix of the pack-level finding for a rule that threw instead of judging. */
export const RULE_CRASHED_SUFFIX = 'EVD1-RuleCrashed';

/** Every rule of the pack, in report order. */
export const GOVCLOUD_RULE_DEFINITIONS: readonly GovCloudRuleDefinition[] = [
  // REG — data residency
  {
    suffix: 'REG1-StackRegion',
    requirements: ['REG-1'],
    level: ERROR,
    profiles: BOTH,
    info: (s) => `The stack targets a region other than ${s.allowedRegions.join(' / ')}.`,
    why: 'Government Cloud information assets must stay in data centres in Japan.',
    fix: 'Set the stack env.region to ap-northeast-1 (Tokyo) or ap-northeast-3 (Osaka).',
    check: (s) => StackRegion(s.allowedRegions),
  },
  {
    suffix: 'REG1-StackRegionUnresolved',
    requirements: ['REG-1'],
    level: WARN,
    profiles: BOTH,
    info: () =>
      'The stack is environment-agnostic: its region is chosen at deploy time and cannot be checked.',
    why: 'An environment-agnostic template can be deployed to any region, so REG-1 cannot be verified at synth time.',
    fix: 'Set env.region on the stack; if the template must stay region-agnostic (e.g. StackSets), acknowledge with the guard that keeps it in Japan (REG-2 SCP / guard policy) as the reason.',
    check: () => StackRegionUnresolved,
  },
  {
    suffix: 'REG3-CopyDestinationRegion',
    requirements: ['REG-3'],
    level: ERROR,
    profiles: BOTH,
    info: (s) =>
      `A replication or backup-copy destination is outside ${s.allowedRegions.join(' / ')}.`,
    why: 'Failover and backup destinations must all be in Japan.',
    fix: 'Replicate / copy only to a bucket, vault, table or region in ap-northeast-1 or ap-northeast-3.',
    check: (s) => CopyDestinationRegion(s.allowedRegions),
  },
  {
    suffix: 'REG3-CopyDestinationUnverified',
    requirements: ['REG-3'],
    level: WARN,
    profiles: BOTH,
    info: () =>
      'The region of a replication or backup-copy destination cannot be determined at synth time.',
    why: 'A destination given as a parameter, an imported value or a bucket outside the app may be anywhere.',
    fix: "Reference the destination resource of this app or give an ARN with a literal region; otherwise acknowledge with the destination's region as the reason.",
    check: () => CopyDestinationUnverified,
  },
  // RET / LOG — retention and protected audit logging
  {
    suffix: 'RET1-LogGroupRetention',
    requirements: ['RET-1'],
    level: ERROR,
    profiles: BOTH,
    info: (s) =>
      `The log group retention is unset (never expire) or shorter than ${s.minimumRetentionDays} days.`,
    why: 'Trails must be kept at least one year, and never "infinite" by accident.',
    fix: 'Set RetentionInDays (logs.RetentionDays) to at least the minimum, e.g. ONE_YEAR (365).',
    check: (s) => LogGroupRetention(s.minimumRetentionDays),
  },
  {
    suffix: 'KEY1-LogGroupEncrypted',
    requirements: ['KEY-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The log group is not encrypted with a customer-managed KMS key.',
    why: "Logs at rest are encrypted with keys under the user side's control.",
    fix: 'Set KmsKeyId (encryptionKey) to a customer-managed key whose policy lets logs.<region>.amazonaws.com use it.',
    check: () => LogGroupEncrypted,
  },
  {
    suffix: 'LOG3-AuditBucketObjectLock',
    requirements: ['LOG-3', 'RET-1'],
    level: ERROR,
    profiles: BOTH,
    info: (s) =>
      `The audit-log bucket has no Object Lock default retention of at least ${s.minimumRetentionDays} days.`,
    why: 'Audit logs (CloudTrail, AWS Config, VPC flow logs) must be tamper-evident and kept at least one year.',
    fix: 'Enable Object Lock on the bucket with a default retention (COMPLIANCE mode) of at least the minimum.',
    check: (s) => AuditBucketObjectLock(s.minimumRetentionDays),
  },
  {
    suffix: 'RET1-AuditBucketNoEarlyExpiry',
    requirements: ['RET-1'],
    level: ERROR,
    profiles: BOTH,
    info: (s) =>
      `A lifecycle rule of the audit-log bucket expires objects before ${s.minimumRetentionDays} days or on a fixed date.`,
    why: 'No expiration rule may delete audit logs before the retention period.',
    fix: 'Remove the expiration or set ExpirationInDays / NoncurrentDays to at least the minimum; use transitions for cost (RET-3).',
    check: (s) => AuditBucketNoEarlyExpiry(s.minimumRetentionDays),
  },
  {
    suffix: 'RET2-AuditBucketComplianceMode',
    requirements: ['RET-2'],
    level: WARN,
    profiles: BOTH,
    info: () =>
      'The audit-log bucket uses Object Lock GOVERNANCE mode, which privileged users can bypass.',
    why: 'Retention must not be shortened by an operator; GOVERNANCE mode is an explicit, reasoned opt-in.',
    fix: 'Use COMPLIANCE mode, or acknowledge with the reason GOVERNANCE mode was chosen.',
    check: () => AuditBucketComplianceMode,
  },
  {
    suffix: 'LOG1-TrailLogFileValidation',
    requirements: ['LOG-1', 'LOG-3'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The CloudTrail trail does not enable log file validation.',
    why: 'Digest files let the municipality verify that the trail has not been altered.',
    fix: 'Set EnableLogFileValidation: true (enableFileValidation).',
    check: () => TrailLogFileValidation,
  },
  {
    suffix: 'LOG1-TrailMultiRegion',
    requirements: ['LOG-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The CloudTrail trail is not logging in all regions with global service events.',
    why: 'The trail must capture API calls in every region, including global services such as IAM.',
    fix: 'Set IsLogging: true, IsMultiRegionTrail: true and leave IncludeGlobalServiceEvents on.',
    check: () => TrailMultiRegion,
  },
  {
    suffix: 'LOG1-TrailManagementEvents',
    requirements: ['LOG-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The CloudTrail trail does not record both read and write management events.',
    why: 'Management events, read and write, are the access trail the requirement asks to keep.',
    fix: 'Remove the event selectors, or include management events with ReadWriteType All.',
    check: () => TrailManagementEvents,
  },
  {
    suffix: 'KEY1-TrailEncrypted',
    requirements: ['KEY-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The CloudTrail trail does not encrypt log files with a customer-managed KMS key.',
    why: "Audit logs at rest are encrypted with keys under the user side's control.",
    fix: 'Set KMSKeyId (encryptionKey) to a customer-managed key.',
    check: () => TrailEncrypted,
  },
  {
    suffix: 'LOG2-AuditServiceGuard',
    requirements: ['LOG-2'],
    level: WARN,
    profiles: BOTH,
    info: () =>
      'No policy in the app explicitly denies switching off this audit-log service (stop / delete / update).',
    why: 'Collection of audit logs must be protected against deletion by an explicit deny (guard policy or SCP).',
    fix: 'Attach a guard policy denying the stop/delete/update actions of the service, or acknowledge naming the SCP that does.',
    check: () => AuditServiceGuard,
  },
  {
    suffix: 'LOG4-VpcFlowLogs',
    requirements: ['LOG-4'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The VPC has no flow log recording ALL traffic.',
    why: 'Traffic at the connection point must be monitored.',
    fix: 'Add a flow log for the VPC (vpc.addFlowLog / AWS::EC2::FlowLog, TrafficType ALL) to the protected archive or a log group kept ≥ 1 year.',
    check: () => VpcFlowLogs,
  },
  // S3
  {
    suffix: 'KEY1-BucketEncryptionCMK',
    requirements: ['KEY-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The bucket is not encrypted by default with a customer-managed KMS key.',
    why: "Data at rest is encrypted with keys under the user side's control (not SSE-S3, not aws/s3).",
    fix: 'Set BucketEncryption to aws:kms with KMSMasterKeyID of a customer-managed key (encryption: KMS, encryptionKey).',
    check: () => BucketEncryptionCMK,
  },
  {
    suffix: 'KEY1-LogDeliveryBucketSseS3',
    requirements: ['KEY-1'],
    level: INFO,
    profiles: BOTH,
    info: () =>
      "The bucket receives S3 server access logs or load balancer logs, which only support SSE-S3: KEY-1's customer-managed key cannot apply.",
    why: 'Recorded so that the compliance report states the exception instead of hiding it.',
    fix: 'Nothing to fix: keep the bucket SSE-S3, private, TLS-only and retained.',
    check: () => LogDeliveryBucketSseS3,
  },
  {
    suffix: 'KEY3-BucketTlsOnly',
    requirements: ['KEY-3'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'No bucket policy denies requests that do not use TLS (aws:SecureTransport false).',
    why: 'Transport must be encrypted.',
    fix: 'Set enforceSSL: true, or add a Deny statement for s3:* on the bucket and its objects when aws:SecureTransport is false.',
    check: () => BucketTlsOnly,
  },
  {
    suffix: 'TEN1-BucketPublicAccessBlocked',
    requirements: ['TEN-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The bucket does not turn on all four Block Public Access settings.',
    why: "A municipality's data must be inaccessible to others; no policy or ACL may make it public.",
    fix: 'Set blockPublicAccess: BlockPublicAccess.BLOCK_ALL.',
    check: () => BucketPublicAccessBlocked,
  },
  {
    suffix: 'LOG3-BucketVersioning',
    requirements: ['LOG-3', 'BAK-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The bucket does not have versioning enabled.',
    why: 'Versioning keeps overwritten or deleted objects recoverable and archives verifiable.',
    fix: 'Set versioned: true (VersioningConfiguration Status Enabled).',
    check: () => BucketVersioning,
  },
  // KMS
  {
    suffix: 'KEY1-KeyRotation',
    requirements: ['KEY-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The symmetric KMS key does not have automatic rotation on.',
    why: 'Customer-managed keys rotate automatically.',
    fix: 'Set enableKeyRotation: true.',
    check: () => KeyRotation,
  },
  {
    suffix: 'KEY2-KeyDeletionWindow',
    requirements: ['KEY-2'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The KMS key deletion window is shorter than 30 days.',
    why: 'Keys are protected: a scheduled deletion leaves the full 30 days to cancel it.',
    fix: 'Leave PendingWindowInDays unset or set it to 30 (pendingWindow: Duration.days(30)).',
    check: () => KeyDeletionWindow,
  },
  {
    suffix: 'KEY2-KeyGrantGuard',
    requirements: ['KEY-2', 'KEY-4'],
    level: ERROR,
    profiles: BOTH,
    info: () =>
      'The key policy does not deny kms:CreateGrant unless the grant is for an AWS resource.',
    why: 'Keys are protected: without the guard anyone with IAM KMS rights can grant Decrypt to another principal or account without touching the key policy, and a grant outlives the policy change that a crypto-erasure relies on (Control Tower CT.KMS.PR.3).',
    fix: "Add a key policy statement: Effect Deny, Principal '*', Action kms:CreateGrant, Resource '*', Condition BoolIfExists { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } (PurposeKey adds it).",
    check: () => KeyGrantGuard,
  },
  // Data services: encryption at rest with a CMK
  ...(
    [
      [
        'KEY1-RdsEncrypted',
        'The RDS cluster / instance storage is not encrypted with a customer-managed KMS key.',
        'Set StorageEncrypted: true and KmsKeyId (storageEncryptionKey).',
        RdsEncrypted,
      ],
      [
        'KEY1-EbsEncrypted',
        'An EBS volume (volume, instance block device or launch template) is not encrypted with a customer-managed KMS key.',
        'Declare every block device with encrypted: true and kmsKey; for an instance, declare its root volume too.',
        EbsEncrypted,
      ],
      [
        'KEY1-EfsEncrypted',
        'The EFS file system is not encrypted with a customer-managed KMS key.',
        'Set Encrypted: true and KmsKeyId (kmsKey).',
        EfsEncrypted,
      ],
      [
        'KEY1-DynamoDbEncrypted',
        'The DynamoDB table is not encrypted with a customer-managed KMS key.',
        'Use TableEncryption.CUSTOMER_MANAGED with encryptionKey (SSESpecification SSEEnabled, SSEType KMS, KMSMasterKeyId).',
        DynamoDbEncrypted,
      ],
      [
        'KEY1-SqsEncrypted',
        'The SQS queue is not encrypted with a customer-managed KMS key.',
        'Use QueueEncryption.KMS with encryptionMasterKey.',
        SqsEncrypted,
      ],
      [
        'KEY1-SnsEncrypted',
        'The SNS topic is not encrypted with a customer-managed KMS key.',
        'Set masterKey to a customer-managed key.',
        SnsEncrypted,
      ],
      [
        'KEY1-SecretEncrypted',
        'The secret is not encrypted with a customer-managed KMS key.',
        'Set encryptionKey (KmsKeyId) to a customer-managed key.',
        SecretEncrypted,
      ],
      [
        'KEY1-KinesisStreamEncrypted',
        'The Kinesis data stream is not encrypted with a customer-managed KMS key.',
        'Use StreamEncryption.KMS with encryptionKey.',
        KinesisStreamEncrypted,
      ],
      [
        'KEY1-FirehoseEncrypted',
        'The Firehose delivery stream is not encrypted with a customer-managed KMS key.',
        'Set DeliveryStreamEncryptionConfigurationInput KeyType CUSTOMER_MANAGED_CMK with KeyARN.',
        FirehoseEncrypted,
      ],
    ] as const
  ).map(([suffix, info, fix, rule]): GovCloudRuleDefinition => ({
    suffix,
    requirements: ['KEY-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => info,
    why: "Data at rest is encrypted with keys under the user side's control, not AWS-managed or AWS-owned keys.",
    fix,
    check: () => rule,
  })),
  {
    suffix: 'KEY1-BackupVaultEncrypted',
    requirements: ['KEY-1', 'BAK-2'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The backup vault is not encrypted with a customer-managed KMS key.',
    why: "Backups, including the copy in the other region, are encrypted with keys under the user side's control.",
    fix: "Set encryptionKey (EncryptionKeyArn) to a customer-managed key in the vault's region.",
    check: () => BackupVaultEncrypted,
  },
  {
    suffix: 'BAK2-BackupCrossRegionCopy',
    requirements: ['BAK-2'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The backup plan does not copy backups to the other Japanese region.',
    why: 'Backups are kept across two centres, East and West (Tokyo and Osaka).',
    fix: 'Add a copy action to a vault in the other region (ap-northeast-1 ⇄ ap-northeast-3).',
    check: (s) => BackupCrossRegionCopy(s.allowedRegions),
  },
  // AVL — non-functional levels of the municipal standard
  {
    suffix: 'AVL1-BackupScheduleMeetsRpo',
    requirements: ['AVL-1', 'BAK-1'],
    level: ERROR,
    profiles: BOTH,
    info: (s) =>
      `No rule of the backup plan takes recovery points at least every ${s.rpoHours} hours (the RPO).`,
    why: 'The recovery point objective (目標復旧地点) bounds the data a failure may lose: backups must run at least that often.',
    fix: 'Schedule a rule at least as often as the RPO (e.g. cron(0 18 * * ? *) for 24 hours), or enable continuous backup for an RPO under one hour; set the level with GovCloudChecks nonFunctional.rpoHours.',
    check: (s) => BackupScheduleMeetsRpo(s.rpoHours),
  },
  {
    suffix: 'AVL1-DatabaseMultiAz',
    requirements: ['AVL-1', 'BAK-4'],
    level: ERROR,
    profiles: BOTH,
    info: (s) =>
      `The database is not Multi-AZ, which availability ${s.availabilityPercent}% needs.`,
    why: 'At the availability level of the standard (稼働率 99.5%) the loss of one availability zone must not stop the system.',
    fix: 'Set MultiAZ on the RDS instance, or give the Aurora cluster a reader (at least two instances, not pinned to one zone); a lower availability level goes in GovCloudChecks nonFunctional.availabilityPercent.',
    check: (s) => DatabaseMultiAz(s.availabilityPercent >= MULTI_AZ_FROM_AVAILABILITY_PERCENT),
  },
  {
    suffix: 'AVL2-RemoteCopyMeetsRpo',
    requirements: ['AVL-2', 'BAK-2'],
    level: ERROR,
    profiles: BOTH,
    info: (s) =>
      s.remoteCopyRequired
        ? `No rule of the backup plan copies to the other Japanese region at least every ${s.rpoHours} hours.`
        : 'Remote copy not required by the configured disaster level.',
    why: 'After a large disaster the system recovers at the remote site from the copy there (遠隔地保管), so the copy must be as fresh as the RPO.',
    fix: 'Add the copy action (to a vault in the other of ap-northeast-1 / ap-northeast-3) to a rule scheduled at least as often as the RPO.',
    check: (s) => RemoteCopyMeetsRpo(s.rpoHours, s.allowedRegions, s.remoteCopyRequired),
  },
  // Transport encryption
  {
    suffix: 'KEY3-LoadBalancerTls',
    requirements: ['KEY-3'],
    level: ERROR,
    profiles: BOTH,
    info: () =>
      'The load balancer listener does not enforce TLS 1.2 or later (HTTP without redirect, or no TLS ≥ 1.2 policy).',
    why: 'Transport must be encrypted with TLS 1.2 or later.',
    fix: 'Use HTTPS/TLS with sslPolicy SslPolicy.RECOMMENDED_TLS (or another TLS 1.2+ policy); let HTTP only redirect to HTTPS.',
    check: () => LoadBalancerTls,
  },
  {
    suffix: 'KEY3-DatabaseTls',
    requirements: ['KEY-3'],
    level: WARN,
    profiles: BOTH,
    info: () =>
      'The database does not have a parameter group in the app that forces TLS connections.',
    why: 'Transport to the database must be encrypted; the engine default cannot be read at synth time.',
    fix: 'Use a parameter group with require_secure_transport=ON (MySQL family) or rds.force_ssl=1 (PostgreSQL, SQL Server).',
    check: () => DatabaseTls,
  },
  {
    suffix: 'KEY3-TargetGroupTls',
    requirements: ['KEY-3'],
    level: WARN,
    profiles: BOTH,
    info: () =>
      'The load balancer target group sends plain HTTP to its targets: TLS ends at the load balancer.',
    why: 'Transport is encrypted end to end: inside the closed network the hop from the load balancer to the tasks carries the same data as the listener.',
    fix: "Use protocol HTTPS for the target group and its health check, with a certificate on the target (ApplicationTier targetProtocol 'HTTPS' is the default: a certificate the container generates at start); acknowledge with the reason if the hop stays HTTP.",
    check: () => TargetGroupTls,
  },
  // Deletion policies of stateful resources
  {
    suffix: 'RET1-LogStoreRetained',
    requirements: ['RET-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The log store (log group or log bucket) is deleted with its stack.',
    why: 'Deleting a stack must not delete the trail that has to be kept.',
    fix: 'Set removalPolicy: RemovalPolicy.RETAIN (DeletionPolicy Retain).',
    check: () => LogStoreRetained,
  },
  {
    suffix: 'KEY2-KeyRetained',
    requirements: ['KEY-2'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The KMS key is deleted with its stack.',
    why: 'Deleting a key makes everything encrypted with it unreadable.',
    fix: 'Set removalPolicy: RemovalPolicy.RETAIN.',
    check: () => KeyRetained,
  },
  {
    suffix: 'BAK3-VaultRetained',
    requirements: ['BAK-3'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The backup vault is deleted with its stack.',
    why: 'Backups must not be deletable by an operator, including by deleting a stack.',
    fix: 'Set removalPolicy: RemovalPolicy.RETAIN.',
    check: () => VaultRetained,
  },
  {
    suffix: 'BAK1-DataStoreRetained',
    requirements: ['BAK-1'],
    level: ERROR,
    profiles: BOTH,
    info: () =>
      'The data store (bucket, database, file system or table) is deleted with its stack.',
    why: 'The municipality is responsible for its data; deleting a stack must not erase it.',
    fix: 'Set removalPolicy: RemovalPolicy.RETAIN (RemovalPolicy.SNAPSHOT for RDS).',
    check: () => DataStoreRetained,
  },
  // Closed network (core-business profile) and maintenance path
  {
    suffix: 'NET1-NoInternetGateway',
    requirements: ['NET-1'],
    level: ERROR,
    profiles: CORE,
    info: () =>
      'An Internet gateway or egress-only Internet gateway connects the system to the Internet.',
    why: 'Core business systems are not connected to the Internet.',
    fix: 'Remove the gateway (ec2.Vpc: natGateways: 0 and only PRIVATE_ISOLATED subnets); reach AWS services through VPC endpoints.',
    check: () => NoInternetGateway,
  },
  {
    suffix: 'NET1-NoNatGateway',
    requirements: ['NET-1'],
    level: ERROR,
    profiles: CORE,
    info: () => 'A public NAT gateway gives the system a path to the Internet.',
    why: 'Core business systems are not connected to the Internet; external services are reached through the municipal network (NET-3).',
    fix: 'Remove the NAT gateway; route 0.0.0.0/0, if needed, to the Transit Gateway.',
    check: () => NoNatGateway,
  },
  {
    suffix: 'NET1-NoPublicIp',
    requirements: ['NET-1'],
    level: ERROR,
    profiles: CORE,
    info: () =>
      'An Elastic IP, a public subnet (MapPublicIpOnLaunch) or a public IP association exposes the system.',
    why: 'Core business systems have no public IP addresses and no public subnets.',
    fix: 'Remove the EIP; use private subnets; do not associate public IPs.',
    check: () => NoPublicIp,
  },
  {
    suffix: 'NET1-NoInternetFacingEndpoint',
    requirements: ['NET-1'],
    level: ERROR,
    profiles: CORE,
    info: () =>
      'The resource is reachable from the Internet (internet-facing load balancer, public database, function URL, public API, CloudFront).',
    why: 'Core business systems are not connected to the Internet.',
    fix: 'Make the load balancer internal, the database not publicly accessible, the API PRIVATE; remove function URLs and distributions.',
    check: () => NoInternetFacingEndpoint,
  },
  {
    suffix: 'NET4-NoOpenIngress',
    requirements: ['NET-4'],
    level: ERROR,
    profiles: CORE,
    info: () => 'The security group admits traffic from anywhere (0.0.0.0/0 or ::/0).',
    why: 'Security groups are least-privilege: ingress only from the municipal CIDRs or within the tenant.',
    fix: 'Replace 0.0.0.0/0 / ::/0 with the municipal CIDRs or a security-group peer.',
    check: () => NoOpenIngress,
  },
  {
    suffix: 'NET6-NoSshRdpIngress',
    requirements: ['NET-6'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The security group opens SSH (22) or RDP (3389).',
    why: 'Maintenance goes through SSM Session Manager over interface endpoints, without SSH/RDP.',
    fix: 'Remove the SSH/RDP ingress; use Session Manager (ssm, ssmmessages, ec2messages interface endpoints).',
    check: () => NoSshRdpIngress,
  },
  // Tags and tenancy
  {
    suffix: 'IAM6-EnvironmentTag',
    requirements: ['IAM-6'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The resource lacks the tag Environment = production | staging | dr | development.',
    why: 'A tenant area is used only for production, verification and DR (development only for systems with CI/CD, GCAS guide 「ガバメントクラウド利用概要(AWS編)」 §1.1), tagged on every resource.',
    fix: `Tags.of(app).add('${ENVIRONMENT_TAG}', ${ENVIRONMENTS.map((e) => `'${e}'`).join(' | ')}).`,
    check: () => EnvironmentTag,
  },
  {
    suffix: 'TEN3-MunicipalityTag',
    requirements: ['TEN-3', 'TEN-1'],
    level: ERROR,
    profiles: BOTH,
    info: () =>
      'The resource lacks the tag MunicipalityCode with a valid 6-digit local government code.',
    why: "Costs are split per municipality and each municipality's resources are identified by this tag.",
    fix: `Tags.of(app).add('${MUNICIPALITY_TAG}', '<全国地方公共団体コード, e.g. 131016>').`,
    check: () => MunicipalityTag,
  },
  {
    suffix: 'TEN2-ApplicationTenancy',
    requirements: ['TEN-2'],
    level: WARN,
    profiles: BOTH,
    info: () =>
      'The resource is shared by municipalities separated by the application, not by a dedicated VPC (govcloud-jp:tenancy = application).',
    why: "Separation other than a dedicated VPC needs the Digital Agency's approval, which is not a code change.",
    fix: 'Give each municipality its own VPC, or acknowledge with the Digital Agency approval reference as the reason.',
    check: () => ApplicationTenancy,
  },
  // Hardening found by independent validators (Control Tower proactive controls, cdk-nag Serverless)
  {
    suffix: 'DET3-AlertDeadLetterQueue',
    requirements: ['DET-3'],
    level: ERROR,
    profiles: BOTH,
    info: () =>
      'An EventBridge rule target has no dead-letter queue, or an SNS subscription no redrive policy.',
    why: 'Alerts are monitored continuously: a delivery that fails after the retries must be kept and alarmed, not dropped without a trace.',
    fix: 'Give every rule target DeadLetterConfig.Arn (an encrypted SQS queue) and every subscription a RedrivePolicy (deadLetterQueue), with an alarm on the queue (SecurityAlerts does this).',
    check: () => AlertDeadLetterQueue,
  },
  {
    suffix: 'NET4-EndpointPolicy',
    requirements: ['NET-4'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'The interface or gateway VPC endpoint has no endpoint policy.',
    why: "Without a policy an endpoint admits any principal to any resource of the service, in any account: through the S3 gateway endpoint code in the VPC can write to another account's bucket.",
    fix: "Add a policy limited to this account's principals and resources (aws:PrincipalAccount, aws:ResourceAccount) plus what AWS services need, e.g. the ECR layer bucket prod-<region>-starport-layer-bucket (ClosedNetwork does this).",
    check: () => EndpointPolicy,
  },
  {
    suffix: 'NET4-NoUnrestrictedEgress',
    requirements: ['NET-4'],
    level: ERROR,
    profiles: CORE,
    info: () =>
      'The security group sends all traffic (every protocol or port) to 0.0.0.0/0 or ::/0.',
    why: 'Security groups are least-privilege in both directions: egress only to what the tier needs.',
    fix: 'Set allowAllOutbound: false and add egress rules for the ports and peers the tier uses (e.g. 443 to the endpoints, the database port to its security group).',
    check: () => NoUnrestrictedEgress,
  },
  {
    suffix: 'DET2-ContainerNotRoot',
    requirements: ['DET-2'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'A container of the ECS task definition runs as root or sets no user.',
    why: 'A vulnerability countermeasure (脆弱性対策): code that gets into a container running as root has the most it can get (Control Tower CT.ECS.PR.3).',
    fix: "Set user to a non-root uid[:gid], e.g. '1000:1000' (ApplicationTier containerUser).",
    check: () => ContainerNotRoot,
  },
  {
    suffix: 'DET2-ContainerReadOnlyRoot',
    requirements: ['DET-2'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'A container of the ECS task definition has a writable root filesystem.',
    why: 'A vulnerability countermeasure (脆弱性対策): code that gets into the container cannot change its binaries (Control Tower CT.ECS.PR.6).',
    fix: 'Set readonlyRootFilesystem: true and mount a volume where the application writes (ApplicationTier mounts one at /tmp).',
    check: () => ContainerReadOnlyRoot,
  },
  {
    suffix: 'RET3-BucketLifecycle',
    requirements: ['RET-3'],
    level: WARN,
    profiles: BOTH,
    info: () => 'The bucket has no enabled lifecycle rule.',
    why: 'Long retention stays affordable: with versioning on, every overwrite is kept and billed until a rule moves or removes it (Control Tower CT.S3.PR.3, CT.S3.PR.6).',
    fix: 'Add a lifecycle rule, e.g. noncurrentVersionExpiration and abortIncompleteMultipartUploadAfter, or transitions to colder storage classes.',
    check: () => BucketLifecycle,
  },
  {
    suffix: 'RET3-RepositoryLifecycle',
    requirements: ['RET-3'],
    level: WARN,
    profiles: BOTH,
    info: () => 'The ECR repository has no lifecycle policy.',
    why: 'Untagged and superseded images pile up, each stored and scanned (Control Tower CT.ECR.PR.1).',
    fix: 'Add lifecycleRules, e.g. expire untagged images after 30 days.',
    check: () => RepositoryLifecycle,
  },
  // Evidence
  {
    suffix: ACKNOWLEDGEMENT_REASON_SUFFIX,
    requirements: ['EVD-1', 'EVD-2'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'An acknowledgement has an empty reason.',
    why: 'Acknowledged findings are audit evidence: the report lists each with its reason.',
    fix: 'Give every Validations.of(x).acknowledge({ id, reason }) a reason that says why the finding is acceptable.',
  },
  {
    suffix: RULE_CRASHED_SUFFIX,
    requirements: ['EVD-1'],
    level: ERROR,
    profiles: BOTH,
    info: () => 'A rule threw instead of judging the resource, so the resource was not checked.',
    why: 'Evidence must say what was checked: a rule that fails is neither a pass nor a finding, and must not be acknowledged away with the finding it should have judged.',
    fix: 'Report the rule error with the resource, or give the property a value the rule can read (e.g. a literal instead of a parameter); a rule error cannot be acknowledged.',
  },
];

/**
 * Japanese wording for requirements whose catalog text has none (our translation, 仮訳), so
 * that every explanation quotes the requirement in both languages.
 */
const JAPANESE_WORDING: Partial<Record<RequirementId, string>> = {
  'RET-2': '運用者が保存期間を短縮できないこと',
  'RET-3': '費用を考慮した長期保存（仮訳）',
  'NET-4': 'セキュリティグループは最小権限とすること',
  'NET-6': 'インターネットを経由しない保守経路とすること',
  'BAK-3': '運用者がバックアップを削除できないこと',
  'TEN-2': '専用の仮想ネットワーク空間以外による分離はデジタル庁の承認を要すること',
  'EVD-1': '監査は現地調査ではなくエビデンス文書・第三者報告に依拠すること',
};

const HAS_JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * `RET-1 (source 「地方公共団体情報システムのガバメントクラウドの利用に関する基準」(デジタル庁, 2022) Table 1 ①):
 * "Keep trails ≥ 1 year (証跡は１年間以上保存することが望ましい)"`.
 */
export function quoteRequirement(id: RequirementId): string {
  const r = requirement(id);
  const japanese = HAS_JAPANESE.test(r.requirement) ? '' : ` (${JAPANESE_WORDING[id] ?? ''})`;
  return `${id} (source ${citeSource(r.source)}): "${r.requirement}${japanese}"`;
}

/** Full rule ID of a definition. */
export function ruleIdOf(definition: GovCloudRuleDefinition): string {
  return `${GOVCLOUD_PACK_NAME}-${definition.suffix}`;
}

/** Describes one definition for the given settings. */
export function describeRule(
  definition: GovCloudRuleDefinition,
  settings: GovCloudRuleSettings = DEFAULT_RULE_SETTINGS,
): GovCloudRuleInfo {
  return {
    id: ruleIdOf(definition),
    requirements: definition.requirements,
    level: definition.level,
    profiles: definition.profiles,
    info: definition.info(settings),
    explanation: `${definition.why} Requirement ${definition.requirements.map(quoteRequirement).join('; ')}.`,
    fix: definition.fix,
  };
}

/**
 * Machine-readable list of every rule of the pack with the default settings (365 days, Tokyo
 * and Osaka): ID, requirement IDs, level, profiles, info, explanation and fix. The compliance
 * report maps findings to requirements with it.
 */
export const GOVCLOUD_RULES: readonly GovCloudRuleInfo[] = GOVCLOUD_RULE_DEFINITIONS.map((d) =>
  describeRule(d),
);

/**
 * The rule a finding belongs to. Accepts a finding's rule name, which may carry a `[detail]`
 * suffix, and a namespaced acknowledgement ID (`GovCloudChecks::GCJ-...`).
 */
export function govCloudRule(ruleName: string): GovCloudRuleInfo | undefined {
  const id = ruleName.replace(/^.*::/, '').replace(/\[.*\]$/, '');
  return GOVCLOUD_RULES.find((r) => r.id === id);
}
