import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { LockedBackupVault } from './locked-backup-vault';
import { isJapanRegion, JAPAN_REGIONS } from '../../domain/regions';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';
import { acknowledgeFindings } from '../core/nag-finding';

/** The only regions a copy may go to (REG-3: 退避先は全て日本国内). */

/** Managed policies AWS Backup needs for RDS/Aurora and for S3 (backup and restore). */
const BACKUP_MANAGED_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/** Where the copy of every recovery point goes. */
export interface BackupCopyDestination {
  /** The other Japanese region (ap-northeast-1 or ap-northeast-3). */
  readonly region: string;
  /** ARN of the destination vault in that region (see `backupVaultArn`). */
  readonly backupVaultArn: string;
}

export interface ProtectedBackupPlanProps {
  /** Customer-managed key of the local vault (KEY-1). */
  readonly encryptionKey: kms.IKey;
  /** What to back up: every stateful resource (BAK-1). */
  readonly resources: readonly backup.BackupResource[];
  /** Days each recovery point and its copy are kept; at least the lock's minimum. */
  readonly retentionDays: number;
  /** Vault Lock minimum retention (BAK-3). */
  readonly vaultLockMinRetentionDays: number;
  /**
   * Grace days before the Vault Lock becomes immutable (compliance mode).
   * @default 3
   */
  readonly vaultLockChangeableForDays?: number;
  /** Copy destination in the other Japanese region (BAK-2, REG-3). */
  readonly copyTo: BackupCopyDestination;
  /**
   * Hours between scheduled backups, from the RPO (AVL-1, 目標復旧地点): 24 runs daily at 18:00 UTC
   * (03:00 JST); 1, 2, 3, 4, 6, 8 or 12 run at every such hour from 00:00 UTC. Each recovery
   * point is copied to `copyTo` (AVL-2).
   * @default 24
   */
  readonly intervalHours?: number;
  /**
   * Also keep continuous backups (point-in-time recovery, 35 days) for an RPO under one hour
   * (AVL-1). Needs a Vault Lock minimum of at most 35 days, since AWS Backup keeps continuous
   * recovery points for 35 days at most.
   * @default false
   */
  readonly continuousBackup?: boolean;
}

/** The longest retention AWS Backup allows for continuous backups. */
export const CONTINUOUS_BACKUP_MAX_RETENTION_DAYS = 35;

/** Intervals a cron schedule repeats evenly over a day (AVL-1). */
const INTERVALS_HOURS = [1, 2, 3, 4, 6, 8, 12, 24];

/**
 * A daily AWS Backup plan (バックアップ計画) for a municipality's stateful resources, into a
 * locked, CMK-encrypted vault, with every recovery point copied to a vault in the other
 * Japanese region (東西2センター). The constructor refuses any copy destination outside Tokyo
 * and Osaka, or in the plan's own region.
 *
 * Cost: no fixed cost; backup storage in both regions and the inter-region transfer per GB.
 *
 * Implements BAK-1 (plan for every stateful resource), BAK-2 (copy East/West), REG-3 (destination
 * only in Japan), AVL-1 (interval and continuous backup from the RPO), AVL-2 (the remote copy a
 * reduced-configuration recovery starts from); its vault, a `LockedBackupVault`, records BAK-3.
 */
export class ProtectedBackupPlan extends Construct {
  /** The local vault. */
  public readonly vault: LockedBackupVault;
  /** The plan. */
  public readonly plan: backup.BackupPlan;
  /** The role AWS Backup uses for the selection. */
  public readonly role: iam.Role;
  /** The copy destination. */
  public readonly copyTo: BackupCopyDestination;

