import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';

/**
 * A rule: a pure check of one CloudFormation resource, as in cdk-nag. It returns COMPLIANT,
 * NON_COMPLIANT or NOT_APPLICABLE, and may throw when a value it needs is an unresolvable
 * intrinsic (cdk-nag then reports the rule as failing for that resource).
 */
export type NagRule = (node: CfnResource) => NagRuleCompliance;
