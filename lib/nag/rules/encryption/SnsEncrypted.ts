import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * SNS topics are encrypted with a customer-managed KMS key (`KmsMasterKeyId`, not `alias/aws/sns`). KEY-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnTopic)) return NagRuleCompliance.NOT_APPLICABLE;
    return isCustomerManagedKey(index, node, node.kmsMasterKeyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
