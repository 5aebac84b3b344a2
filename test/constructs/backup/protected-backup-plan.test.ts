import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import { LockedBackupVault } from '../../../constructs/backup/locked-backup-vault';
import {
  backupVaultArn,
  ProtectedBackupPlan,
  type ProtectedBackupPlanProps,
} from '../../../constructs/backup/protected-backup-plan';
import { dataKey, testStack } from '../system/fixtures';

const OSAKA_VAULT = 'arn:aws:backup:ap-northeast-3:111122223333:backup-vault:sample-139998-copy';

function plan(overrides: Partial<ProtectedBackupPlanProps> = {}, region = 'ap-northeast-1') {
  const stack = testStack(region);
  const construct = new ProtectedBackupPlan(stack, 'Backup', {
    encryptionKey: dataKey(stack, 'backup').key,
    resources: [
      backup.BackupResource.fromArn(
        'arn:aws:rds:ap-northeast-1:111122223333:cluster:sample-139998',
      ),
      backup.BackupResource.fromArn('arn:aws:s3:::exchange-bucket'),
    ],
    retentionDays: 400,
    vaultLockMinRetentionDays: 365,
    copyTo: { region: 'ap-northeast-3', backupVaultArn: OSAKA_VAULT },
    ...overrides,
  });
  return { stack, construct, template: Template.fromStack(stack) };
}

describe('ProtectedBackupPlan', () => {
  const { template } = plan();

  test('the vault is CMK-encrypted, locked in compliance mode after 3 days, and retained (BAK-3)', () => {
    template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: {
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKeybackup'), 'Arn'] },
        LockConfiguration: { MinRetentionDays: 365, ChangeableForDays: 3 },
      },
    });
  });

  test('the daily rule keeps 400 days and copies every recovery point to the Osaka vault (BAK-2, REG-3)', () => {
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            ScheduleExpression: 'cron(0 18 * * ? *)',
            Lifecycle: { DeleteAfterDays: 400 },
            CopyActions: [
              { DestinationBackupVaultArn: OSAKA_VAULT, Lifecycle: { DeleteAfterDays: 400 } },
            ],
          }),
        ],
      },
    });
  });

  test('the selection names every stateful resource, with a role that can back up RDS and S3', () => {
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [
          'arn:aws:rds:ap-northeast-1:111122223333:cluster:sample-139998',
          'arn:aws:s3:::exchange-bucket',
        ],
      }),
    });
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0] as {
      Properties: { ManagedPolicyArns: unknown[]; AssumeRolePolicyDocument: unknown };
    };
    const policies = JSON.stringify(role.Properties.ManagedPolicyArns);
    for (const p of [
      'AWSBackupServiceRolePolicyForBackup',
      'AWSBackupServiceRolePolicyForRestores',
      'AWSBackupServiceRolePolicyForS3Backup',
      'AWSBackupServiceRolePolicyForS3Restore',
    ]) {
      expect(policies).toContain(p);
    }
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain(
      'backup.amazonaws.com',
    );
  });

  test.each([
    [
      {
        copyTo: {
          region: 'us-west-2',
          backupVaultArn: OSAKA_VAULT.replace('ap-northeast-3', 'us-west-2'),
        },
      },
      'ProtectedBackupPlan copyTo.region "us-west-2" is outside Japan [REG-3]: backup copies may only go to ap-northeast-1 or ap-northeast-3.',
    ],
    [
      {
        copyTo: {
          region: 'ap-northeast-1',
          backupVaultArn: OSAKA_VAULT.replace('ap-northeast-3', 'ap-northeast-1'),
        },
      },
      'ProtectedBackupPlan copyTo.region "ap-northeast-1" is the plan\'s own region [BAK-2]',
    ],
    [
      {
        copyTo: {
          region: 'ap-northeast-3',
          backupVaultArn: OSAKA_VAULT.replace('ap-northeast-3', 'eu-west-1'),
        },
      },
      'is not a backup vault in ap-northeast-3 [REG-3]',
    ],
    [
      { retentionDays: 30 },
      'ProtectedBackupPlan retentionDays "30" is shorter than the Vault Lock minimum 365 [BAK-3]',
    ],
    [{ resources: [] }, 'ProtectedBackupPlan resources "[]" is empty [BAK-1]'],
  ])('%j is refused', (overrides, message) => {
    expect(() => plan(overrides as Partial<ProtectedBackupPlanProps>)).toThrow(message);
  });

  test('from Osaka the copy goes to Tokyo', () => {
    const { template: t } = plan(
      {
        copyTo: {
          region: 'ap-northeast-1',
          backupVaultArn: OSAKA_VAULT.replace('ap-northeast-3', 'ap-northeast-1'),
        },
      },
      'ap-northeast-3',
    );
    t.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            CopyActions: [
              Match.objectLike({
                DestinationBackupVaultArn: Match.stringLikeRegexp(':ap-northeast-1:'),
              }),
            ],
          }),
        ],
      },
    });
  });

  test('backupVaultArn builds the ARN from region, account and name', () => {
    const stack = testStack();
    expect(stack.resolve(backupVaultArn(stack, 'ap-northeast-3', 'v'))).toEqual({
      'Fn::Join': [
        '',
        ['arn:aws:backup:ap-northeast-3:', { Ref: 'AWS::AccountId' }, ':backup-vault:v'],
      ],
    });
  });
});

