import { parse } from 'path';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { isStackAnchor, literalRegion } from '../../utils/values';

/**
 * The stack names its region. An environment-agnostic stack (no `env.region`) is deployed to
 * whatever region the deployer chooses, so REG-1 cannot be verified at synth time. Judged once
 * per stack, on its first resource.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!isStackAnchor(node)) return NagRuleCompliance.NOT_APPLICABLE;
    return literalRegion(Stack.of(node)) === undefined
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
