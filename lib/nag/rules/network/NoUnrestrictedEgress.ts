import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupEgress } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { egressRulesOf, isAllTraffic, isFromAnywhere } from '../../utils/security-groups';

/**
 * Security groups of a closed network send only what their tier needs: no egress of all
 * traffic (every protocol, or every TCP / UDP port) to `0.0.0.0/0` or `::/0`, the CDK default
 * `allowAllOutbound: true` included. NET-4 (core-business profile).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnSecurityGroup) && !(node instanceof CfnSecurityGroupEgress)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return egressRulesOf(node).some((r) => isFromAnywhere(r) && isAllTraffic(r))
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
