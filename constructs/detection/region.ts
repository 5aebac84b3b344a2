import { Annotations, Stack, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { assertJapanRegion, type JapanRegion } from '../../domain/regions';
import type { RegionalCapability, RegionAvailabilityTable } from './availability';
import { availabilityOf } from './private/availability';

/**
 * The concrete Japanese region of the stack that holds `scope`. Availability differs between
 * Tokyo and Osaka, so an environment-agnostic stack cannot be judged and is refused (REG-1).
 */
export function japanRegionOf(scope: Construct, constructName: string): JapanRegion {
  const region = Stack.of(scope).region;
  return assertJapanRegion(Token.isUnresolved(region) ? undefined : region, constructName, scope);
}

/**
 * True when `capability` can be deployed in the stack's region. Otherwise records a
 * synth-time warning `govcloud-jp:unavailable-in-region:<capability>` that names the capability, the
 * region, the requirement it would have served and the evidence, and returns false so the
 * caller leaves it out instead of producing a template that fails to deploy.
 */
export function usableHere(
  scope: Construct,
  table: RegionAvailabilityTable,
  capability: RegionalCapability,
  requirement: string,
): boolean {
  const region = Stack.of(scope).region;
  const entry = availabilityOf(table, region, capability);
  if (entry.available) {
    return true;
  }
  Annotations.of(scope).addWarningV2(
    `govcloud-jp:unavailable-in-region:${capability}`,
    `${capability} is skipped in ${region} [${requirement}]: ${entry.note ?? 'not available in this region'} (evidence: ${entry.evidence}).`,
  );
  return false;
}
