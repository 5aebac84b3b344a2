import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnVPCEndpoint } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { statementsOf } from '../../utils/policy';
import { resolveString } from '../../utils/values';

/**
 * Interface and gateway VPC endpoints have a policy (エンドポイントポリシー). Without one the
 * endpoint admits every principal to every resource of the service, in any account: through
 * the S3 gateway endpoint code in the VPC can write to anyone's bucket. Gateway Load Balancer
 * and resource / service-network endpoints take no policy and are not applicable. NET-4.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnVPCEndpoint)) return NagRuleCompliance.NOT_APPLICABLE;
    const type = resolveString(node, node.vpcEndpointType) ?? 'Gateway';
    if (type !== 'Gateway' && type !== 'Interface') return NagRuleCompliance.NOT_APPLICABLE;
    // CDK renders the document lazily: an endpoint without statements resolves to none.
    return statementsOf(node, node.policyDocument).length === 0
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
