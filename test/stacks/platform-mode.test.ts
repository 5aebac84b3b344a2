import * as path from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildGovCloudApp } from '../../lib/app';
import { applyChecks } from '../../lib/checks';
import { ConfigError, loadConfig, parseConfig, type GovCloudConfigInput } from '../../lib/config';
import type { GovCloudBaselineStack } from '../../lib/stacks/baseline-stack';
import { appLikeCli } from '../support/app';

// PLAT-1: in gcas mode the platform (Control Tower) owns the trail, the Config recorder and
// delivery channel, GuardDuty and Security Hub. The resource types below are written out
// here, not taken from the code, so the test does not approve whatever the stack creates.
const PLATFORM_TYPES = [
  'AWS::CloudTrail::Trail',
  'AWS::Config::ConfigurationRecorder',
  'AWS::Config::DeliveryChannel',
  'AWS::GuardDuty::Detector',
  'AWS::SecurityHub::Hub',
];

const GCAS_CONFIG = path.resolve(__dirname, '../../config/gcas.json');

const base: GovCloudConfigInput = {
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'staging',
  access: { operator: { accountIds: ['111122223333'] } },
};

function baselinesOf(input: GovCloudConfigInput): GovCloudBaselineStack[] {
  return [...buildGovCloudApp(appLikeCli(), parseConfig(input)).baselines];
}

function countOf(stack: GovCloudBaselineStack, type: string): number {
  return Object.keys(Template.fromStack(stack).findResources(type)).length;
}

describe('gcas config (config/gcas.json) with every check on', () => {
  const app = appLikeCli();
  const { baselines } = buildGovCloudApp(app, loadConfig(GCAS_CONFIG));
  applyChecks(app);
  // Throws on any unacknowledged error of the packs.
  const assembly = app.synth();
  const templates = baselines.map((s) => Template.fromStack(s));
  const [tokyo] = templates;

  test('synthesizes every stack', () => {
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'gcas-Baseline-Osaka',
      'gcas-Baseline-Tokyo',
      'gcas-System-139980-Tokyo',
      'gcas-System-139998-Tokyo',
      'gcas-SystemDr-139980-Osaka',
      'gcas-SystemDr-139998-Osaka',
    ]);
  });

  test.each(PLATFORM_TYPES)('no stack contains %s', (type) => {
    for (const stack of assembly.stacks) {
      const resources = Object.values(
        (stack.template as { Resources: Record<string, { Type: string }> }).Resources,
      );
      expect([stack.stackName, resources.filter((r) => r.Type === type).length]).toEqual([
        stack.stackName,
        0,
      ]);
    }
  });

  test('GuardDuty findings of severity 7 and above (HIGH and CRITICAL) alert in every region', () => {
    for (const t of templates) {
      t.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.guardduty'],
          'detail-type': ['GuardDuty Finding'],
          detail: { severity: [{ numeric: ['>=', 7] }] },
        },
      });
    }
  });

  test('Security Hub findings, root sign-in and break-glass use alert', () => {
    tokyo.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.securityhub'] }),
    });
    tokyo.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        'detail-type': ['AWS Console Sign In via CloudTrail'],
        detail: Match.objectLike({ userIdentity: { type: ['Root'] } }),
      }),
    });
    const breakGlass = Object.values(
      tokyo.findResources('AWS::Events::Rule', {
        Properties: {
          EventPattern: Match.objectLike({
            detail: Match.objectLike({ eventName: Match.arrayWith(['AssumeRole']) }),
          }),
        },
      }),
    );
    expect(JSON.stringify(breakGlass)).toContain('RepresentativeRole');
  });

  test('the Config rules, the guards and the roles are there', () => {
    for (const t of templates) {
      expect(Object.keys(t.findResources('AWS::Config::ConfigRule')).length).toBeGreaterThan(5);
    }
    tokyo.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { SourceIdentifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED' },
    });
    expect(Object.keys(tokyo.findResources('AWS::IAM::Role')).length).toBeGreaterThanOrEqual(4);
    tokyo.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: Match.stringLikeRegexp('Control Tower'),
    });
    tokyo.hasResourceProperties('AWS::Budgets::Budget', Match.anyValue());
  });

  test('the synth output states what the stacks create and expect to exist', () => {
    Annotations.fromStack(baselines[0]).hasInfo(
      '*',
      Match.stringLikeRegexp(
        'Platform mode gcas .*creates accessAnalyzer; expects to exist trail, configRecorder, guardDuty, securityHub',
      ),
    );
  });
});

describe('standalone (default) mode', () => {
  test('creates every platform service, and no platform protection', () => {
    const [tokyo, osaka] = baselinesOf(base);
    for (const type of PLATFORM_TYPES) {
      expect([type, countOf(tokyo, type)]).toEqual([type, 1]);
    }
    expect(countOf(osaka, 'AWS::CloudTrail::Trail')).toBe(0);
    expect(tokyo.platformProtection).toBeUndefined();
    expect(tokyo.services).toEqual({
      trail: 'create',
      configRecorder: 'create',
      guardDuty: 'create',
      securityHub: 'create',
      accessAnalyzer: 'create',
    });
  });

  test('the string shorthand "platform": "standalone" is the same as leaving it out', () => {
    const [a] = baselinesOf(base);
    const [b] = baselinesOf({ ...base, platform: 'standalone' });
    expect(Template.fromStack(b).toJSON()).toEqual(Template.fromStack(a).toJSON());
  });
});

