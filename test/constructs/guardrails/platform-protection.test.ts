import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PlatformProtection } from '../../../constructs/guardrails/platform-protection';

const stackOf = () =>
  new Stack(new App(), 'S', { env: { account: '111111111111', region: 'ap-northeast-1' } });

test('every statement is a deny that exempts the platform roles by ARN in this account', () => {
  const stack = stackOf();
  const protection = new PlatformProtection(stack, 'Platform');
  const role = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
  protection.attachTo(role);
  const statements = Object.values(
    Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'),
  ).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: object[] } } }).Properties.PolicyDocument
        .Statement,
  );
  expect(statements.length).toBeGreaterThan(5);
  for (const s of statements) {
    expect(s).toMatchObject({
      Effect: 'Deny',
      Condition: {
        ArnNotLike: {
          'aws:PrincipalArn': expect.arrayContaining([
            expect.objectContaining({
              'Fn::Join': [
                '',
                expect.arrayContaining([':iam::111111111111:role/AWSControlTowerExecution']),
              ],
            }),
          ]),
        },
      },
    });
  }
  Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
    ManagedPolicyArns: Match.arrayWith([{ Ref: Match.stringLikeRegexp('PlatformPolicy') }]),
  });
});

test('a role name pattern with characters IAM does not allow is rejected with PLAT-1', () => {
  expect(
    () => new PlatformProtection(stackOf(), 'P', { platformRoleNamePatterns: ['bad name'] }),
  ).toThrow(/platformRoleNamePatterns "bad name" .*\[PLAT-1\]/);
  expect(
    () => new PlatformProtection(stackOf(), 'P', { platformRoleNamePatterns: ['MyPlatform-*'] }),
  ).not.toThrow();
});
