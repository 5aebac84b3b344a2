import { GovCloudError } from '../../domain/errors';
import { JAPAN_REGIONS } from '../../domain/regions';
import { DEFAULT_RULE_SETTINGS, type GovCloudRuleSettings } from './govcloud-rules';

/** Levels of {@link GovCloudChecksProps.nonFunctional} (AVL-1, AVL-2). */
export interface GovCloudNonFunctionalLevels {
  /**
   * Recovery point objective in hours (目標復旧地点).
   * @default 24
   */
  readonly rpoHours?: number;
  /**
   * Availability in percent (稼働率); at 99.5 or more databases must be Multi-AZ.
   * @default 99.5
   */
  readonly availabilityPercent?: number;
  /**
   * Whether a copy in the other Japanese region is required (大規模災害時).
   * @default true
   */
  readonly remoteCopy?: boolean;
}

/** What of GovCloudChecksProps the rules are built with. */
interface SettingsInput {
  readonly allowedRegions?: readonly string[];
  readonly minimumRetentionDays?: number;
  readonly nonFunctional?: GovCloudNonFunctionalLevels;
}

/**
 * The settings the pack's rules are built with: the defaults where a prop is left out, and a
 * GovCloudError naming the prop, the value, the requirement and the fix where it is refused.
 */
export function settingsOf(props: SettingsInput): GovCloudRuleSettings {
  return {
    allowedRegions: validateRegions(props.allowedRegions),
    minimumRetentionDays: validateRetention(props.minimumRetentionDays),
    ...validateLevels(props.nonFunctional),
  };
}

function validateRegions(regions: readonly string[] | undefined): readonly string[] {
  if (regions === undefined) return DEFAULT_RULE_SETTINGS.allowedRegions;
  if (regions.length === 0) {
    throw new GovCloudError({
      code: 'GovCloudChecksAllowedRegionsEmpty',
      problem: 'GovCloudChecks allowedRegions "[]" is empty',
      requirement: 'REG-1',
      fix: 'list ap-northeast-1 and/or ap-northeast-3, or leave it out.',
    });
  }
  for (const region of regions) {
    if (!(JAPAN_REGIONS as readonly string[]).includes(region)) {
      throw new GovCloudError({
        code: 'GovCloudChecksAllowedRegionOutsideJapan',
        problem: `GovCloudChecks allowedRegions "${region}" is outside Japan`,
        requirement: 'REG-1',
        fix: `use only ${JAPAN_REGIONS.join(' and/or ')}.`,
      });
    }
  }
  return [...regions];
}

function validateRetention(days: number | undefined): number {
  const minimum = DEFAULT_RULE_SETTINGS.minimumRetentionDays;
  if (days === undefined) return minimum;
  if (!Number.isInteger(days) || days < minimum) {
    throw new GovCloudError({
      code: 'GovCloudChecksRetentionTooShort',
      problem: `GovCloudChecks minimumRetentionDays "${days}" is below ${minimum} days or not a whole number`,
      requirement: 'RET-1',
      fix: `use a whole number of days ≥ ${minimum} (retention can only be configured upward).`,
    });
  }
  return days;
}

function validateLevels(
  levels: GovCloudNonFunctionalLevels = {},
): Pick<GovCloudRuleSettings, 'rpoHours' | 'availabilityPercent' | 'remoteCopyRequired'> {
  const rpoHours = levels.rpoHours ?? DEFAULT_RULE_SETTINGS.rpoHours;
  const availabilityPercent =
    levels.availabilityPercent ?? DEFAULT_RULE_SETTINGS.availabilityPercent;
  if (!(rpoHours > 0)) {
    throw new GovCloudError({
      code: 'GovCloudChecksRpoNotPositive',
      problem: `GovCloudChecks nonFunctional.rpoHours "${rpoHours}" is not a positive number of hours`,
      requirement: 'AVL-1',
      fix: 'use e.g. 24 (1営業日前, the standard).',
    });
  }
  if (!(availabilityPercent > 0 && availabilityPercent < 100)) {
    throw new GovCloudError({
      code: 'GovCloudChecksAvailabilityNotPercentage',
      problem: `GovCloudChecks nonFunctional.availabilityPercent "${availabilityPercent}" is not a percentage below 100`,
      requirement: 'AVL-1',
      fix: 'use e.g. 99.5 (the standard).',
    });
  }
  return {
    rpoHours,
    availabilityPercent,
    remoteCopyRequired: levels.remoteCopy ?? DEFAULT_RULE_SETTINGS.remoteCopyRequired,
  };
}
