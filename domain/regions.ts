import { GovCloudError, type ErrorScope } from './errors';

/** The only regions Government Cloud data may live in (REG-1): Tokyo and Osaka. */
export const JAPAN_REGIONS = ['ap-northeast-1', 'ap-northeast-3'] as const;

export type JapanRegion = (typeof JAPAN_REGIONS)[number];

/** True when `region` is Tokyo or Osaka. */
export function isJapanRegion(region: string): region is JapanRegion {
  return (JAPAN_REGIONS as readonly string[]).includes(region);
}

/**
 * `region` when it is Tokyo or Osaka, else a {@link GovCloudError} (REG-1) naming `subject` and
 * the region. `undefined` stands for a region not known at synth (an environment-agnostic
 * stack): it is refused too, because it would be chosen at deploy time, outside this check.
 * The caller turns an unresolved token into `undefined`, so that this layer needs no CDK.
 */
export function assertJapanRegion(
  region: string | undefined,
  subject: string,
  scope?: ErrorScope,
): JapanRegion {
  if (region === undefined || !isJapanRegion(region)) {
    throw new GovCloudError({
      code: 'RegionNotJapan',
      problem: `${subject} region "${region ?? '(unresolved)'}" is not allowed`,
      requirement: 'REG-1',
      fix: `set env.region of the stack to one of ${JAPAN_REGIONS.join(', ')}.`,
      scope,
    });
  }
  return region;
}
