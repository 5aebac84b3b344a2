import type { JapanRegion } from '../../domain/regions';

/**
 * Limits CloudFormation puts on what the config feeds into stacks (PORT-2): checked in the
 * schema so that a config that would fail at deployment stops at synth, naming the field.
 *
 * Stack names are `<systemName>-<kind>-<Tokyo|Osaka>`; the longest kind is
 * `SystemDr-Shared` / `SystemDr-<6-digit code>` (15 characters), so a systemName of at most
 * SYSTEM_NAME_MAX_LENGTH characters keeps every stack name far below STACK_NAME_MAX_LENGTH.
 * Municipality names go into stack descriptions (at most STACK_DESCRIPTION_MAX_BYTES).
 */

/** CloudFormation's limit on a stack name. */
export const STACK_NAME_MAX_LENGTH = 128;
/** CloudFormation's pattern for a stack name. */
export const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
/** CloudFormation's limit on a template description, in bytes (UTF-8). */
export const STACK_DESCRIPTION_MAX_BYTES = 1024;
/** Longest systemName: it begins every stack name. */
export const SYSTEM_NAME_MAX_LENGTH = 30;
/**
 * Longest municipality name (characters). Four UTF-8 bytes each at most, so a description
 * holding one name and its fixed text (under 200 bytes) stays under 1,024 bytes.
 */
export const MUNICIPALITY_NAME_MAX_LENGTH = 100;

/** Why a stack name would be refused by CloudFormation, or undefined. */
export function stackNameProblem(name: string): string | undefined {
  if (name.length > STACK_NAME_MAX_LENGTH) {
    return `stack name "${name}" has ${name.length} characters; CloudFormation allows ${STACK_NAME_MAX_LENGTH}`;
  }
  if (!STACK_NAME_PATTERN.test(name)) {
    return `stack name "${name}" does not match CloudFormation's pattern [A-Za-z][A-Za-z0-9-]*`;
  }
  return undefined;
}

/** Region names used in stack names: readable, stable (REG-1 allows these two only). */
export const REGION_LABELS: Readonly<Record<JapanRegion, string>> = {
  'ap-northeast-1': 'Tokyo',
  'ap-northeast-3': 'Osaka',
};

/** What every name below is derived from. */
export interface Named {
  /** The config's `systemName`. */
  readonly systemName: string;
}

/** `<systemName>-<kind>-<Tokyo|Osaka>`, e.g. `juki-Baseline-Tokyo` or `juki-SystemDr-139998-Osaka`. */
export function stackNameOf(named: Named, kind: string, region: JapanRegion): string {
  return `${named.systemName}-${kind}-${REGION_LABELS[region]}`;
}

/** Name of a municipality's copy vault in the DR region (fixed: the primary region needs it). */
export function drBackupVaultName(named: Named, municipalityCode: string): string {
  return `${named.systemName.toLowerCase()}-${municipalityCode}-copy`;
}

/** Alias prefix of the sample system's keys, distinct per system in one account. */
export function systemAliasPrefix(named: Named): string {
  return `govcloud-jp-${named.systemName.toLowerCase()}`.replace(/-+/g, '-');
}

/** Identifier of a municipality's Aurora cluster, distinct per system and municipality. */
export function clusterIdentifierOf(named: Named, municipalityCode: string): string {
  return `${named.systemName.toLowerCase()}-${municipalityCode}`.replace(/-+/g, '-');
}
