export * from './errors';
export * from './load';
export * from './plan';
export * from '../../domain/local-government-code';
export { isJapanRegion, JAPAN_REGIONS, type JapanRegion } from '../../domain/regions';
export { LOG_RETENTION_DAYS_ALLOWED } from '../../domain/retention';
export * from './stack-names';
export {
  configSchema,
  DEFAULT_LOG_RETENTION_DAYS,
  municipalitySchema,
  type GovCloudConfig,
  type GovCloudConfigInput,
} from './schema';
export {
  MODE_DEFAULTS,
  PLATFORM_MODES,
  PLATFORM_SERVICES,
  platformServices,
  type PlatformConfig,
  type PlatformMode,
  type PlatformService,
  type ServiceOwnership,
} from './sections/platform';
export type { SystemConfig, SystemTenant } from './sections/system';
export type { NonFunctionalSettings } from './sections/non-functional';
