import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRestApi } from 'aws-cdk-lib/aws-apigateway';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnLoadBalancer as CfnClassicLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancing';
import { CfnLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CfnUrl } from 'aws-cdk-lib/aws-lambda';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, isTrue, resolve, resolveString } from '../../utils/values';

/**
 * No endpoint reachable from the Internet: no internet-facing load balancer (CloudFormation's
 * default scheme), no publicly accessible RDS database, no Lambda function URL, no API Gateway
 * REST API other than PRIVATE, no HTTP/WebSocket API (always public), no CloudFront
 * distribution. NET-1 (core-business profile).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node instanceof CfnLoadBalancer) {
      if (resolveString(node, node.type) === 'gateway') return NagRuleCompliance.NOT_APPLICABLE;
      return verdict((resolveString(node, node.scheme) ?? 'internet-facing') === 'internet-facing');
    }
    if (node instanceof CfnClassicLoadBalancer) {
      return verdict((resolveString(node, node.scheme) ?? 'internet-facing') !== 'internal');
    }
    if (node instanceof CfnDBInstance || node instanceof CfnDBCluster) {
      return verdict(
        node.publiclyAccessible !== undefined && isTrue(node, node.publiclyAccessible),
      );
    }
    if (node instanceof CfnRestApi) {
      const config: unknown = resolve(node, node.endpointConfiguration);
      const types = isObject(config) ? asList(config.types) : [];
      return verdict(!(types.length > 0 && types.every((t) => t === 'PRIVATE')));
    }
    if (node instanceof CfnUrl || node instanceof CfnApi || node instanceof CfnDistribution) {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
  'name',
  { value: parse(__filename).name },
);

function verdict(internetFacing: boolean): NagRuleCompliance {
  return internetFacing ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
