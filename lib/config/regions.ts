export { isJapanRegion, JAPAN_REGIONS, type JapanRegion } from '../../constructs/core/regions';

/** Values CloudWatch Logs accepts for RetentionInDays that also meet RET-1 (≥ 365 days). */
export const LOG_RETENTION_DAYS_ALLOWED = [
  365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
