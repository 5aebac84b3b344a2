import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey, CfnReplicaKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { actionMatches, isEveryone, type PolicyStatement, statementsOf } from '../../utils/policy';
import { isObject } from '../../utils/values';

/**
 * The key policy limits grants to AWS resources (付与制限): a statement denies
 * `kms:CreateGrant` to every principal when `kms:GrantIsForAWSResource` is false (under `Bool`
 * or `BoolIfExists`). Without it, a principal with IAM KMS rights can give Decrypt on the key to
 * another principal or account through a grant, without touching the key policy. KEY-2, KEY-4
 * (Control Tower control CT.KMS.PR.3).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey) && !(node instanceof CfnReplicaKey)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return statementsOf(node, node.keyPolicy).some(guardsGrants)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

function guardsGrants(statement: PolicyStatement): boolean {
  return (
    statement.effect === 'Deny' &&
    isEveryone(statement.principals) &&
    !statement.notAction &&
    statement.actions.some((a) => actionMatches(a, 'kms:CreateGrant')) &&
    ['Bool', 'BoolIfExists'].some((operator) => isFalse(statement.condition[operator]))
  );
}

function isFalse(block: unknown): boolean {
  if (!isObject(block)) return false;
  const entry = Object.entries(block).find(
    ([key]) => key.toLowerCase() === 'kms:grantisforawsresource',
  );
  return entry !== undefined && String(entry[1]).toLowerCase() === 'false';
}
