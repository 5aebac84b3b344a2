export * from './errors';
export * from './load';
export * from './local-government-code';
export * from './regions';
export {
  configSchema,
  DEFAULT_LOG_RETENTION_DAYS,
  municipalitySchema,
  type GovCloudConfig,
  type GovCloudConfigInput,
} from './schema';
