import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AccessRoles, type AccessRolesProps } from '../../../constructs/access';
import { BaselineProtection, RegionGuard } from '../../../constructs/guardrails';
import { appLikeCli } from '../../support/app';

// Issue 11 problem 1: with `@aws-cdk/aws-iam:minimizePolicies` (cdk.json and `cdk init` set it),
// a role trusting two principals crashed synth inside aws-cdk-lib
// ("All principals in a PolicyStatement must have the same Conditions").

type RoleProps = Omit<AccessRolesProps, 'baselineProtection' | 'regionGuard'>;
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

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
