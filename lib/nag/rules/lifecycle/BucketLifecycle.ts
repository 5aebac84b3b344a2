import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, resolve } from '../../utils/values';

/**
 * S3 buckets have at least one enabled lifecycle rule (ライフサイクル規則): with versioning on
 * (LOG-3) every overwrite keeps a billed copy for ever unless a rule moves or removes it.
 * RET-3 (Control Tower CT.S3.PR.3, CT.S3.PR.6).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const config = resolve(node, node.lifecycleConfiguration);
    const rules = isObject(config) ? asList(config.rules).filter(isObject) : [];
    return rules.some((r) => r.status === 'Enabled')
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
