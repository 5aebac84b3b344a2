import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnInstance, CfnLaunchTemplate, CfnVolume } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import { asList, isObject, isTrue, resolve } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * EBS volumes are encrypted with a customer-managed KMS key: `AWS::EC2::Volume`, and the EBS
 * block-device mappings of `AWS::EC2::Instance` and `AWS::EC2::LaunchTemplate`. KEY-1.
 *
 * An instance without block-device mappings boots from its AMI's root volume, whose encryption
 * the template does not show (it depends on the AMI and on the account's EBS
 * encryption-by-default setting): it is non-compliant, so that the root volume is declared with
 * `encrypted: true` and a key, or the account setting is stated in an acknowledgement's reason.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (node instanceof CfnVolume) {
      return encryptedWithCmk(index, node, node.encrypted, node.kmsKeyId)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    let mappings: Record<string, unknown>[];
    if (node instanceof CfnInstance) {
      mappings = asList(resolve(node, node.blockDeviceMappings)).filter(isObject);
      if (mappings.length === 0) return NagRuleCompliance.NON_COMPLIANT;
    } else if (node instanceof CfnLaunchTemplate) {
      const data: unknown = resolve(node, node.launchTemplateData);
      mappings = isObject(data) ? asList(data.blockDeviceMappings).filter(isObject) : [];
      if (mappings.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    } else {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const ebs = mappings.map((m) => m.ebs).filter(isObject);
    return ebs.every((e) => encryptedWithCmk(index, node, e.encrypted, e.kmsKeyId))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

function encryptedWithCmk(
  index: ResourceIndex,
  node: CfnResource,
  encrypted: unknown,
  kmsKeyId: unknown,
): boolean {
  return (
    encrypted !== undefined &&
    isTrue(node, encrypted) &&
    isCustomerManagedKey(index, node, kmsKeyId)
  );
}
