import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { auditLogUses, deniesObjectDeletion, isConfigOnlyAuditBucket } from '../../utils/buckets';
import { isTrue } from '../../utils/values';
import type { NagRule } from '../../utils/rule';
import { defaultRetentionOf } from './object-lock';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Audit-log buckets (a CloudTrail trail, an AWS Config delivery channel or a VPC flow log
 * delivers to them, or Object Lock is on) have Object Lock enabled with a default retention of
 * at least `minimumDays`, so logs are tamper-evident (検証可能な形で提供) and kept ≥ 1 year.
 * LOG-3, RET-1.
 *
 * A bucket that only AWS Config delivers to cannot have Object Lock default retention (AWS
 * Config refuses such a delivery channel); it is compliant when a bucket policy denies object
 * deletion to everyone instead.
 * @param minimumDays the minimum default retention in days
 */
export default function AuditBucketObjectLock(minimumDays: number): NagRule {
  return Object.defineProperty(
    (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
      if (!(node instanceof CfnBucket) || auditLogUses(index, node).length === 0) {
        return NagRuleCompliance.NOT_APPLICABLE;
      }
      if (isConfigOnlyAuditBucket(index, node)) {
        return deniesObjectDeletion(index, node)
          ? NagRuleCompliance.COMPLIANT
          : NagRuleCompliance.NON_COMPLIANT;
      }
      if (node.objectLockEnabled === undefined || !isTrue(node, node.objectLockEnabled)) {
        return NagRuleCompliance.NON_COMPLIANT;
      }
      const days = defaultRetentionOf(node)?.days;
      return days !== undefined && days >= minimumDays
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
