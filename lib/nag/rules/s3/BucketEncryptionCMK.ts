import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { sseS3OnlyLogDelivery } from '../../utils/buckets';
import { isCustomerManagedKey } from '../../utils/keys';
import { asList, isObject, resolve, resolveString } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * S3 buckets are encrypted by default with a customer-managed KMS key: every default encryption
 * rule uses `aws:kms` (or `aws:kms:dsse`) with a `KMSMasterKeyID`. KEY-1.
 *
 * Buckets that receive S3 server access logs or Elastic Load Balancing logs can only use SSE-S3
 * on their target, so they are not applicable here (LogDeliveryBucketSseS3 records them).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    if (sseS3OnlyLogDelivery(index, node) !== undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const encryption: unknown = resolve(node, node.bucketEncryption);
    const rules = isObject(encryption)
      ? asList(encryption.serverSideEncryptionConfiguration).filter(isObject)
      : [];
    if (rules.length === 0) return NagRuleCompliance.NON_COMPLIANT;
    for (const rule of rules) {
      const byDefault = rule.serverSideEncryptionByDefault;
      if (!isObject(byDefault)) return NagRuleCompliance.NON_COMPLIANT;
      const algorithm = resolveString(node, byDefault.sseAlgorithm)?.toLowerCase();
      if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
        return NagRuleCompliance.NON_COMPLIANT;
      }
      if (!isCustomerManagedKey(index, node, byDefault.kmsMasterKeyId)) {
        return NagRuleCompliance.NON_COMPLIANT;
      }
    }
    return NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
