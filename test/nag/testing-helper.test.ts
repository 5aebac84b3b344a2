import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GovCloudChecks } from '../../lib/nag';
import {
  collectFindings,
  defaultPacks,
  expectNoUnacknowledgedFindings,
} from '../../lib/testing/nag';
import { cmk, GOOD_TAGS } from './support';

function tokyoApp(): { app: App; stack: Stack } {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Stack', { env: { region: 'ap-northeast-1' } });
  for (const [key, value] of Object.entries(GOOD_TAGS)) Tags.of(app).add(key, value);
  return { app, stack };
}

function goodKey(stack: Stack): kms.Key {
  return cmk(stack);
}

describe('expectNoUnacknowledgedFindings', () => {
  test('passes a stack that all three default packs accept (tags from Tags.of(app) are applied first)', () => {
    const { stack } = tokyoApp();
    goodKey(stack);
    expect(() => expectNoUnacknowledgedFindings(stack)).not.toThrow();
  });

  test('throws a readable list: rule — construct path — description, one per line', () => {
    const { stack } = tokyoApp();
    new sqs.CfnQueue(stack, 'Queue');
    new logs.CfnLogGroup(stack, 'Logs', { retentionInDays: 7 });
    let message = '';
    try {
      expectNoUnacknowledgedFindings(stack);
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n');
    expect(lines[0]).toMatch(/^\d+ unacknowledged nag findings \(error\) in Stack:$/);
    expect(lines).toContain(
      '  GCJ-KEY1-SqsEncrypted — Stack/Queue — The SQS queue is not encrypted with a customer-managed KMS key. [KEY-1]',
    );
    expect(lines.some((l) => /^ {2}AwsSolutions-SQS4 — Stack\/Queue — /.test(l))).toBe(true);
    expect(
      lines.some((l) => /^ {2}NIST\.800\.53\.R5-CloudWatchLogGroup\w+ — Stack\/Logs — /.test(l)),
    ).toBe(true);
    expect(lines[lines.length - 1]).toMatch(
      /acknowledge\(\{ id: '<rule id>', reason: '<why it is acceptable>' \}\)/,
    );
  });

  test('levels: warnings pass by default and fail when asked for', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Agnostic');
    for (const [key, value] of Object.entries(GOOD_TAGS)) Tags.of(app).add(key, value);
    goodKey(stack);
    const packs = [new GovCloudChecks()];
    expect(() => expectNoUnacknowledgedFindings(stack, { packs })).not.toThrow();
    expect(() =>
      expectNoUnacknowledgedFindings(stack, { packs, levels: ['error', 'warning'] }),
    ).toThrow(
      /\n {2}GCJ-REG1-StackRegionUnresolved — Agnostic\/Key\/Resource — The stack is environment-agnostic.* \[REG-1\] \(warning\)\n/,
    );
  });

  test('honours acknowledgements, by plain or namespaced ID, and still requires their reason', () => {
    const { stack } = tokyoApp();
    const queue = new sqs.Queue(stack, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: goodKey(stack),
      enforceSSL: true,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'a DLQ is not needed for this fixture queue',
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS4',
      reason: 'enforceSSL is set; fixture',
    });
    const findings = collectFindings(stack, [new GovCloudChecks(), new AwsSolutionsChecks()]);
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);

    Validations.of(queue).acknowledge({ id: 'NIST.800.53.R5-SQSQueueDLQ', reason: '' });
    expect(() => expectNoUnacknowledgedFindings(stack)).toThrow(
      /GCJ-EVD1-AcknowledgementReason — Stack\/Queue — An acknowledgement has an empty reason/,
    );
  });

  test('reports findings even when the app registers failing validation plugins itself', () => {
    const { app, stack } = tokyoApp();
    new sqs.CfnQueue(stack, 'Queue');
    Validations.of(app).addPlugins(new GovCloudChecks());
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() =>
        expectNoUnacknowledgedFindings(stack, { packs: [new GovCloudChecks()] }),
      ).toThrow(/GCJ-KEY1-SqsEncrypted — Stack\/Queue/);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('collectFindings', () => {
  test('returns structured findings, errors first, with requirement IDs for GovCloudChecks rules', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Agnostic');
    new sqs.CfnQueue(stack, 'Queue', {
      tags: Object.entries(GOOD_TAGS).map(([key, value]) => ({ key, value })),
    });
    const findings = collectFindings(stack, [new GovCloudChecks()]);
    expect(findings).toEqual([
      {
        pack: 'GovCloudChecks',
        ruleId: 'GCJ-KEY1-SqsEncrypted',
        level: 'error',
        constructPath: 'Agnostic/Queue',
        description: 'The SQS queue is not encrypted with a customer-managed KMS key.',
        requirements: ['KEY-1'],
        fix: 'Use QueueEncryption.KMS with encryptionMasterKey.',
      },
      expect.objectContaining({
        ruleId: 'GCJ-REG1-StackRegionUnresolved',
        level: 'warning',
        requirements: ['REG-1'],
      }),
    ]);
  });

  test('synthesize: false skips synthesis, so Tags.of(app) aspects have not run yet', () => {
    const { stack } = tokyoApp();
    goodKey(stack);
    const unsynthesized = collectFindings(stack, [new GovCloudChecks()], { synthesize: false });
    expect(unsynthesized.map((f) => f.ruleId).sort()).toEqual([
      'GCJ-IAM6-EnvironmentTag',
      'GCJ-TEN3-MunicipalityTag',
    ]);
    expect(collectFindings(stack, [new GovCloudChecks()])).toEqual([]);
  });

  test('the default packs are GovCloudChecks, AwsSolutions and NIST 800-53 R5', () => {
    expect(defaultPacks().map((p) => p.name)).toEqual([
      'GovCloudChecks',
      'AwsSolutions',
      'NIST.800.53.R5',
    ]);
    expect((defaultPacks({ profile: 'baseline' })[0] as GovCloudChecks).profile).toBe('baseline');
  });

  test('the helper does not depend on jest, so it runs under any test runner', () => {
    const source = readFileSync(join(__dirname, '../../lib/testing/nag.ts'), 'utf8');
    expect(source).not.toMatch(/from ['"](@jest\/|jest|@types\/jest)/);
    expect(source).not.toMatch(/\bexpect\(/);
  });
});
