import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PurposeKey } from '../../constructs/keys/purpose-key';
import { flagged, tokyoStack } from './support';

describe('GCJ-KEY1-KeyRotation', () => {
  test('passes rotation on, flags off; asymmetric keys are not applicable', () => {
    const stack = tokyoStack();
    new kms.Key(stack, 'Rotating', { enableKeyRotation: true });
    new kms.Key(stack, 'Static');
    new kms.Key(stack, 'Signing', {
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
    });
    new kms.CfnKey(stack, 'Imported', { origin: 'EXTERNAL' });
    expect(flagged(stack, 'GCJ-KEY1-KeyRotation')).toEqual(['Stack/Static/Resource']);
  });
});

describe('GCJ-KEY2-KeyDeletionWindow', () => {
  test('passes 30 days or unset, flags shorter', () => {
    const stack = tokyoStack();
    new kms.Key(stack, 'Default');
    new kms.Key(stack, 'Thirty', { pendingWindow: Duration.days(30) });
    new kms.Key(stack, 'Seven', { pendingWindow: Duration.days(7) });
    new kms.CfnReplicaKey(stack, 'Replica', {
      keyPolicy: {},
      primaryKeyArn: 'arn:aws:kms:ap-northeast-3:111122223333:key/mrk-1',
      pendingWindowInDays: 7,
    });
    expect(flagged(stack, 'GCJ-KEY2-KeyDeletionWindow')).toEqual([
      'Stack/Replica',
      'Stack/Seven/Resource',
    ]);
  });
});

describe('GCJ-KEY2-KeyRetained', () => {
  test('passes RETAIN, flags DESTROY', () => {
    const stack = tokyoStack();
    new kms.Key(stack, 'Kept', { removalPolicy: RemovalPolicy.RETAIN });
    new kms.Key(stack, 'Destroyed', { removalPolicy: RemovalPolicy.DESTROY });
    expect(flagged(stack, 'GCJ-KEY2-KeyRetained')).toEqual(['Stack/Destroyed/Resource']);
  });

  test("the project's PurposeKey passes every key rule", () => {
    const stack = tokyoStack();
    new PurposeKey(stack, 'Data', { purpose: 'data', qualifier: '131016' });
    for (const rule of [
      'GCJ-KEY1-KeyRotation',
      'GCJ-KEY2-KeyDeletionWindow',
      'GCJ-KEY2-KeyRetained',
      'GCJ-KEY2-KeyGrantGuard',
    ]) {
      expect(flagged(stack, rule)).toEqual([]);
    }
  });
});

describe('GCJ-KEY2-KeyGrantGuard', () => {
  const RULE = 'GCJ-KEY2-KeyGrantGuard';

  /** A key whose policy carries one extra statement, written out as a vendor would. */
  function keyWith(stack: ReturnType<typeof tokyoStack>, id: string, statement: object): void {
    new kms.CfnKey(stack, id, {
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 'kms:*',
            Resource: '*',
          },
          statement,
        ],
      },
    });
  }

  const guard = {
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } },
  };

  test('passes a deny of CreateGrant to everyone unless for an AWS resource', () => {
    const stack = tokyoStack();
    keyWith(stack, 'Guarded', guard);
    keyWith(stack, 'GuardedBool', {
      ...guard,
      Principal: { AWS: '*' },
      Action: ['kms:CreateGrant', 'kms:ListGrants'],
      Condition: { Bool: { 'kms:GrantIsForAWSResource': false } },
    });
    keyWith(stack, 'GuardedWildcard', { ...guard, Action: 'kms:Create*' });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  test('flags no guard, an Allow, a guard for one principal only, or the wrong condition', () => {
    const stack = tokyoStack();
    new kms.Key(stack, 'Plain');
    keyWith(stack, 'AllowOnly', { ...guard, Effect: 'Allow' });
    keyWith(stack, 'OnePrincipal', {
      ...guard,
      Principal: { AWS: 'arn:aws:iam::111122223333:role/Operator' },
    });
    keyWith(stack, 'TrueCondition', {
      ...guard,
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' } },
    });
    keyWith(stack, 'OtherAction', { ...guard, Action: 'kms:Decrypt' });
    keyWith(stack, 'NoCondition', { ...guard, Condition: undefined });
    expect(flagged(stack, RULE)).toEqual([
      'Stack/AllowOnly',
      'Stack/NoCondition',
      'Stack/OnePrincipal',
      'Stack/OtherAction',
      'Stack/Plain/Resource',
      'Stack/TrueCondition',
    ]);
  });

  test('PurposeKey writes the guard in the shape Control Tower CT.KMS.PR.3 accepts', () => {
    const stack = tokyoStack();
    const key = new PurposeKey(stack, 'Audit', { purpose: 'audit-logs' });
    key.grantServiceUse(new iam.ServicePrincipal('logs.ap-northeast-1.amazonaws.com'));
    key.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SomeoneElsesDeny',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:ScheduleKeyDeletion'],
        resources: ['*'],
      }),
    );
    const policy = stack.resolve((key.key.node.defaultChild as kms.CfnKey).keyPolicy) as {
      Statement: Record<string, unknown>[];
    };
    expect(policy.Statement.filter((s) => s.Action === 'kms:CreateGrant')).toEqual([
      {
        Sid: 'DenyGrantsNotForAwsResources',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: {
          BoolIfExists: {
            'kms:GrantIsForAWSResource': 'false',
            'aws:PrincipalIsAWSService': 'false',
          },
        },
      },
    ]);
    expect(flagged(stack, RULE)).toEqual([]);
  });
});
