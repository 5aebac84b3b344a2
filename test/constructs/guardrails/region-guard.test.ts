import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { RegionGuard, type RegionGuardProps } from '../../../constructs/guardrails';
import { GLOBAL_SERVICE_ACTIONS } from '../../../constructs/guardrails/private/global-services';

function synth(props?: RegionGuardProps) {
  const stack = new Stack(new App(), 'Test');
  const guard = new RegionGuard(stack, 'Guard', props);
  return { stack, guard };
}

function statement(stack: Stack): Record<string, unknown> {
  const policies = Object.values(
    Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'),
  );
  expect(policies).toHaveLength(1);
  const list = policies[0].Properties.PolicyDocument.Statement as Record<string, unknown>[];
  expect(list.map((s) => s.Sid)).toEqual([
    'DenyOutsideJapanRegions',
    'DenyReplicationAbroad',
    'DenyKeyReplicasAbroad',
    'DenySecretsAbroad',
    'DenyEventTargetsAbroad',
    'DenyBackupCopiesAbroad',
    'DenyDestinationsAbroad',
    'DenyDkimReplicasAbroad',
    'DenyWitnessAbroad',
    'DenyJobLogsAbroad',
    'DenyCentralizationAbroad',
  ]);
  return list[0];
}

function residency(stack: Stack): Record<string, Record<string, unknown>> {
  const [policy] = Object.values(
    Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'),
  );
  const list = policy.Properties.PolicyDocument.Statement as Record<string, unknown>[];
  return Object.fromEntries(list.map((s) => [s.Sid as string, s]));
}

describe('RegionGuard', () => {
  test('denies everything but the global services outside Tokyo and Osaka', () => {
    const { stack } = synth();
    const s = statement(stack);
    expect(s).toMatchObject({
      Sid: 'DenyOutsideJapanRegions',
      Effect: 'Deny',
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['ap-northeast-1', 'ap-northeast-3'] },
      },
    });
    expect(s.Action).toBeUndefined();
    expect(s.NotAction).toEqual([...GLOBAL_SERVICE_ACTIONS]);
  });

  test('the exempt list keeps the global services and no Regional data service', () => {
    expect(GLOBAL_SERVICE_ACTIONS).toEqual(
      expect.arrayContaining([
        'iam:*',
        'sts:*',
        'organizations:*',
        'cloudfront:*',
        'route53:*',
        'wafv2:*',
        'support:*',
        'budgets:*',
        'ce:*',
        'health:*',
        'trustedadvisor:*',
        'cloudtrail:LookupEvents',
      ]),
    );
    for (const regional of [
      // Access Analyzer is Regional: an analyzer is created per Region (IAM User Guide).
      'access-analyzer:*',
      'kms:*',
      'config:*',
      'logs:*',
      's3:*',
      'ec2:*',
      'cloudtrail:*',
      'rds:*',
    ]) {
      expect(GLOBAL_SERVICE_ACTIONS).not.toContain(regional);
    }
    expect(new Set(GLOBAL_SERVICE_ACTIONS).size).toBe(GLOBAL_SERVICE_ACTIONS.length);
  });

  test('denies replication, copies and targets abroad, conditioned on the destination Region (REG-3)', () => {
    const bySid = residency(synth({ allowedRegions: ['ap-northeast-1'] }).stack);
    expect(bySid.DenyReplicationAbroad).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
      Action: expect.arrayContaining([
        's3:PutReplicationConfiguration',
        'ecr:PutReplicationConfiguration',
        'logs:PutDestination',
      ]),
    });
    expect(bySid.DenyKeyReplicasAbroad.Condition).toEqual({
      StringNotEquals: { 'kms:ReplicaRegion': ['ap-northeast-1'] },
    });
    expect(bySid.DenySecretsAbroad.Condition).toEqual({
      'ForAnyValue:StringNotEquals': { 'secretsmanager:AddReplicaRegions': ['ap-northeast-1'] },
    });
    expect(bySid.DenyEventTargetsAbroad.Condition).toEqual({
      'ForAnyValue:ArnNotLike': { 'events:TargetArn': ['arn:*:*:ap-northeast-1:*:*'] },
    });
    expect(bySid.DenyBackupCopiesAbroad.Condition).toEqual({
      'ForAnyValue:ArnNotLike': { 'backup:CopyTargets': ['arn:*:*:ap-northeast-1:*:*'] },
    });
    expect(bySid.DenyDestinationsAbroad).toMatchObject({
      Action: ['logs:PutSubscriptionFilter', 'backup:CopyIntoBackupVault'],
      NotResource: ['arn:*:logs:ap-northeast-1:*:*', 'arn:*:backup:ap-northeast-1:*:*'],
    });
  });

  test('lives under the baseline path so BaselineProtection guards it', () => {
    const { stack } = synth();
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Path: '/govcloud-jp-baseline/',
      Description: Match.stringLikeRegexp('REG-2'),
    });
  });

  test('can narrow to Tokyo only and add global actions', () => {
    const { stack, guard } = synth({
      allowedRegions: ['ap-northeast-1'],
      additionalGlobalActions: ['pricingplanmanager:*', 'iam:*'],
    });
    const s = statement(stack);
    expect(s.Condition).toEqual({ StringNotEquals: { 'aws:RequestedRegion': ['ap-northeast-1'] } });
    expect(s.NotAction).toContain('pricingplanmanager:*');
    expect((s.NotAction as string[]).filter((a) => a === 'iam:*')).toHaveLength(1);
    expect(guard.globalActions).toContain('pricingplanmanager:*');
    expect(guard.allowedRegions).toEqual(['ap-northeast-1']);
  });

  test('a fixed name lets IAM Identity Center permission sets reference the policy', () => {
    const { stack } = synth({ managedPolicyName: 'govcloud-jp-region-guard' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'govcloud-jp-region-guard',
      Path: '/govcloud-jp-baseline/',
    });
  });

  test('attachTo adds the policy to a role', () => {
    const stack = new Stack(new App(), 'Attach');
    const guard = new RegionGuard(stack, 'Guard');
    guard.attachTo(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^GuardPolicy') }],
    });
  });

  test.each([
    [
      { allowedRegions: ['us-east-1'] },
      /allowedRegions "us-east-1" is outside Japan \[REG-1\]: use ap-northeast-1 \(Tokyo\) or ap-northeast-3 \(Osaka\)/,
    ],
    [{ allowedRegions: [] }, /allowedRegions "\[\]" is empty \[REG-2\]/],
    [{ iamPath: 'guard' }, /iamPath "guard" is invalid \[REG-2\]/],
    [
      { managedPolicyName: 'region guard' },
      /managedPolicyName "region guard" is invalid \[REG-2\]/,
    ],
    [{ additionalGlobalActions: ['*'] }, /additionalGlobalActions "\*" is invalid \[REG-2\]/],
    [
      { additionalGlobalActions: ['CloudFront'] },
      /additionalGlobalActions "CloudFront" is invalid \[REG-2\]: use "service:Action"/,
    ],
  ] as [RegionGuardProps, RegExp][])('%j is rejected', (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
