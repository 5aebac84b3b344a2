import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import {
  admitsTcpPort,
  ingressRulesOf,
  isFromAnywhere,
  type IngressRule,
} from '../../utils/security-groups';

/** SSH and RDP. */
const ADMIN_PORTS = [22, 3389];

/**
 * Security groups open no SSH (22) or RDP (3389) ingress, from any source: maintenance goes
 * through SSM Session Manager over interface endpoints, not an Internet-reachable or direct
 * remote-login path. A TCP rule whose port range covers 22 or 3389 is non-compliant whatever its
 * source; an all-traffic rule is non-compliant only from anywhere (an all-traffic rule between
 * the tenant's own security groups is not a maintenance path). NET-6.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnSecurityGroup) && !(node instanceof CfnSecurityGroupIngress)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return ingressRulesOf(node).some(opensAdminPort)
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

function opensAdminPort(rule: IngressRule): boolean {
  const allTraffic = rule.ipProtocol === '-1' || rule.ipProtocol === 'all';
  if (allTraffic) return isFromAnywhere(rule);
  return ADMIN_PORTS.some((port) => admitsTcpPort(rule, port));
}
