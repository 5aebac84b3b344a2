import type {
  CapabilityAvailability,
  RegionalCapability,
  RegionAvailabilityTable,
} from '../availability';

/** Looks a capability up; an unknown region counts as unavailable (REG-1 forbids it anyway). */
export function availabilityOf(
  table: RegionAvailabilityTable,
  region: string,
  capability: RegionalCapability,
): CapabilityAvailability {
  const entry = (table as Record<string, Record<RegionalCapability, CapabilityAvailability>>)[
    region
  ]?.[capability];
  return (
    entry ?? {
      available: false,
      evidence: 'docs/REQUIREMENTS.md#reg--data-residency-国内リージョン',
      note: `${region} is not a Government Cloud region`,
    }
  );
}
