import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey, CfnReplicaKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { isRetainedOnDelete } from './deletion-policy';

/**
 * KMS keys survive stack deletion (`DeletionPolicy: Retain`): deleting a key makes every log,
 * backup and record encrypted with it unreadable (暗号鍵の保護). KEY-2.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey) && !(node instanceof CfnReplicaKey)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return isRetainedOnDelete(node, false)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
