import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { isTrue, resolveString } from '../../utils/values';

/**
 * Customer-managed symmetric KMS keys have automatic rotation on (鍵の自動ローテーション). KEY-1.
 * Asymmetric and HMAC keys, and keys with imported (EXTERNAL) or custom-key-store material,
 * cannot rotate automatically and are not applicable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const spec = resolveString(node, node.keySpec) ?? 'SYMMETRIC_DEFAULT';
    const origin = resolveString(node, node.origin) ?? 'AWS_KMS';
    if (spec !== 'SYMMETRIC_DEFAULT' || origin !== 'AWS_KMS')
      return NagRuleCompliance.NOT_APPLICABLE;
    return node.enableKeyRotation !== undefined && isTrue(node, node.enableKeyRotation)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
