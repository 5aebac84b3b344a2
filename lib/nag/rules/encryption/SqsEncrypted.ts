import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * SQS queues are encrypted with a customer-managed KMS key (`KmsMasterKeyId`, not `alias/aws/sqs` and not SSE-SQS). KEY-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnQueue)) return NagRuleCompliance.NOT_APPLICABLE;
    return isCustomerManagedKey(index, node, node.kmsMasterKeyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
