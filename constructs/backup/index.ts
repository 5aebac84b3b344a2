export * from './locked-backup-vault';
export * from './protected-backup-plan';
