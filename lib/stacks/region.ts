import { Token, type Stack } from 'aws-cdk-lib';
import { isJapanRegion, JAPAN_REGIONS } from '../config/regions';

/**
 * Refuses a stack whose region is not Tokyo or Osaka (REG-1). An environment-agnostic stack
 * is refused too: its region would be chosen at deploy time, outside this check.
 */
export function assertJapanRegion(stack: Stack, region: string | undefined): void {
  if (region === undefined || Token.isUnresolved(region) || !isJapanRegion(region)) {
    throw new Error(
      `Stack ${stack.node.path} env.region = ${JSON.stringify(region ?? null)} [REG-1]: ` +
        `Government Cloud data must stay in Japan. Fix: set env.region to one of ${JAPAN_REGIONS.join(', ')}.`,
    );
  }
}