  constructor(scope: Construct, id: string, props: ProtectedBackupPlanProps) {
    super(scope, id);
    recordImplements(this, 'BAK-1', 'BAK-2', 'REG-3', 'AVL-1', 'AVL-2');
    validate(this, props);
    this.copyTo = props.copyTo;
    this.vault = new LockedBackupVault(this, 'Vault', {
      encryptionKey: props.encryptionKey,
      minRetentionDays: props.vaultLockMinRetentionDays,
      changeableForDays: props.vaultLockChangeableForDays,
    });
    const deleteAfter = Duration.days(props.retentionDays);
    this.plan = new backup.BackupPlan(this, 'Plan', { backupVault: this.vault.vault });
    const interval = props.intervalHours ?? 24;
    this.plan.addRule(
      new backup.BackupPlanRule({
        ruleName:
          interval === 24
            ? 'DailyWithCopyToOtherJapaneseRegion'
            : `Every${interval}hWithCopyToOtherJapaneseRegion`,
        scheduleExpression: events.Schedule.cron(
          interval === 24
            ? { hour: '18', minute: '0' }
            : { hour: interval === 1 ? '*' : `*/${interval}`, minute: '0' },
        ),
        startWindow: Duration.hours(1),
        // A backup should end before the next one starts; AWS Backup needs at least 2 hours.
        completionWindow: Duration.hours(interval === 24 ? 8 : Math.max(2, interval)),
        deleteAfter,
        copyActions: [
          {
            destinationBackupVault: backup.BackupVault.fromBackupVaultArn(
              this,
              'CopyDestination',
              props.copyTo.backupVaultArn,
            ),
            deleteAfter,
          },
        ],
      }),
    );
    if (props.continuousBackup) {
      this.plan.addRule(
        new backup.BackupPlanRule({
          ruleName: 'ContinuousPointInTime',
          enableContinuousBackup: true,
          deleteAfter: Duration.days(CONTINUOUS_BACKUP_MAX_RETENTION_DAYS),
        }),
      );
    }
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore the municipality resources (BAK-1)',
      managedPolicies: BACKUP_MANAGED_POLICIES.map((p) =>
        iam.ManagedPolicy.fromAwsManagedPolicyName(p),
      ),
    });
    this.plan.addSelection('Selection', {
      resources: [...props.resources],
      role: this.role,
      disableDefaultBackupPolicy: true,
    });
    acknowledgeFindings(
      this.role,
      ...BACKUP_MANAGED_POLICIES.map((p) => ({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${p}]`,
        reason:
          'AWS Backup documents these service-role policies as the required permissions for RDS/Aurora and S3 backup, copy and restore; AWS keeps them current as the services change.',
        reasonJa:
          'AWS Backup のドキュメントは、RDS/Aurora と S3 のバックアップ、コピー、復元に必要な権限としてこれらのサービスロール用ポリシーを示しており、サービスの変更に合わせて AWS が更新している。',
      })),
    );
  }
}

/** ARN of a backup vault by name, region and account (for a cross-region copy destination). */
export function backupVaultArn(
  scope: Construct,
  region: string,
  backupVaultName: string,
  account = Stack.of(scope).account,
): string {
  return `arn:${Stack.of(scope).partition}:backup:${region}:${account}:backup-vault:${backupVaultName}`;
}

function validate(scope: Construct, props: ProtectedBackupPlanProps): void {
  const { region, backupVaultArn: arn } = props.copyTo;
  if (!isJapanRegion(region)) {
    throw new GovCloudError({
      code: 'ProtectedBackupPlanCopyOutsideJapan',
      problem: `ProtectedBackupPlan copyTo.region "${region}" is outside Japan`,
      requirement: 'REG-3',
      fix: `backup copies may only go to ${JAPAN_REGIONS.join(' or ')}.`,
      scope: scope,
    });
  }
  const own = Stack.of(scope).region;
  if (!Token.isUnresolved(own) && own === region) {
    throw new GovCloudError({
      code: 'ProtectedBackupPlanCopyToOwnRegion',
      problem: `ProtectedBackupPlan copyTo.region "${region}" is the plan's own region`,
      requirement: 'BAK-2',
      fix: `copy to the other Japanese region (東西2センター).`,
      scope: scope,
    });
  }
  const arnRegion = arn.split(':')[3];
  if (!/^arn:[^:]+:backup:[^:]+:[^:]+:backup-vault:.+$/.test(arn) || arnRegion !== region) {
    throw new GovCloudError({
      code: 'ProtectedBackupPlanCopyVaultArnInvalid',
      problem: `ProtectedBackupPlan copyTo.backupVaultArn "${arn}" is not a backup vault in ${region}`,
      requirement: 'REG-3',
      fix: `give arn:aws:backup:${region}:<account>:backup-vault:<name>.`,
      scope: scope,
    });
  }
  const interval = props.intervalHours ?? 24;
  if (!INTERVALS_HOURS.includes(interval)) {
    throw new GovCloudError({
      code: 'ProtectedBackupPlanIntervalUneven',
      problem: `ProtectedBackupPlan intervalHours "${interval}" is not an even interval over a day`,
      requirement: 'AVL-1',
      fix: `use one of ${INTERVALS_HOURS.join(', ')}.`,
      scope: scope,
    });
  }
  if (
    props.continuousBackup &&
    props.vaultLockMinRetentionDays > CONTINUOUS_BACKUP_MAX_RETENTION_DAYS
  ) {
    throw new GovCloudError({
      code: 'ProtectedBackupPlanContinuousBackupLocked',
      problem: `ProtectedBackupPlan continuousBackup "true" cannot go into a vault locked for ${props.vaultLockMinRetentionDays} days (Vault Lock, BAK-3)`,
      requirement: 'AVL-1',
      fix: `AWS Backup keeps continuous recovery points ${CONTINUOUS_BACKUP_MAX_RETENTION_DAYS} days at most; lower vaultLockMinRetentionDays to ${CONTINUOUS_BACKUP_MAX_RETENTION_DAYS} or drop continuous backup.`,
      scope,
    });
  }
  if (props.resources.length === 0) {
    throw new GovCloudError({
      code: 'ProtectedBackupPlanNoResources',
      problem: `ProtectedBackupPlan resources "[]" is empty`,
      requirement: 'BAK-1',
      fix: `select every stateful resource (database, buckets).`,
      scope: scope,
    });
  }
  if (
    !Number.isInteger(props.retentionDays) ||
    props.retentionDays < props.vaultLockMinRetentionDays
  ) {
    throw new GovCloudError({
      code: 'ProtectedBackupPlanRetentionBelowVaultLock',
      problem: `ProtectedBackupPlan retentionDays "${props.retentionDays}" is shorter than the Vault Lock minimum ${props.vaultLockMinRetentionDays}`,
      requirement: 'BAK-3',
      fix: `keep recovery points at least as long as the lock requires, or the vault refuses them.`,
      scope: scope,
    });
  }
}
