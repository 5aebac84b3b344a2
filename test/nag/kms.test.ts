import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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
    ]) {
      expect(flagged(stack, rule)).toEqual([]);
    }
  });
});
