import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PurposeKey } from '../../../constructs/keys/purpose-key';

const DEPLOYER = 'arn:aws:iam::111111111111:role/baseline-deployer';

function key(): { stack: Stack; key: PurposeKey } {
  const stack = new Stack(undefined, 'Test', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  return { stack, key: new PurposeKey(stack, 'Key', { purpose: 'audit-logs' }) };
}

function deployerStatements(stack: Stack): Record<string, unknown>[] {
  const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'));
  return (resource.Properties.KeyPolicy.Statement as Record<string, unknown>[]).filter((s) =>
    String(s.Sid).startsWith('DenyKeyManagement'),
  );
}

describe('PurposeKey.reserveManagementTo (KEY-2)', () => {
  test('an application key stays manageable: no deployer-only statement unless asked', () => {
    const { stack } = key();
    expect(deployerStatements(stack)).toEqual([]);
  });

  test('reserving twice with the same deployers adds one statement', () => {
    const { stack, key: k } = key();
    k.reserveManagementTo([DEPLOYER]);
    k.reserveManagementTo([DEPLOYER]);
    const statements = deployerStatements(stack);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [DEPLOYER] } },
    });
    expect(statements[0].Action).toEqual(
      expect.arrayContaining(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey']),
    );
  });

  test('a second, different set of deployers is refused: two denies would lock out both', () => {
    const { key: k } = key();
    k.reserveManagementTo([DEPLOYER]);
    expect(() => k.reserveManagementTo(['arn:aws:iam::111111111111:role/other'])).toThrow(
      /PurposeKey deployerArns "arn:aws:iam::111111111111:role\/other" differ from those already reserved \[KEY-2\]/,
    );
  });

  test.each([
    [[], /names nobody \[KEY-2\]/],
    [['arn:aws:iam::111111111111:user/alice'], /is not an IAM role ARN pattern \[KEY-2\]/],
  ])('deployers %j are refused naming the prop and the fix', (arns, message) => {
    const { key: k } = key();
    expect(() => k.reserveManagementTo(arns)).toThrow(message);
  });
});
