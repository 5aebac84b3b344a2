import type { PolicyStatementJson } from '../policy-json';

/** A valid IAM managed policy name: 1-128 of letters, digits and `+=,.@-_`. */
export const IAM_POLICY_NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;

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
