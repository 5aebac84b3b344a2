import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { auditLogUses } from '../../utils/buckets';
import { defaultRetentionOf } from './object-lock';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Audit-log buckets use Object Lock mode COMPLIANCE. GOVERNANCE lets privileged users shorten
 * or remove the retention, so it is reported as a warning: allowed only by an explicit,
 * reasoned opt-in. RET-2.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || auditLogUses(index, node).length === 0) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const mode = defaultRetentionOf(node)?.mode;
    if (mode === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return mode === 'COMPLIANCE' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
