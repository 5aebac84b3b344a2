import { type Stack, Tags } from 'aws-cdk-lib';

/**
 * Tags every resource of `stack` with the plan's tags (`GovCloudPlan.tags`: the config's own
 * plus Environment, MunicipalityCode and System; IAM-6, TEN-3, DET-4). Each stack of the library
 * does it itself, so that a vendor who composes a stack into their own app gets the tags the
 * rule packs require without wiring them. A construct nearer the resource (e.g. a municipality
 * tenant's `MunicipalityCode`) still overrides.
 */
export function applyStandardTags(stack: Stack, tags: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(tags)) Tags.of(stack).add(key, value);
}
