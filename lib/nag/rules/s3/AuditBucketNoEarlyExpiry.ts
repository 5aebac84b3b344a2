import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { auditLogUses } from '../../utils/buckets';
import { asList, isObject, resolve, resolveNumber, resolveString } from '../../utils/values';
import type { NagRule } from '../../utils/rule';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Audit-log buckets have no enabled lifecycle rule that expires objects (current or noncurrent
 * versions) before `minimumDays`, nor on a fixed date. RET-1 ("no expiration rule earlier than
 * that"). Transitions to colder storage classes (RET-3) are fine.
 * @param minimumDays the minimum retention in days
 */
export default function AuditBucketNoEarlyExpiry(minimumDays: number): NagRule {
  return Object.defineProperty(
    (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
      if (!(node instanceof CfnBucket) || auditLogUses(index, node).length === 0) {
        return NagRuleCompliance.NOT_APPLICABLE;
      }
      const lifecycle: unknown = resolve(node, node.lifecycleConfiguration);
      const rules = isObject(lifecycle) ? asList(lifecycle.rules).filter(isObject) : [];
      for (const rule of rules) {
        if (resolveString(node, rule.status) !== 'Enabled') continue;
        if (rule.expirationDate !== undefined) return NagRuleCompliance.NON_COMPLIANT;
        const noncurrent = isObject(rule.noncurrentVersionExpiration)
          ? rule.noncurrentVersionExpiration.noncurrentDays
          : rule.noncurrentVersionExpirationInDays;
        for (const value of [rule.expirationInDays, noncurrent]) {
          const days = resolveNumber(node, value);
          if (days !== undefined && days < minimumDays) return NagRuleCompliance.NON_COMPLIANT;
        }
      }
      return NagRuleCompliance.COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
