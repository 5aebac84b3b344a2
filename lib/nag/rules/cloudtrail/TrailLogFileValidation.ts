import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { isTrue } from '../../utils/values';

/**
 * CloudTrail trails turn on log file validation, so every log file has a signed digest and
 * tampering can be detected (検証可能な形で提供). LOG-1, LOG-3.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    return node.enableLogFileValidation !== undefined && isTrue(node, node.enableLogFileValidation)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
