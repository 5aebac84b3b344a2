import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnEgressOnlyInternetGateway, CfnInternetGateway } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';

/**
 * No Internet gateway and no egress-only Internet gateway: a core business system
 * (基幹業務システム) is not connected to the Internet; AWS services are reached through VPC
 * endpoints and external services through the municipal network. NET-1 (core-business profile).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance =>
    node instanceof CfnInternetGateway || node instanceof CfnEgressOnlyInternetGateway
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.NOT_APPLICABLE,
  'name',
  { value: parse(__filename).name },
);
