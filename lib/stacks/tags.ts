import { type Stack, Tags } from 'aws-cdk-lib';
import type { GovCloudConfig } from '../config';

/** Tags every resource carries: cost allocation and the purpose of the tenant area. */
export function standardTags(config: GovCloudConfig): Record<string, string> {
  return {
    ...config.tags,
    Environment: config.environment,
    MunicipalityCode: config.municipality.code,
    System: config.systemName,
  };
}

/**
 * Tags every resource of `stack` with {@link standardTags} (IAM-6, TEN-3, DET-4). Each stack of
 * the library does it itself, so that a vendor who composes a stack into their own app gets the
 * tags the rule packs require without wiring them. A construct nearer the resource (e.g. a
 * municipality tenant's `MunicipalityCode`) still overrides.
 */
export function applyStandardTags(stack: Stack, config: GovCloudConfig): void {
  for (const [key, value] of Object.entries(standardTags(config))) Tags.of(stack).add(key, value);
}
