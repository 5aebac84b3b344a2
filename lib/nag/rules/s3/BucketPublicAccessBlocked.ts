import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { isObject, isTrue, resolve } from '../../utils/values';

/**
 * S3 buckets turn on all four Block Public Access settings (BlockPublicAcls, BlockPublicPolicy,
 * IgnorePublicAcls, RestrictPublicBuckets), so no policy or ACL can expose a municipality's data
 * to others. TEN-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const config: unknown = resolve(node, node.publicAccessBlockConfiguration);
    if (!isObject(config)) return NagRuleCompliance.NON_COMPLIANT;
    const settings = [
      'blockPublicAcls',
      'blockPublicPolicy',
      'ignorePublicAcls',
      'restrictPublicBuckets',
    ];
    return settings.every((s) => config[s] !== undefined && isTrue(node, config[s]))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
