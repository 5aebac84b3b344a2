import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { auditLogUses, sseS3OnlyLogDelivery } from '../../utils/buckets';
import { isRetainedOnDelete } from './deletion-policy';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Log stores survive stack deletion (`DeletionPolicy: Retain`): CloudWatch Logs log groups,
 * audit-log buckets and log-delivery buckets. Deleting the stack must not delete the trail that
 * has to be kept ≥ 1 year. RET-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    const isLogStore =
      node instanceof CfnLogGroup ||
      (node instanceof CfnBucket &&
        (auditLogUses(index, node).length > 0 || sseS3OnlyLogDelivery(index, node) !== undefined));
    if (!isLogStore) return NagRuleCompliance.NOT_APPLICABLE;
    return isRetainedOnDelete(node, false)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
