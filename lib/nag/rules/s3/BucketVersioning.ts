import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { isObject, resolve, resolveString } from '../../utils/values';

/**
 * S3 buckets have versioning enabled, so an overwritten or deleted object can be recovered and
 * log archives stay verifiable. LOG-3 (and BAK-1 for data buckets).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const versioning: unknown = resolve(node, node.versioningConfiguration);
    const status = isObject(versioning) ? resolveString(node, versioning.status) : undefined;
    return status === 'Enabled' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
