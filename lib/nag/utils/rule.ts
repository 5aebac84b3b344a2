import { types } from 'util';
import type { CfnResource } from 'aws-cdk-lib';
import type { NagRuleCompliance } from 'cdk-nag';
import type { ResourceIndex } from './pass-index';

/**
 * A rule: a pure check of one CloudFormation resource, as in cdk-nag, given the lookups of the
 * validation pass it runs in (`index`, built once per pass by whoever runs it). It returns
 * COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE. A rule that throws (e.g. on a value it cannot
 * resolve) has not judged the resource: GovCloudChecks reports it as `GCJ-EVD1-RuleCrashed`,
 * never as a non-compliant resource.
 */
export type NagRule = (node: CfnResource, index: ResourceIndex) => NagRuleCompliance;

/**
 * The message of what a rule threw. `isNativeError`, not `instanceof Error`: the error may come
 * from aws-cdk-lib or cdk-nag loaded in another realm than this file (a test runner's sandbox),
 * whose Error is another class, and must still report its message, not `String(error)`.
 */
export function crashMessage(error: unknown): string {
  return types.isNativeError(error) ? error.message : String(error);
}