describe('LockedBackupVault', () => {
  test.each([
    [{ minRetentionDays: 0 }, 'LockedBackupVault minRetentionDays "0" is not allowed [BAK-3]'],
    [
      { minRetentionDays: 365, changeableForDays: 2 },
      'LockedBackupVault changeableForDays "2" is not allowed [BAK-3]: AWS Backup needs at least 3 days',
    ],
  ])('%j is refused', (overrides, message) => {
    const stack = testStack();
    expect(
      () =>
        new LockedBackupVault(stack, 'V', {
          encryptionKey: dataKey(stack).key,
          ...(overrides as { minRetentionDays: number }),
        }),
    ).toThrow(message);
  });

  test('a fixed name is used when given (cross-region destination)', () => {
    const stack = testStack('ap-northeast-3');
    new LockedBackupVault(stack, 'V', {
      encryptionKey: dataKey(stack).key,
      minRetentionDays: 365,
      changeableForDays: 7,
      backupVaultName: 'sample-139998-copy',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'sample-139998-copy',
      LockConfiguration: { MinRetentionDays: 365, ChangeableForDays: 7 },
    });
  });
});

describe('ProtectedBackupPlan interval and continuous backup from the RPO (AVL-1)', () => {
  test.each([
    [6, 'cron(0 */6 * * ? *)', 6],
    [1, 'cron(0 * * * ? *)', 2],
    [12, 'cron(0 */12 * * ? *)', 12],
  ])('every %s h runs on %s, finishing within %s h, still copied to Osaka', (h, cron, done) => {
    const { template } = plan({ intervalHours: h });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            RuleName: `Every${h}hWithCopyToOtherJapaneseRegion`,
            ScheduleExpression: cron,
            StartWindowMinutes: 60,
            CompletionWindowMinutes: done * 60,
            CopyActions: [Match.objectLike({ DestinationBackupVaultArn: OSAKA_VAULT })],
          }),
        ],
      },
    });
  });

  test('continuous backup adds a 35-day point-in-time rule when the lock allows it', () => {
    const { template } = plan({
      continuousBackup: true,
      vaultLockMinRetentionDays: 35,
      retentionDays: 400,
    });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: Match.arrayWith([
          Match.objectLike({
            RuleName: 'ContinuousPointInTime',
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 35 },
          }),
        ]),
      },
    });
  });

  test('continuous backup into a vault locked for a year is refused', () => {
    expect(() => plan({ continuousBackup: true })).toThrow(
      /continuousBackup "true" cannot go into a vault locked for 365 days \(Vault Lock, BAK-3\) \[AVL-1\]/,
    );
  });

  test('an interval that does not divide the day is refused', () => {
    expect(() => plan({ intervalHours: 5 })).toThrow(/intervalHours "5" .*\[AVL-1\]/);
  });
});
