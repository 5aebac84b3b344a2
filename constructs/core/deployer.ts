import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { GovCloudError, type GovCloudErrorProps } from './errors';

/**
 * Execution roles of CloudFormation StackSets (service-managed `stacksets-exec-*`,
 * self-managed `AWSCloudFormationStackSetExecutionRole`) and of AWS Control Tower
 * (`AWSControlTowerExecution`): the roles that run a template StackSets rolls out to a member
 * account (指定された配備主体, LOG-2).
 */
export const STACKSETS_DEPLOYER_ROLE_NAMES: readonly string[] = [
  'stacksets-exec-*',
  'AWSCloudFormationStackSetExecutionRole',
  'AWSControlTowerExecution',
];

/** `arn:<partition>:iam::<account or *>:role/<path and name, wildcards allowed>`. */
const DEPLOYER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|\*):role\/[\w+=,.@/*?-]+$/;

/**
 * The principals that deploy `scope`'s stack, as `aws:PrincipalArn` patterns: the CloudFormation
 * execution role of its bootstrap when the stack synthesizer names one (`cdk deploy` through
 * `cdk-<qualifier>-cfn-exec-role-<account>-<region>`), otherwise the StackSets and Control
 * Tower execution roles of {@link STACKSETS_DEPLOYER_ROLE_NAMES} (`-c stackset=true`, which
 * synthesizes without bootstrap). LOG-2, KEY-2, DET-3.
 */
export function defaultDeployerArns(scope: IConstruct): string[] {
  const stack = Stack.of(scope);
  const execRole = stack.synthesizer.cloudFormationExecutionRole;
  if (execRole) {
    // The synthesizer keeps CloudFormation placeholders for an environment-agnostic stack.
    return [
      execRole
        .split('${AWS::Partition}')
        .join(stack.partition)
        .split('${AWS::AccountId}')
        .join(stack.account)
        .split('${AWS::Region}')
        .join(stack.region),
    ];
  }
  return STACKSETS_DEPLOYER_ROLE_NAMES.map(
    (name) => `arn:${stack.partition}:iam::${stack.account}:role/${name}`,
  );
}

/**
 * Checks deployer patterns; throws naming the construct, the prop, the value and the fix. An
 * empty list would reserve management to nobody and make the resource unmanageable. `scope`,
 * when given, is the construct named in the error.
 */
export function validateDeployerArns(
  owner: string,
  prop: string,
  arns: readonly string[],
  requirement: GovCloudErrorProps['requirement'],
  scope?: IConstruct,
): void {
  if (arns.length === 0) {
    throw new GovCloudError({
      code: `${owner}DeployerArnsEmpty`,
      problem: `${owner} ${prop} "[]" names nobody`,
      requirement,
      fix:
        'management would be reserved to no principal and the resource could never be changed again; ' +
        'give the role ARN that deploys the baseline, or leave it out for the default.',
      scope,
    });
  }
  for (const arn of arns) {
    if (!Token.isUnresolved(arn) && !DEPLOYER_ARN.test(arn)) {
      throw new GovCloudError({
        code: `${owner}DeployerArnNotRole`,
        problem: `${owner} ${prop} "${arn}" is not an IAM role ARN pattern`,
        requirement,
        fix:
          'use arn:aws:iam::<account>:role/<name>, wildcards allowed (e.g. ' +
          'arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-ap-northeast-1).',
        scope,
      });
    }
  }
}

/**
 * A resource-policy statement that denies `actions` on `resources` to every principal whose
 * `aws:PrincipalArn` matches none of `deployerArns`. Matched by name, never by role id, so a
 * deleted deployer role regains management when it is created again under its name (no
 * lock-out). Callers of AWS services without a principal ARN are denied too; only give
 * actions no AWS service needs on the resource.
 */
export function deployerOnlyStatement(input: {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly deployerArns: readonly string[];
}): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: input.sid,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: [...input.actions],
    resources: [...input.resources],
    conditions: { ArnNotLike: { 'aws:PrincipalArn': [...input.deployerArns] } },
  });
}
