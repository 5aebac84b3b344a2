import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * CloudTrail trails encrypt log files with a customer-managed KMS key (`KMSKeyId`, SSE-KMS),
 * not only the bucket's default encryption. KEY-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    return isCustomerManagedKey(index, node, node.kmsKeyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
