import { CfnParameter, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { GovCloudChecks, RULE_CRASHED_ID } from '../../lib/nag/govcloud-checks';
import { cmk, flagged, tokyoStack, validate } from './support';

describe('GCJ-RET1-LogGroupRetention', () => {
  const RULE = 'GCJ-RET1-LogGroupRetention';

  test('passes one year and longer, flags shorter and unset (never expire)', () => {
    const stack = tokyoStack();
    new logs.LogGroup(stack, 'OneYear', { retention: logs.RetentionDays.ONE_YEAR });
    new logs.LogGroup(stack, 'TenYears', { retention: logs.RetentionDays.TEN_YEARS });
    new logs.LogGroup(stack, 'OneWeek', { retention: logs.RetentionDays.ONE_WEEK });
    new logs.LogGroup(stack, 'Infinite', { retention: logs.RetentionDays.INFINITE });
    new logs.CfnLogGroup(stack, 'Unset', {});
    new logs.CfnLogGroup(stack, 'AsString', { retentionInDays: '400' as unknown as number });
    expect(flagged(stack, RULE)).toEqual([
      'Stack/Infinite/Resource',
      'Stack/OneWeek/Resource',
      'Stack/Unset',
    ]);
  });

  test('resolves a token that resolves to a number', () => {
    const stack = tokyoStack();
    new logs.CfnLogGroup(stack, 'Lazy', { retentionInDays: Lazy.number({ produce: () => 545 }) });
    new logs.CfnLogGroup(stack, 'LazyShort', {
      retentionInDays: Lazy.number({ produce: () => 30 }),
    });
    expect(flagged(stack, RULE)).toEqual(['Stack/LazyShort']);
  });

  test('a retention given as a parameter cannot be verified at synth time: a rule error, not a pass', () => {
    const stack = tokyoStack();
    const days = new CfnParameter(stack, 'Days', { type: 'Number' });
    new logs.CfnLogGroup(stack, 'Param', { retentionInDays: days.valueAsNumber });
    const report = new GovCloudChecks().validateScope(stack);
    const violation = report.violations.find((v) => v.ruleName === RULE_CRASHED_ID);
    expect(violation?.violatingResources.map((r) => r.constructPath)).toEqual(['Stack/Param']);
    expect(violation?.description).toMatch(/GCJ-RET1-LogGroupRetention on Stack\/Param/);
  });

  test('uses minimumRetentionDays', () => {
    const stack = tokyoStack();
    new logs.LogGroup(stack, 'OneYear', { retention: logs.RetentionDays.ONE_YEAR });
    new logs.LogGroup(stack, 'TwoYears', { retention: logs.RetentionDays.TWO_YEARS });
    expect(flagged(stack, RULE, { minimumRetentionDays: 731 })).toEqual(['Stack/OneYear/Resource']);
    const info = validate(stack, { minimumRetentionDays: 731 }).violations.find(
      (v) => v.ruleName === RULE,
    );
    expect(info?.description).toContain('731 days');
  });
});

describe('GCJ-KEY1-LogGroupEncrypted', () => {
  test('passes a customer-managed key (Fn::GetAtt), flags none or an AWS-managed alias', () => {
    const stack = tokyoStack();
    new logs.LogGroup(stack, 'Cmk', {
      encryptionKey: cmk(stack),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new logs.LogGroup(stack, 'Plain');
    new logs.CfnLogGroup(stack, 'Managed', {
      kmsKeyId: 'arn:aws:kms:ap-northeast-1:111122223333:alias/aws/logs',
    });
    new logs.CfnLogGroup(stack, 'LiteralArn', {
      kmsKeyId: 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    expect(flagged(stack, 'GCJ-KEY1-LogGroupEncrypted')).toEqual([
      'Stack/Managed',
      'Stack/Plain/Resource',
    ]);
  });
});
