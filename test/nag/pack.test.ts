import { readFileSync } from 'fs';
import { join } from 'path';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel } from 'cdk-nag';
import {
  DEFAULT_RULE_SETTINGS,
  GOVCLOUD_RULE_DEFINITIONS,
  GOVCLOUD_RULES,
  GovCloudChecks,
  govCloudRule,
  NagPackPolicy,
} from '../../lib/nag';
import { GovCloudError } from '../../domain/errors';
import { isRequirementId, REQUIREMENTS } from '../../domain/requirements';
import { flagged, GOOD_TAGS, tokyoStack, validate } from './support';

const TAGS = Object.entries(GOOD_TAGS).map(([key, value]) => ({ key, value }));
const KEY_ARN = 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A queue that passes every GovCloudChecks rule. */
function goodQueue(scope: Stack, id: string): sqs.CfnQueue {
  return new sqs.CfnQueue(scope, id, { kmsMasterKeyId: KEY_ARN, tags: TAGS });
}

describe('props', () => {
  test('defaults: core-business profile, 365 days, Tokyo and Osaka', () => {
    const pack = new GovCloudChecks();
    expect(pack.name).toBe('GovCloudChecks');
    expect(pack.readPackName).toBe('GCJ');
    expect(pack.profile).toBe('core-business');
    expect(pack.settings).toEqual(DEFAULT_RULE_SETTINGS);
    expect(pack.settings.allowedRegions).toEqual(['ap-northeast-1', 'ap-northeast-3']);
    expect(pack.ruleIds).toEqual(GOVCLOUD_RULES.map((r) => r.id));
  });

  test('the baseline profile leaves out the NET-1 and NET-4 rules only', () => {
    const baseline = new GovCloudChecks({ profile: 'baseline' });
    const removed = GOVCLOUD_RULES.map((r) => r.id).filter((id) => !baseline.ruleIds.includes(id));
    expect(removed.sort()).toEqual([
      'GCJ-NET1-NoInternetFacingEndpoint',
      'GCJ-NET1-NoInternetGateway',
      'GCJ-NET1-NoNatGateway',
      'GCJ-NET1-NoPublicIp',
      'GCJ-NET4-NoOpenIngress',
      'GCJ-NET4-NoUnrestrictedEgress',
    ]);
  });

  test('accepts a scope first, like the cdk-nag packs', () => {
    const app = new App();
    expect(
      new GovCloudChecks(app, { minimumRetentionDays: 400 }).settings.minimumRetentionDays,
    ).toBe(400);
  });

  test.each([
    [
      { minimumRetentionDays: 90 },
      /GovCloudChecks minimumRetentionDays "90" is below 365 days .*\[RET-1\].*configured upward/,
    ],
    [
      { minimumRetentionDays: 365.5 },
      /minimumRetentionDays "365.5" .*not a whole number \[RET-1\]/,
    ],
    [
      { allowedRegions: ['ap-northeast-1', 'us-east-1'] },
      /GovCloudChecks allowedRegions "us-east-1" is outside Japan \[REG-1\]: use only ap-northeast-1 and\/or ap-northeast-3/,
    ],
    [{ allowedRegions: [] }, /GovCloudChecks allowedRegions "\[\]" is empty \[REG-1\]/],
    [
      { profile: 'internet' as never },
      /GovCloudChecks profile "internet" is unknown \[NET-1\]: use "baseline" or "core-business"/,
    ],
  ])('rejects %p', (props, message) => {
    expect(() => new GovCloudChecks(props)).toThrow(message);
  });

  test.each([
    [{ minimumRetentionDays: 90 }, 'GovCloudChecksRetentionTooShort', 'RET-1'],
    [{ allowedRegions: ['us-east-1'] }, 'GovCloudChecksAllowedRegionOutsideJapan', 'REG-1'],
    [{ allowedRegions: [] }, 'GovCloudChecksAllowedRegionsEmpty', 'REG-1'],
    [{ profile: 'internet' as never }, 'GovCloudChecksProfileUnknown', 'NET-1'],
    [{ nonFunctional: { rpoHours: 0 } }, 'GovCloudChecksRpoNotPositive', 'AVL-1'],
    [
      { nonFunctional: { availabilityPercent: 100 } },
      'GovCloudChecksAvailabilityNotPercentage',
      'AVL-1',
    ],
  ])('refuses %p with a GovCloudError of code %s', (props, code, requirement) => {
    expect(() => new GovCloudChecks(props)).toThrow(GovCloudError);
    expect(() => new GovCloudChecks(props)).toThrow(
      expect.objectContaining({ code, requirement }) as unknown as Error,
    );
  });
});

