/**
 * Plain-JSON IAM policy shapes. The guardrail statements are built once as JSON so that the
 * same text becomes an in-account managed policy (through `iam.PolicyStatement.fromJson`) and
 * a Service Control Policy document (lib/scp), and cannot drift between the two.
 */

/** A valid IAM managed policy name: 1-128 of letters, digits and `+=,.@-_`. */
export const IAM_POLICY_NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;

/** One condition block, e.g. `{ StringEquals: { 'aws:ResourceTag/k': 'v' } }`. */
export type PolicyConditionJson = Record<string, Record<string, string | string[]>>;

/** One IAM policy statement in the JSON grammar. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: PolicyConditionJson;
}

/** A complete IAM policy document. */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatementJson[];
}

/** Adds `ArnNotLike aws:PrincipalArn` to a statement so that listed principals are exempt. */
export function exemptPrincipals(
  statement: PolicyStatementJson,
  principalArnPatterns: readonly string[] | undefined,
): PolicyStatementJson {
  if (!principalArnPatterns || principalArnPatterns.length === 0) {
    return statement;
  }
  return {
    ...statement,
    Condition: {
      ...(statement.Condition ?? {}),
      // Merged, not replaced: the statement may already hold an ArnNotLike of its own.
      ArnNotLike: {
        ...(statement.Condition?.ArnNotLike ?? {}),
        'aws:PrincipalArn': [...principalArnPatterns],
      },
    },
  };
}
