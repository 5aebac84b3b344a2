import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnNatGateway } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { resolveString } from '../../utils/values';

/**
 * No public NAT gateway (the default `ConnectivityType`). A private NAT gateway, which only
 * translates between private networks, is allowed. NET-1 (core-business profile).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnNatGateway)) return NagRuleCompliance.NOT_APPLICABLE;
    return (resolveString(node, node.connectivityType) ?? 'public') === 'private'
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
