import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRepository } from 'aws-cdk-lib/aws-ecr';
import { NagRuleCompliance } from 'cdk-nag';
import { isObject, resolve } from '../../utils/values';

/**
 * ECR repositories have a lifecycle policy (`LifecyclePolicy.LifecyclePolicyText`), so that
 * untagged and superseded images do not pile up (each is billed and scanned). RET-3 (Control
 * Tower CT.ECR.PR.1).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRepository)) return NagRuleCompliance.NOT_APPLICABLE;
    const policy = resolve(node, node.lifecyclePolicy);
    const text = isObject(policy) ? policy.lifecyclePolicyText : undefined;
    return typeof text === 'string' && text.trim() !== ''
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
