import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { flattenCfnValue } from '../../domain/cfn-value';

/**
 * The id under which cdk-nag reports a finding about one policy resource (e.g.
 * `AwsSolutions-IAM5[Resource::<LogGroupABC.Arn>:*]`), so that a construct can acknowledge
 * exactly that finding — not every wildcard of the rule — with its reason. Mirrors how
 * cdk-nag flattens intrinsics: `{Ref: X}` → `<X>`, `{Fn::GetAtt: [X, Arn]}` → `<X.Arn>`,
 * `Fn::Join` concatenated.
 */
export function nagResourceFinding(scope: IConstruct, rule: string, resource: string): string {
  return `${rule}[Resource::${flattenCfnValue(Stack.of(scope).resolve(resource), 'finding')}]`;
}
