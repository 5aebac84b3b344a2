import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';

/** AWS Backup's shortest grace time before a Vault Lock becomes immutable. */
const MIN_CHANGEABLE_FOR_DAYS = 3;

export interface LockedBackupVaultProps {
  /** Customer-managed key of the vault (KEY-1). */
  readonly encryptionKey: kms.IKey;
  /** No recovery point can be deleted before this many days, by anyone (BAK-3). */
  readonly minRetentionDays: number;
  /**
   * Grace days after creation in which the lock can still be removed; afterwards it is in
   * compliance mode and neither the account root nor AWS can remove it. A vault lock without
   * this grace would be governance mode, which privileged users can lift.
   * @default 3
   */
  readonly changeableForDays?: number;
  /**
   * Vault name. Needed when another region's backup plan copies into this vault (its ARN
   * must be known there); otherwise leave it out.
   * @default - generated
   */
  readonly backupVaultName?: string;
}

/**
 * An AWS Backup vault (バックアップボールト) encrypted with a customer-managed key, with a Vault
 * Lock in compliance mode and retained on stack deletion, so that backups cannot be deleted
 * by an operator before their minimum retention (操作者が削除できないバックアップ).
 *
 * Note on crypto-erasure (KEY-4): Vault Lock blocks deleting recovery points, not deleting
 * keys. Scheduling deletion of the municipality's keys makes its locked recovery points
 * unreadable; see constructs/system/README.md.
 *
 * The copy across the two centres (BAK-2) is the backup plan's (`ProtectedBackupPlan`);
 * this vault is only where copies land.
 *
 * Implements BAK-3 (Vault Lock, compliance, RETAIN), KEY-1 (customer-managed key).
 */
export class LockedBackupVault extends Construct {
  /** The vault. */
  public readonly vault: backup.BackupVault;
  /** The minimum retention the lock enforces, in days. */
  public readonly minRetentionDays: number;

  constructor(scope: Construct, id: string, props: LockedBackupVaultProps) {
    super(scope, id);
    recordImplements(this, 'BAK-3', 'KEY-1');
    const changeableForDays = props.changeableForDays ?? MIN_CHANGEABLE_FOR_DAYS;
    if (!Number.isInteger(props.minRetentionDays) || props.minRetentionDays < 1) {
      throw new GovCloudError({
        code: 'LockedBackupVaultMinRetentionInvalid',
        problem: `LockedBackupVault minRetentionDays "${props.minRetentionDays}" is not allowed`,
        requirement: 'BAK-3',
        fix: `give a whole number of days ≥ 1 (the sample uses 365).`,
        scope: this,
      });
    }
    if (!Number.isInteger(changeableForDays) || changeableForDays < MIN_CHANGEABLE_FOR_DAYS) {
      throw new GovCloudError({
        code: 'LockedBackupVaultChangeableForTooShort',
        problem: `LockedBackupVault changeableForDays "${changeableForDays}" is not allowed`,
        requirement: 'BAK-3',
        fix: `AWS Backup needs at least ${MIN_CHANGEABLE_FOR_DAYS} days before the lock enters compliance mode.`,
        scope: this,
      });
    }
    this.minRetentionDays = props.minRetentionDays;
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.backupVaultName,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration: {
        minRetention: Duration.days(props.minRetentionDays),
        changeableFor: Duration.days(changeableForDays),
      },
    });
  }
}
