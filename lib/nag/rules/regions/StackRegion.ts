import { parse } from 'path';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { isStackAnchor, literalRegion } from '../../utils/values';
import type { NagRule } from '../../utils/rule';

/**
 * The stack targets an allowed region (Tokyo / Osaka by default). REG-1.
 *
 * Judged once per stack, on its first resource. An environment-agnostic stack is not judged
 * here (see StackRegionUnresolved).
 * @param allowedRegions regions a stack may target
 */
export default function StackRegion(allowedRegions: readonly string[]): NagRule {
  return Object.defineProperty(
    (node: CfnResource): NagRuleCompliance => {
      if (!isStackAnchor(node)) return NagRuleCompliance.NOT_APPLICABLE;
      const region = literalRegion(Stack.of(node));
      if (region === undefined) return NagRuleCompliance.NOT_APPLICABLE;
      return allowedRegions.includes(region)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
