export * from './locked-backup-vault';
export {
  backupVaultArn,
  type BackupCopyDestination,
  ProtectedBackupPlan,
  type ProtectedBackupPlanProps,
} from './protected-backup-plan';
