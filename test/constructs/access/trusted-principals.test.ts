import { Duration, Stack } from 'aws-cdk-lib';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Template } from 'aws-cdk-lib/assertions';
import { AccessRoles, type AccessRolesProps } from '../../../constructs/access';
import { BaselineProtection, RegionGuard } from '../../../constructs/guardrails';
import { appLikeCli } from '../../support/app';

// Issue 11 problem 1: with `@aws-cdk/aws-iam:minimizePolicies` (cdk.json and `cdk init` set it),
// a role trusting two principals crashed synth inside aws-cdk-lib
// ("All principals in a PolicyStatement must have the same Conditions").

type RoleProps = Omit<AccessRolesProps, 'baselineProtection' | 'regionGuard'>;
const MFA = {
  Bool: { 'aws:MultiFactorAuthPresent': 'true' },
  NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
};

function trustOf(props: RoleProps, roleField: 'representativeRole' | 'operatorRole') {
  const app = appLikeCli({ '@aws-cdk/aws-iam:minimizePolicies': true });
  const stack = new Stack(app, 'Test', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  const roles = new AccessRoles(stack, 'Access', {
    baselineProtection: new BaselineProtection(stack, 'Protection'),
    regionGuard: new RegionGuard(stack, 'RegionGuard'),
    ...props,
  });
  const role = roles[roleField];
  if (!role) throw new Error(`no ${roleField}`);
  const id = stack.getLogicalId(role.node.defaultChild as never);
  return Template.fromStack(stack).toJSON().Resources[id].Properties.AssumeRolePolicyDocument
    .Statement as Array<Record<string, unknown>>;
}

test('representative trusting two accounts: one MFA statement naming both', () => {
  const statements = trustOf(
    { representative: { trustedPrincipals: { accountIds: ['210987654321', '210987654322'] } } },
    'representativeRole',
  );
  expect(statements).toEqual([
    {
      Action: 'sts:AssumeRole',
      Condition: MFA,
      Effect: 'Allow',
      Principal: {
        AWS: ['arn:aws:iam::210987654321:root', 'arn:aws:iam::210987654322:root'],
      },
    },
  ]);
});

test('operator trusting an account, a role ARN, SAML and Identity Center: one statement per condition, MFA on the IAM principals', () => {
  const statements = trustOf(
    {
      operator: {
        trustedPrincipals: {
          accountIds: ['210987654321'],
          principalArns: ['arn:aws:iam::210987654321:role/Ops'],
          samlProviderArn: 'arn:aws:iam::111111111111:saml-provider/idp',
          identityCenterPermissionSets: ['GovCloudOperator'],
        },
      },
    },
    'operatorRole',
  );
  // Every statement carries its conditions itself; no statement mixes conditioned principals.
  const iamPrincipals = statements.find((s) => JSON.stringify(s.Condition) === JSON.stringify(MFA));
  expect(iamPrincipals?.Principal).toEqual({
    AWS: expect.arrayContaining([
      'arn:aws:iam::210987654321:root',
      'arn:aws:iam::210987654321:role/Ops',
    ]),
  });
  expect(statements.find((s) => s.Action === 'sts:AssumeRoleWithSAML')?.Condition).toEqual({
    StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
  });
  expect(
    statements.find((s) => JSON.stringify(s.Condition ?? {}).includes('AWSReservedSSO')),
  ).toBeDefined();
  expect(statements).toHaveLength(3);
});

describe('MFA age cap and exact permission-set names, evaluated on the synthesized trust (IAM-1, IAM-2, IAM-5)', () => {
  const ACCOUNT = '111111111111';
  const SSO = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com`;

  function trustPolicy(props: RoleProps, roleField: 'representativeRole' | 'operatorRole') {
    const statements = trustOf(props, roleField).map((s) => ({
      ...s,
      // The test stack's only tokens are the partition; resolve them as AWS would.
      Condition: JSON.parse(
        JSON.stringify(s.Condition ?? {}).replace(
          /\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},"([^"]*)"\]\]\}/g,
          '"arn:aws$1"',
        ),
      ),
    }));
    return { Version: '2012-10-17', Statement: statements };
  }

  async function assume(
    policy: { Statement: Record<string, unknown>[] },
    principalArn: string,
    context: Record<string, string> = {},
  ): Promise<string> {
    const account = principalArn.split(':')[4];
    const name = principalArn.split('/').pop();
    const result = await runSimulation(
      {
        request: {
          principal: `arn:aws:sts::${account}:assumed-role/${name}/session`,
          action: 'sts:AssumeRole',
          resource: { resource: `arn:aws:iam::${ACCOUNT}:role/target`, accountId: ACCOUNT },
          contextVariables: {
            'aws:PrincipalArn': principalArn,
            'aws:PrincipalAccount': account,
            ...context,
          },
        },
        identityPolicies: [
          {
            name: 'allow',
            policy: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
            },
          },
        ],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policy,
      },
      { simulationMode: 'Strict' },
    );
    if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
  }

  test('break-glass: MFA younger than the cap opens it; an older or missing MFA sign-in does not', async () => {
    const policy = trustPolicy(
      { representative: { trustedPrincipals: { accountIds: ['210987654321'] } } },
      'representativeRole',
    );
    const user = 'arn:aws:iam::210987654321:user/alice';
    const mfa = (age?: number) => ({
      'aws:MultiFactorAuthPresent': 'true',
      ...(age === undefined ? {} : { 'aws:MultiFactorAuthAge': String(age) }),
    });
    expect(await assume(policy, user, mfa(120))).toBe('Allowed');
    expect(await assume(policy, user, mfa(3599))).toBe('Allowed');
    expect(await assume(policy, user, mfa(3600))).not.toBe('Allowed');
    expect(await assume(policy, user, mfa(30_000))).not.toBe('Allowed');
    expect(await assume(policy, user, mfa())).not.toBe('Allowed');
  });

  test('the cap follows maxMfaAge, and an out-of-range value is refused naming the prop', async () => {
    const policy = trustPolicy(
      {
        maxMfaAge: Duration.minutes(15),
        representative: { trustedPrincipals: { accountIds: ['210987654321'] } },
      },
      'representativeRole',
    );
    const user = 'arn:aws:iam::210987654321:user/alice';
    const mfa = (age: number) => ({
      'aws:MultiFactorAuthPresent': 'true',
      'aws:MultiFactorAuthAge': String(age),
    });
    expect(await assume(policy, user, mfa(899))).toBe('Allowed');
    expect(await assume(policy, user, mfa(1200))).not.toBe('Allowed');
    expect(() =>
      trustOf(
        {
          maxMfaAge: Duration.days(2),
          representative: { trustedPrincipals: { accountIds: ['210987654321'] } },
        },
        'representativeRole',
      ),
    ).toThrow(
      /AccessRoles maxMfaAge "172800 seconds" is out of range \[IAM-1\]: an MFA-gated role \(IAM-1, IAM-5\).*300 to 43200/,
    );
  });

  test('permission set "Admin" admits its own role (with and without Region path) but not Admin_Extra, AdminX or a self-made look-alike', async () => {
    const policy = trustPolicy(
      { operator: { trustedPrincipals: { identityCenterPermissionSets: ['Admin'] } } },
      'operatorRole',
    );
    const suffix = '0123456789abcdef';
    expect(await assume(policy, `${SSO}/ap-northeast-1/AWSReservedSSO_Admin_${suffix}`)).toBe(
      'Allowed',
    );
    expect(await assume(policy, `${SSO}/AWSReservedSSO_Admin_${suffix}`)).toBe('Allowed');
    for (const mustNotMatch of [
      `${SSO}/ap-northeast-1/AWSReservedSSO_Admin_Extra_${suffix}`,
      `${SSO}/AWSReservedSSO_Admin_Extra_${suffix}`,
      `${SSO}/ap-northeast-1/AWSReservedSSO_AdminX_${suffix}`,
      `${SSO}/ap-northeast-1/AWSReservedSSO_Admin_${suffix}0`,
      `arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_Admin_${suffix}`,
    ]) {
      expect({ mustNotMatch, decision: await assume(policy, mustNotMatch) }).toEqual({
        mustNotMatch,
        decision: 'ImplicitlyDenied',
      });
    }
  });
});
