import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnListener } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, resolve, resolveString } from '../../utils/values';

/**
 * Predefined ELB security policies that allow only TLS 1.2 and later.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/;

/**
 * Load balancer listeners encrypt traffic with TLS 1.2 or later: an HTTPS or TLS listener names
 * a TLS ≥ 1.2 security policy (`SslPolicy`; the service default is not relied on), and an HTTP
 * listener only redirects to HTTPS. KEY-3. TCP, UDP and GENEVE listeners pass traffic through
 * (TLS is then the target's job) and are not applicable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnListener)) return NagRuleCompliance.NOT_APPLICABLE;
    const protocol = resolveString(node, node.protocol);
    if (protocol === 'HTTPS' || protocol === 'TLS') {
      const policy = resolveString(node, node.sslPolicy);
      return policy !== undefined && TLS12_POLICY.test(policy)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    if (protocol === 'HTTP') {
      const actions = asList(resolve(node, node.defaultActions)).filter(isObject);
      const redirectsToHttps =
        actions.length > 0 &&
        actions.every(
          (a) =>
            a.type === 'redirect' &&
            isObject(a.redirectConfig) &&
            String(a.redirectConfig.protocol).toUpperCase() === 'HTTPS',
        );
      return redirectsToHttps ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
  'name',
  { value: parse(__filename).name },
);
