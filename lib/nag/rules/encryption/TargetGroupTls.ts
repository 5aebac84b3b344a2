import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTargetGroup } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { NagRuleCompliance } from 'cdk-nag';
import { resolveString } from '../../utils/values';

/**
 * Application Load Balancer target groups carry HTTPS to the targets, so TLS does not end at
 * the load balancer and the hop ALB → task inside the closed network is encrypted too (伝送路の
 * 暗号化, KEY-3). An HTTP target group is non-compliant. Lambda target groups (no protocol)
 * and Network / Gateway Load Balancer protocols (TCP, TLS, UDP, GENEVE: the stream passes
 * through, TLS is the target's) are not applicable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTargetGroup)) return NagRuleCompliance.NOT_APPLICABLE;
    if (resolveString(node, node.targetType) === 'lambda') return NagRuleCompliance.NOT_APPLICABLE;
    const protocol = resolveString(node, node.protocol);
    if (protocol === 'HTTPS') return NagRuleCompliance.COMPLIANT;
    return protocol === 'HTTP' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
  },
  'name',
  { value: parse(__filename).name },
);