describe('per-service overrides', () => {
  const gcas = { trailMetricAlarms: false, mode: 'gcas' as const };

  test.each([
    ['guardDuty', ['AWS::GuardDuty::Detector']],
    ['securityHub', ['AWS::SecurityHub::Hub']],
    ['configRecorder', ['AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel']],
    ['trail', ['AWS::CloudTrail::Trail']],
  ])('gcas with %s "create" creates only that one', (service, types) => {
    const [tokyo] = baselinesOf({ ...base, platform: { ...gcas, [service]: 'create' } });
    for (const t of PLATFORM_TYPES) {
      expect([t, countOf(tokyo, t)]).toEqual([t, types.includes(t) ? 1 : 0]);
    }
  });

  test('standalone with accessAnalyzer and guardDuty "existing" leaves both out', () => {
    const [tokyo] = baselinesOf({
      ...base,
      platform: { accessAnalyzer: 'existing', guardDuty: 'existing' },
    });
    expect(countOf(tokyo, 'AWS::AccessAnalyzer::Analyzer')).toBe(0);
    expect(countOf(tokyo, 'AWS::GuardDuty::Detector')).toBe(0);
    expect(countOf(tokyo, 'AWS::SecurityHub::Hub')).toBe(1);
  });

  test('gcas with accessAnalyzer "existing" creates no analyzer; by default it creates one', () => {
    expect(
      countOf(baselinesOf({ ...base, platform: gcas })[0], 'AWS::AccessAnalyzer::Analyzer'),
    ).toBe(1);
    expect(
      countOf(
        baselinesOf({ ...base, platform: { ...gcas, accessAnalyzer: 'existing' } })[0],
        'AWS::AccessAnalyzer::Analyzer',
      ),
    ).toBe(0);
  });

  test('existing trail with its log group named: the CIS alarms are created on it', () => {
    const [tokyo] = baselinesOf({
      ...base,
      platform: { mode: 'gcas', existingTrailLogGroupName: 'tenant/cloudtrail' },
    });
    const t = Template.fromStack(tokyo);
    t.hasResourceProperties('AWS::Logs::MetricFilter', { LogGroupName: 'tenant/cloudtrail' });
    expect(countOf(tokyo, 'AWS::CloudWatch::Alarm')).toBeGreaterThan(10);
  });

  test('existing trail with trailMetricAlarms false: no metric filters', () => {
    const [tokyo] = baselinesOf({ ...base, platform: gcas });
    expect(countOf(tokyo, 'AWS::Logs::MetricFilter')).toBe(0);
  });
});

describe('config errors', () => {
  const problemsOf = (input: unknown) => {
    try {
      parseConfig(input);
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    return [];
  };

  test('existing trail without its log group names the field, requirement and fix', () => {
    const [p] = problemsOf({ ...base, platform: 'gcas' });
    expect(p).toMatchObject({
      field: 'platform.existingTrailLogGroupName',
      requirement: 'DET-3',
    });
    expect(p.fix).toContain('trailMetricAlarms');
  });

  test('a log collector on archives the baseline no longer creates is an error', () => {
    const problems = problemsOf({
      ...base,
      access: { ...base.access, logCollector: { accountIds: ['444455556666'] } },
      platform: { mode: 'gcas', trailMetricAlarms: false },
    });
    expect(problems.map((p) => p.field)).toEqual(['access.logCollector']);
    expect(problems[0].problem).toContain('remove access.logCollector');
  });

  test('a Config service-linked role with the platform recorder is an error', () => {
    const problems = problemsOf({
      ...base,
      detection: { createConfigServiceLinkedRole: true },
      platform: { mode: 'gcas', trailMetricAlarms: false },
    });
    expect(problems.map((p) => p.field)).toEqual(['detection.createConfigServiceLinkedRole']);
  });

  test('a log group name with a trail the baseline creates is an error', () => {
    const problems = problemsOf({ ...base, platform: { existingTrailLogGroupName: 'x' } });
    expect(problems.map((p) => p.field)).toEqual(['platform.existingTrailLogGroupName']);
  });

  test('an unknown mode or ownership names the field and PLAT-1 / the service requirement', () => {
    expect(problemsOf({ ...base, platform: 'controltower' })[0]).toMatchObject({
      field: 'platform.mode',
      requirement: 'PLAT-1',
    });
    expect(problemsOf({ ...base, platform: { guardDuty: 'off' } })[0]).toMatchObject({
      field: 'platform.guardDuty',
      requirement: 'DET-2',
    });
  });

  test('development only with CI/CD (IAM-6, GCAS guide §1.1)', () => {
    const [p] = problemsOf({ ...base, environment: 'development' });
    expect(p).toMatchObject({ field: 'environment', requirement: 'IAM-6' });
    expect(p.problem).toContain('ガバメントクラウド利用概要(AWS編)');
    expect(problemsOf({ ...base, environment: 'development', platform: { ciCd: true } })).toEqual(
      [],
    );
    expect(problemsOf({ ...base, environment: 'test' })[0].fix).toContain('CI/CD');
  });
});
