import { Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BackupCopyDestination } from '../backup/protected-backup-plan';
import { ProtectedBackupPlan } from '../backup/protected-backup-plan';
import { SnapshotExport } from '../exit/snapshot-export';
import { PurposeKey } from '../keys/purpose-key';
import { ClosedNetwork, type ClosedNetworkProps } from '../network/closed-network';
import type { ApplicationTier } from './application-tier';
import { DataTier } from './data-tier';
import { MunicipalSystem, type MunicipalSystemSizes } from './municipal-system';
import { OperationsLogBucket } from './operations-log-bucket';
import { MUNICIPALITY_CODE_TAG, TenantBudget } from './tenant-budget';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';
import { localGovernmentCodeProblem } from '../../domain/local-government-code';

/** Priority above the app-wide tags, so the tenant's own code wins on its resources. */
const TENANT_TAG_PRIORITY = 200;

/** A municipality served by the system. */
export interface TenantMunicipality {
  /** Display name, e.g. 架空市. */
  readonly name: string;
  /** 6-digit 全国地方公共団体コード. */
  readonly code: string;
}

/** The application tier and network shared by all municipalities (application mode). */
export interface SharedPlatform {
  /** The shared closed network. */
  readonly network: ClosedNetwork;
  /** The shared application tier. */
  readonly application: ApplicationTier;
}

/** The municipality's own application tier (vpc and account modes). */
export interface TenantApplicationOptions {
  /** ACM certificate of this municipality's HTTPS listener. */
  readonly certificateArn: string;
  /** @default - a repository is created */
  readonly repository?: ecr.IRepository;
  /** @default '1.0.0' */
  readonly imageTag?: string;
  /** @default 8080 */
  readonly containerPort?: number;
  /** @default '/health' */
  readonly healthCheckPath?: string;
}

/** Backup settings of a tenant (the vault key is the tenant's own backup key). */
export interface TenantBackupOptions {
  /** Days each recovery point and its copy are kept. */
  readonly retentionDays: number;
  /** Vault Lock minimum retention (BAK-3). */
  readonly vaultLockMinRetentionDays: number;
  /** @default 3 */
  readonly vaultLockChangeableForDays?: number;
  /** The tenant's destination vault in the other Japanese region. */
  readonly copyTo: BackupCopyDestination;
  /**
   * Hours between scheduled backups, from the RPO (AVL-1).
   * @default 24
   */
  readonly intervalHours?: number;
  /**
   * Continuous backup besides the schedule, for an RPO under one hour (AVL-1).
   * @default false
   */
  readonly continuousBackup?: boolean;
}

export interface MunicipalityTenantProps {
  /** The municipality. */
  readonly municipality: TenantMunicipality;
  /**
   * Alias prefix of the tenant's keys, so several systems in one account keep distinct
   * aliases (`alias/<prefix>/data-<code>`).
   * @default 'govcloud-jp'
   */
  readonly aliasPrefix?: string;
  /**
   * The tenant's own closed network (vpc and account modes; 専用仮想ネットワーク空間). Give
   * exactly one of `network` and `shared`.
   * @default - none: `shared` must be given
   */
  readonly network?: Omit<ClosedNetworkProps, 'flowLogKey' | 'retention'>;
  /**
   * The shared network and application tier (application mode, TEN-2). The tenant then gets
   * its own database, bucket and keys only, and grants the shared application access.
   * @default - none: `network` and `application` must be given
   */
  readonly shared?: SharedPlatform;
  /**
   * The tenant's own application tier; required with `network`, ignored with `shared`.
   * @default - none
   */
  readonly application?: TenantApplicationOptions;
  /** DB cluster identifier (lowercase, unique in the account and region). */
  readonly clusterIdentifier: string;
  /** @default - small defaults */
  readonly sizes?: MunicipalSystemSizes;
  /** Backup and the East/West copy. */
  readonly backup: TenantBackupOptions;
  /**
   * Create the exit path (SnapshotExport, PORT-1).
   * @default false
   */
  readonly exportSnapshots?: boolean;
  /**
   * Monthly budget in USD, filtered on the tenant's tag (TEN-3).
   * @default - no budget
   */
  readonly monthlyBudgetUsd?: number;
  /** @default [] */
  readonly budgetNotificationEmails?: readonly string[];
  /**
   * Retention of every log group and of the operations log bucket (RET-1).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly retention?: logs.RetentionDays;
}

/**
 * Everything that belongs to one municipality in shared use (共同利用方式) and nothing of any
 * other: its own data key and backup key, its own database and exchange bucket, its own
 * security groups, its own locked backup vault with a copy in the other Japanese region, and
 * — unless the platform is shared — its own closed network and application tier. Every
 * resource under it carries the `MunicipalityCode` cost-allocation tag.
 *
 * Separation (TEN-1): keys, database security group and IAM grants name only this tenant's
 * resources; the key policies hold the account's standard admin delegation and service
 * statements bound to this account, never another tenant's principals. Crypto-erasure of
 * exactly this municipality is scheduling deletion of its keys (KEY-4, see README.md).
 *
 * Implements TEN-1, TEN-3, KEY-4 (and BAK-1..3, PORT-1 through its parts).
 */
export class MunicipalityTenant extends Construct {
  /** The municipality. */
  public readonly municipality: TenantMunicipality;
  /** Data key: database, bucket, secrets, logs (KEY-4). */
  public readonly dataKey: PurposeKey;
  /** Backup key: the tenant's local vault (KEY-4 covers backups too). */
  public readonly backupKey: PurposeKey;
  /** The tenant's own network (not in application mode). */
  public readonly network?: ClosedNetwork;
  /** The tenant's own full system (not in application mode). */
  public readonly system?: MunicipalSystem;
  /** The tenant's data tier (own system's, or standalone in application mode). */
  public readonly data: DataTier;
  /** Backup plan and vault. */
  public readonly backup: ProtectedBackupPlan;
  /** Exit path, when requested. */
  public readonly snapshotExport?: SnapshotExport;
  /** Budget, when requested. */
  public readonly budget?: TenantBudget;

