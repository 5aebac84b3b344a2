export * from './application-tier';
export * from './data-tier';
export * from './municipal-system';
export * from './municipality-tenant';
export * from './operations-log-bucket';
export * from './rds-os-metrics-log-group';
export * from './tenant-budget';
