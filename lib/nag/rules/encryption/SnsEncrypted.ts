import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';

/**
 * SNS topics are encrypted with a customer-managed KMS key (`KmsMasterKeyId`, not `alias/aws/sns`). KEY-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTopic)) return NagRuleCompliance.NOT_APPLICABLE;
    return isCustomerManagedKey(node, node.kmsMasterKeyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