  constructor(scope: Construct, id: string, props: MunicipalityTenantProps) {
    super(scope, id);
    recordImplements(this, 'TEN-1', 'TEN-3', 'KEY-4');
    validate(this, props);
    this.municipality = props.municipality;
    const code = props.municipality.code;
    const retention = props.retention ?? logs.RetentionDays.THIRTEEN_MONTHS;

    this.dataKey = new PurposeKey(this, 'DataKey', {
      purpose: 'data',
      qualifier: code,
      aliasPrefix: props.aliasPrefix,
    });
    this.backupKey = new PurposeKey(this, 'BackupKey', {
      purpose: 'backup',
      qualifier: code,
      aliasPrefix: props.aliasPrefix,
    });

    let operationsLogs: OperationsLogBucket;
    if (props.network && props.application) {
      this.network = new ClosedNetwork(this, 'Network', {
        ...props.network,
        flowLogKey: this.dataKey.key,
        retention,
      });
      this.system = new MunicipalSystem(this, 'System', {
        network: this.network,
        encryptionKey: this.dataKey.key,
        municipalityCode: code,
        clusterIdentifier: props.clusterIdentifier,
        sizes: props.sizes,
        retention,
        ...props.application,
      });
      this.data = this.system.data;
      operationsLogs = this.system.operationsLogs;
    } else {
      const shared = props.shared as SharedPlatform;
      operationsLogs = new OperationsLogBucket(this, 'OperationsLogs', {
        retentionDays: retention,
      });
      this.data = new DataTier(this, 'Data', {
        vpc: shared.network.vpc,
        subnets: shared.network.dataSubnets,
        encryptionKey: this.dataKey.key,
        clusterIdentifier: props.clusterIdentifier,
        accessLogsBucket: operationsLogs.bucket,
        instanceClass: props.sizes?.dbInstanceClass,
        minCapacity: props.sizes?.dbMinCapacity,
        maxCapacity: props.sizes?.dbMaxCapacity,
        retention,
      });
      this.data.grantApplicationAccess(
        shared.application.taskRole,
        shared.application.serviceSecurityGroup,
        `app_${code}`,
      );
    }

    const stateful = [
      backup.BackupResource.fromRdsDatabaseCluster(this.data.cluster),
      backup.BackupResource.fromArn(this.data.bucket.bucketArn),
    ];
    if (props.exportSnapshots) {
      this.snapshotExport = new SnapshotExport(this, 'Exit', {
        encryptionKey: this.dataKey.key,
        accessLogsBucket: operationsLogs.bucket,
      });
    }
    this.backup = new ProtectedBackupPlan(this, 'Backup', {
      encryptionKey: this.backupKey.key,
      resources: stateful,
      retentionDays: props.backup.retentionDays,
      vaultLockMinRetentionDays: props.backup.vaultLockMinRetentionDays,
      vaultLockChangeableForDays: props.backup.vaultLockChangeableForDays,
      copyTo: props.backup.copyTo,
      intervalHours: props.backup.intervalHours,
      continuousBackup: props.backup.continuousBackup,
    });

    if (props.monthlyBudgetUsd !== undefined) {
      this.budget = new TenantBudget(this, 'Budget', {
        municipalityCode: code,
        monthlyLimitUsd: props.monthlyBudgetUsd,
        notificationEmails: props.budgetNotificationEmails,
      });
    }
    tagTenantResources(this, code);
  }
}

/** Tags every resource under `scope` with the municipality code (TEN-1, TEN-3). */
export function tagTenantResources(scope: Construct, municipalityCode: string): void {
  Tags.of(scope).add(MUNICIPALITY_CODE_TAG, municipalityCode, { priority: TENANT_TAG_PRIORITY });
}

function validate(scope: Construct, props: MunicipalityTenantProps): void {
  const code = props.municipality.code;
  if (localGovernmentCodeProblem(code) !== undefined) {
    throw new GovCloudError({
      code: 'MunicipalityTenantCodeInvalid',
      problem: `MunicipalityTenant municipality.code "${code}" is not a 6-digit local government code`,
      requirement: 'TEN-3',
      fix: `use the 全国地方公共団体コード with its check digit.`,
      scope: scope,
    });
  }
  const own = props.network !== undefined;
  if (own === (props.shared !== undefined)) {
    throw new GovCloudError({
      code: 'MunicipalityTenantNetworkOrShared',
      problem: `MunicipalityTenant network/shared "${own ? 'both' : 'neither'}" given`,
      requirement: 'TEN-1',
      fix: `give network (own VPC per municipality) or shared (application-level separation), exactly one.`,
      scope: scope,
    });
  }
  if (own && !props.application) {
    throw new GovCloudError({
      code: 'MunicipalityTenantApplicationMissing',
      problem: `MunicipalityTenant application "undefined" with an own network`,
      requirement: 'TEN-1',
      fix: `give the application options (certificateArn, …) for the municipality's own application tier.`,
      scope: scope,
    });
  }
}
