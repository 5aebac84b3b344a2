import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnFileSystem } from 'aws-cdk-lib/aws-efs';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import { isTrue } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * EFS file systems are encrypted (`Encrypted`) with a customer-managed KMS key (`KmsKeyId`). KEY-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnFileSystem)) return NagRuleCompliance.NOT_APPLICABLE;
    const encrypted = node.encrypted !== undefined && isTrue(node, node.encrypted);
    return encrypted && isCustomerManagedKey(index, node, node.kmsKeyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