describe('levels: only errors fail', () => {
  test('a report with only warnings succeeds; one error fails it', () => {
    const stack = new Stack(new App(), 'Agnostic'); // region unresolved: a warning
    goodQueue(stack, 'Queue');
    const warningsOnly = validate(stack);
    expect(warningsOnly.violations.map((v) => `${v.ruleName}:${v.severity}`)).toEqual([
      'GCJ-REG1-StackRegionUnresolved:warning',
    ]);
    expect(warningsOnly.success).toBe(true);

    new sqs.CfnQueue(stack, 'Plain', { tags: TAGS });
    const withError = validate(stack);
    expect(withError.violations.find((v) => v.ruleName === 'GCJ-KEY1-SqsEncrypted')?.severity).toBe(
      'error',
    );
    expect(withError.success).toBe(false);
  });

  test('INFO findings carry severity info and do not fail', () => {
    const stack = tokyoStack();
    const logsBucket = new s3.Bucket(stack, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new s3.CfnBucket(stack, 'Source', {
      loggingConfiguration: { destinationBucketName: logsBucket.bucketName },
    });
    const report = validate(stack);
    const info = report.violations.find((v) => v.ruleName === 'GCJ-KEY1-LogDeliveryBucketSseS3');
    expect(info?.severity).toBe('info');
    expect(info?.ruleMetadata).toEqual({
      requirements: 'KEY-1',
      level: 'Info',
      profile: 'core-business',
    });
  });

  test('cdk synth with the pack registered: warnings pass, an error fails', () => {
    // The CDK prints the validation report to stderr; keep the test output readable.
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Agnostic');
    goodQueue(stack, 'Queue');
    Validations.of(app).addPlugins(new GovCloudChecks());
    expect(() => app.synth()).not.toThrow();

    const failing = new App({ builtinCloudFormationValidation: false });
    new sqs.CfnQueue(new Stack(failing, 'Tokyo', { env: { region: 'ap-northeast-1' } }), 'Plain', {
      tags: TAGS,
    });
    Validations.of(failing).addPlugins(new NagPackPolicy(new GovCloudChecks()));
    let thrown: unknown;
    try {
      failing.synth();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(expect.objectContaining({ name: 'ValidationFailed' }));
    // Depending on how the app runs, the report is in the error or on stderr.
    const output = `${(thrown as Error).message}\n${stderr.mock.calls.flat().join('\n')}`;
    expect(output).toContain('GCJ-KEY1-SqsEncrypted');
    expect(output).not.toContain('GCJ-REG1-StackRegion ');
    stderr.mockRestore();
  });

  test('verbose descriptions quote the requirement in English and Japanese with its source', () => {
    const stack = tokyoStack();
    new logs.CfnLogGroup(stack, 'Short', { retentionInDays: 7, tags: TAGS });
    const violation = validate(stack, { verbose: true }).violations.find(
      (v) => v.ruleName === 'GCJ-RET1-LogGroupRetention',
    );
    expect(violation?.description).toContain(
      'RET-1 (source 「地方公共団体情報システムのガバメントクラウドの利用に関する基準」(デジタル庁, 2022) Table 1 ①): "Keep trails ≥ 1 year (証跡は１年間以上保存することが望ましい)"',
    );
    expect(violation?.fix).toMatch(/RetentionInDays/);
  });
});

describe('acknowledgements', () => {
  const RULE = 'GCJ-KEY1-SqsEncrypted';
  const REASON_RULE = 'GCJ-EVD1-AcknowledgementReason';

  test('an acknowledgement with a reason suppresses the finding, on the resource or an ancestor', () => {
    const stack = tokyoStack();
    const onResource = new sqs.CfnQueue(stack, 'OnResource', { tags: TAGS });
    new sqs.CfnQueue(stack, 'Unacknowledged', { tags: TAGS });
    Validations.of(onResource).acknowledge({ id: RULE, reason: 'holds only public test fixtures' });
    expect(flagged(stack, RULE)).toEqual(['Stack/Unacknowledged']);
    Validations.of(stack).acknowledge({
      id: RULE,
      reason: 'the whole stack is a throwaway fixture',
    });
    expect(flagged(stack, RULE)).toEqual([]);
    expect(flagged(stack, REASON_RULE)).toEqual([]);
  });

  test('an empty or blank reason is an error, whichever pack the acknowledgement is for', () => {
    const stack = tokyoStack();
    const queue = new sqs.CfnQueue(stack, 'Queue', { tags: TAGS });
    Validations.of(queue).acknowledge({ id: RULE, reason: '' });
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-SQS3', reason: '   ' });
    const report = validate(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual([REASON_RULE]);
    const violation = report.violations[0];
    expect(violation.severity).toBe('error');
    expect(violation.violatingResources).toEqual([
      {
        constructPath: 'Stack',
        locations: ['Metadata/aws:cdk:acknowledged-rules/AwsSolutions-SQS3'],
      },
      { constructPath: 'Stack/Queue', locations: [`Metadata/aws:cdk:acknowledged-rules/${RULE}`] },
    ]);
    expect(violation.description).toContain(`${RULE} at Stack/Queue`);
    expect(violation.ruleMetadata?.requirements).toBe('EVD-1 EVD-2');
    expect(report.success).toBe(false);
  });

  test('an unreasoned acknowledgement on the app is found when validating one stack', () => {
    const stack = tokyoStack();
    goodQueue(stack, 'Queue');
    Validations.of(stack.node.root).acknowledge({ id: 'AwsSolutions-S1', reason: '' });
    expect(flagged(stack, REASON_RULE)).toEqual(['']);
  });
});

describe('GOVCLOUD_RULES (machine-readable rule list)', () => {
  test('IDs are unique, carry their first requirement ID, and name an existing requirement', () => {
    const ids = GOVCLOUD_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of GOVCLOUD_RULES) {
      const [, token] = /^GCJ-([A-Z]+\d)-[A-Za-z0-9]+$/.exec(rule.id) ?? [];
      expect(token).toBe(rule.requirements[0].replace('-', ''));
      for (const id of rule.requirements) expect(isRequirementId(id)).toBe(true);
      expect([NagMessageLevel.ERROR, NagMessageLevel.WARN, NagMessageLevel.INFO]).toContain(
        rule.level,
      );
      expect(rule.explanation).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/);
      expect(rule.explanation).toContain('(source ');
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });

  test('every requirement marked N in the catalog has at least one rule', () => {
    const checked = new Set(GOVCLOUD_RULES.flatMap((r) => r.requirements));
    const uncovered = REQUIREMENTS.filter(
      (r) => (r.where as readonly string[]).includes('N') && !checked.has(r.id),
    ).map((r) => r.id);
    expect(uncovered).toEqual([]);
  });

  test('each rule function is named after its file and rule ID (cdk-nag convention)', () => {
    for (const definition of GOVCLOUD_RULE_DEFINITIONS) {
      if (!definition.check) continue;
      expect(definition.check(DEFAULT_RULE_SETTINGS).name).toBe(definition.suffix.split('-')[1]);
    }
  });

  test('govCloudRule finds a rule from a finding name or a namespaced acknowledgement ID', () => {
    expect(govCloudRule('GCJ-RET1-LogGroupRetention')?.requirements).toEqual(['RET-1']);
    expect(govCloudRule('GovCloudChecks::GCJ-TEN3-MunicipalityTag')?.requirements).toEqual([
      'TEN-3',
      'TEN-1',
    ]);
    expect(govCloudRule('GCJ-KEY1-SqsEncrypted[detail]')?.id).toBe('GCJ-KEY1-SqsEncrypted');
    expect(govCloudRule('AwsSolutions-S1')).toBeUndefined();
  });

  test('levels: TEN-2 and judgement calls warn, the SSE-S3 exception is info', () => {
    const level = (id: string) => GOVCLOUD_RULES.find((r) => r.id === id)?.level;
    expect(level('GCJ-TEN2-ApplicationTenancy')).toBe(NagMessageLevel.WARN);
    expect(level('GCJ-REG1-StackRegionUnresolved')).toBe(NagMessageLevel.WARN);
    expect(level('GCJ-KEY1-LogDeliveryBucketSseS3')).toBe(NagMessageLevel.INFO);
    expect(level('GCJ-RET1-LogGroupRetention')).toBe(NagMessageLevel.ERROR);
  });
});

describe('ruleChecks (for tools that judge resources one by one)', () => {
  test('lists the active resource checks with IDs, requirements and levels', () => {
    const checks = new GovCloudChecks({ profile: 'baseline' }).ruleChecks();
    expect(checks.map((c) => c.id)).not.toContain('GCJ-NET1-NoInternetGateway');
    expect(checks.map((c) => c.id)).not.toContain('GCJ-EVD1-AcknowledgementReason');
    const retention = checks.find((c) => c.id === 'GCJ-RET1-LogGroupRetention');
    expect(retention).toEqual(
      expect.objectContaining({ requirements: ['RET-1'], level: NagMessageLevel.ERROR }),
    );
    const stack = tokyoStack();
    const short = new logs.CfnLogGroup(stack, 'Short', { retentionInDays: 30 });
    expect(retention?.check(short)).toBe('Non-Compliant');
  });
});

describe('lib/nag/README.md', () => {
  test('lists every rule with its requirement IDs and level', () => {
    const readme = readFileSync(join(__dirname, '../../lib/nag/README.md'), 'utf8');
    for (const rule of GOVCLOUD_RULES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${rule.id}\``));
      expect(row).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      expect(cells[2]).toBe(rule.requirements.join(', '));
      expect(cells[3]).toBe(rule.level);
    }
  });
});
