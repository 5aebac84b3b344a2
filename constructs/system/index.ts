export * from './application-tier';
export * from './data-tier';
export * from './municipal-system';
export {
  MunicipalityTenant,
  type MunicipalityTenantProps,
  type SharedPlatform,
  type TenantApplicationOptions,
  type TenantBackupOptions,
  type TenantMunicipality,
} from './municipality-tenant';
export * from './operations-log-bucket';
export { RdsOsMetricsLogGroup, type RdsOsMetricsLogGroupProps } from './rds-os-metrics-log-group';
export { TenantBudget, type TenantBudgetProps } from './tenant-budget';
