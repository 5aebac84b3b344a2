import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnLaunchConfiguration } from 'aws-cdk-lib/aws-autoscaling';
import { CfnEIP, CfnInstance, CfnLaunchTemplate, CfnSubnet } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, isTrue, resolve } from '../../utils/values';

/**
 * No public IP addresses: no Elastic IP, no subnet that maps public IPs on launch (a public
 * subnet), no instance, launch template or launch configuration that associates a public IP.
 * NET-1 (core-business profile).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node instanceof CfnEIP) return NagRuleCompliance.NON_COMPLIANT;
    if (node instanceof CfnSubnet) return verdict(flag(node, node.mapPublicIpOnLaunch));
    if (node instanceof CfnLaunchConfiguration)
      return verdict(flag(node, node.associatePublicIpAddress));
    if (node instanceof CfnInstance) {
      return verdict(interfacesAssociatePublicIp(node, resolve(node, node.networkInterfaces)));
    }
    if (node instanceof CfnLaunchTemplate) {
      const data: unknown = resolve(node, node.launchTemplateData);
      return verdict(isObject(data) && interfacesAssociatePublicIp(node, data.networkInterfaces));
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
  'name',
  { value: parse(__filename).name },
);

function flag(node: CfnResource, value: unknown): boolean {
  return value !== undefined && isTrue(node, value);
}

function interfacesAssociatePublicIp(node: CfnResource, interfaces: unknown): boolean {
  return asList(interfaces)
    .filter(isObject)
    .some((i) => flag(node, i.associatePublicIpAddress));
}

function verdict(hasPublicIp: boolean): NagRuleCompliance {
  return hasPublicIp ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
