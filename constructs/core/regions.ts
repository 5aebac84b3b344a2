/** The only regions Government Cloud data may live in (REG-1): Tokyo and Osaka. */
export const JAPAN_REGIONS = ['ap-northeast-1', 'ap-northeast-3'] as const;

export type JapanRegion = (typeof JAPAN_REGIONS)[number];

/** True when `region` is Tokyo or Osaka. */
export function isJapanRegion(region: string): region is JapanRegion {
  return (JAPAN_REGIONS as readonly string[]).includes(region);
}
