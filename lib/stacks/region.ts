import { Token, type Stack } from 'aws-cdk-lib';
import { GovCloudError } from '../../constructs/core/errors';
import { isJapanRegion, JAPAN_REGIONS } from '../../domain/regions';

/**
 * Refuses a stack whose region is not Tokyo or Osaka (REG-1). An environment-agnostic stack
 * is refused too: its region would be chosen at deploy time, outside this check.
 */
export function assertJapanRegion(stack: Stack, region: string | undefined): void {
  if (region === undefined || Token.isUnresolved(region) || !isJapanRegion(region)) {
    throw new GovCloudError({
      code: 'StackRegionOutsideJapan',
      problem: `Stack ${stack.node.path} env.region = ${JSON.stringify(region ?? null)}`,
      requirement: 'REG-1',
      fix: `Government Cloud data must stay in Japan. Fix: set env.region to one of ${JAPAN_REGIONS.join(', ')}.`,
      scope: stack,
    });
  }
}

/**
 * Availability zones the sample system uses (BAK-4), fixed so that synth never looks them up
 * (a lookup needs AWS credentials, and without them CDK writes `dummy1a` zones). Zone names are
 * mapped to physical zones per account, but these names exist in every account: Tokyo's
 * `ap-northeast-1b` is closed to new accounts, so Tokyo uses a, c and d; Osaka has a, b and c.
 * A config's `system.availabilityZones` overrides them.
 */
export const DEFAULT_AVAILABILITY_ZONES: Readonly<Record<string, readonly string[]>> = {
  'ap-northeast-1': ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  'ap-northeast-3': ['ap-northeast-3a', 'ap-northeast-3b', 'ap-northeast-3c'],
};

/**
 * The zones of a stack in `region`: the configured ones for that region, else — when the
 * account is known, the only case in which CDK would look the zones up — the fixed default.
 * Returns undefined where CDK's own zones need no lookup (an account-agnostic stack renders
 * `Fn::GetAZs`, resolved by CloudFormation at deploy time).
 */
export function availabilityZonesFor(
  region: string,
  account: string,
  configured: readonly string[] = [],
): string[] | undefined {
  if (Token.isUnresolved(region)) {
    return undefined;
  }
  const mine = configured.filter((az) => az.startsWith(region));
  if (mine.length > 0) {
    return mine;
  }
  return Token.isUnresolved(account) ? undefined : [...(DEFAULT_AVAILABILITY_ZONES[region] ?? [])];
}

/**
 * The region whose stacks create AWS Budgets budgets (DET-4, TEN-3). `AWS::Budgets::Budget` is
 * a CloudFormation resource type in Tokyo but not in Osaka (ap-northeast-3), and a budget is
 * account-wide whichever region's stack creates it; so with Osaka as primary (the DR path) the
 * budgets move to the Tokyo stacks instead of failing the deployment.
 */
export const BUDGETS_REGION = 'ap-northeast-1';
