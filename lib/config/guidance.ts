import type { RequirementId } from '../../domain/requirements';

/** What to tell the user about one config field when its value is rejected. */
export interface FieldGuidance {
  /** The requirement the field serves. */
  readonly requirement: RequirementId;
  /** How to fix a bad value. */
  readonly fix: string;
}

/**
 * Guidance per field path. Array indices are written `*`, e.g. `notificationEmails.*`.
 * A path not listed falls back to its nearest listed parent, then to PORT-2 (the config
 * file is the infrastructure code the tenant keeps).
 */
export type GuidanceTable = Readonly<Record<string, FieldGuidance>>;

export const FALLBACK_GUIDANCE: FieldGuidance = {
  requirement: 'PORT-2',
  fix: 'correct the field as described in README.md ("Writing a config file") and config/default.json',
};

/** Finds the guidance for a field path like ['municipalities', 0, 'code']. */
export function guidanceFor(table: GuidanceTable, path: readonly PropertyKey[]): FieldGuidance {
  const parts = path.map((p) => (typeof p === 'number' ? '*' : String(p)));
  for (let n = parts.length; n > 0; n--) {
    const found = table[parts.slice(0, n).join('.')];
    if (found) {
      return found;
    }
  }
  return FALLBACK_GUIDANCE;
}
