import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { sseS3OnlyLogDelivery } from '../../utils/buckets';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Records (at INFO level) a bucket that receives S3 server access logs or Elastic Load Balancing
 * logs: those services only deliver to buckets encrypted with SSE-S3, so KEY-1's
 * customer-managed key cannot apply and the exception is stated in the compliance report.
 * "Non-compliant" here means "recognised as such a bucket".
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    return sseS3OnlyLogDelivery(index, node) === undefined
      ? NagRuleCompliance.NOT_APPLICABLE
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
