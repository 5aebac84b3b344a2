/** The only regions Government Cloud data may live in (REG-1): Tokyo and Osaka. */
export const JAPAN_REGIONS = ['ap-northeast-1', 'ap-northeast-3'] as const;

export type JapanRegion = (typeof JAPAN_REGIONS)[number];

/** True when `region` is Tokyo or Osaka. */
export function isJapanRegion(region: string): region is JapanRegion {
  return (JAPAN_REGIONS as readonly string[]).includes(region);
}

/** Values CloudWatch Logs accepts for RetentionInDays that also meet RET-1 (≥ 365 days). */
export const LOG_RETENTION_DAYS_ALLOWED = [
  365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
