import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { ingressRulesOf, isFromAnywhere } from '../../utils/security-groups';

/**
 * Security groups admit no traffic from anywhere (`0.0.0.0/0` or `::/0`); ingress comes only
 * from the municipal CIDRs or from within the tenant. NET-4 (core-business profile).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnSecurityGroup) && !(node instanceof CfnSecurityGroupIngress)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return ingressRulesOf(node).some(isFromAnywhere)
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
