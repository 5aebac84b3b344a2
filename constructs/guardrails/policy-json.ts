/**
 * Plain-JSON IAM policy shapes. The guardrail statements are built once as JSON so that the
 * same text becomes an in-account managed policy (through `iam.PolicyStatement.fromJson`) and
 * a Service Control Policy document (lib/scp), and cannot drift between the two.
 */

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
