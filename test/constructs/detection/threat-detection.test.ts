import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as config from 'aws-cdk-lib/aws-config';
import {
  REGION_AVAILABILITY,
  type RegionAvailabilityTable,
} from '../../../constructs/detection/availability';
import { standardArn } from '../../../constructs/detection/private/standards';
import {
  ThreatDetection,
  type ThreatDetectionProps,
} from '../../../constructs/detection/threat-detection';

const ACCOUNT = '111122223333';

function build(region: string, props: ThreatDetectionProps = {}) {
  const stack = new Stack(new App(), 'Test', { env: { account: ACCOUNT, region } });
  const detection = new ThreatDetection(stack, 'Detection', props);
  return { stack, detection, template: Template.fromStack(stack) };
}

function features(template: Template): Array<Record<string, unknown>> {
  const detectors = Object.values(template.findResources('AWS::GuardDuty::Detector'));
  expect(detectors).toHaveLength(1);
  return detectors[0].Properties.Features;
}

describe('ThreatDetection in Tokyo (defaults)', () => {
  const { template, detection } = build('ap-northeast-1');

  test('GuardDuty detector publishes every 15 minutes and states every protection plan', () => {
    template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      DataSources: Match.absent(),
    });
    expect(features(template)).toEqual([
      { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
      { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' },
      { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
      { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
      { Name: 'LAMBDA_NETWORK_LOGS', Status: 'ENABLED' },
      { Name: 'RUNTIME_MONITORING', Status: 'DISABLED' },
    ]);
  });

  test('never writes the legacy EKS_RUNTIME_MONITORING feature (the API rejects it with RUNTIME_MONITORING)', () => {
    expect(features(template).map((f) => f.Name)).not.toContain('EKS_RUNTIME_MONITORING');
  });

  test('Security Hub is created without default standards and with consolidated control findings', () => {
    template.hasResourceProperties('AWS::SecurityHub::Hub', {
      EnableDefaultStandards: false,
      ControlFindingGenerator: 'SECURITY_CONTROL',
      AutoEnableControls: true,
    });
  });

  test('exactly one standard: AWS Foundational Security Best Practices v1.0.0, after the hub', () => {
    const standards = template.findResources('AWS::SecurityHub::Standard');
    expect(Object.values(standards)).toHaveLength(1);
    const [standard] = Object.values(standards);
    expect(standard.Properties.StandardsArn).toBe(
      'arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    );
    const hubId = Object.keys(template.findResources('AWS::SecurityHub::Hub'))[0];
    expect(standard.DependsOn).toContain(hubId);
  });

  test('IAM Access Analyzer for the account', () => {
    template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
  });

  test('nothing skipped and no warnings in Tokyo', () => {
    expect(detection.skipped).toEqual([]);
    expect(
      Annotations.fromStack(detection.node.scope as Stack).findWarning('*', Match.anyValue()),
    ).toEqual([]);
  });
});

describe('ThreatDetection options', () => {
  test('CIS benchmark v5.0.0 is added when cisStandard is true', () => {
    const { template } = build('ap-northeast-1', { cisStandard: true });
    const arns = Object.values(template.findResources('AWS::SecurityHub::Standard')).map(
      (r) => r.Properties.StandardsArn,
    );
    expect(arns).toEqual([
      'arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/5.0.0',
    ]);
  });

  test('CIS v3.0.0 can be chosen; cisVersion alone does not enable CIS', () => {
    const chosen = build('ap-northeast-1', { cisStandard: true, cisVersion: '3.0.0' });
    chosen.template.hasResourceProperties('AWS::SecurityHub::Standard', {
      StandardsArn:
        'arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
    });
    const versionOnly = build('ap-northeast-1', { cisVersion: '3.0.0' });
    versionOnly.template.resourceCountIs('AWS::SecurityHub::Standard', 1);
  });

  test('Runtime Monitoring with ECS Fargate agent management when asked', () => {
    const { template } = build('ap-northeast-1', {
      guardDutyProtection: { runtimeMonitoring: { ecsFargateAgentManagement: true } },
    });
    expect(features(template).find((f) => f.Name === 'RUNTIME_MONITORING')).toEqual({
      Name: 'RUNTIME_MONITORING',
      Status: 'ENABLED',
      AdditionalConfiguration: [
        { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' },
        { Name: 'EC2_AGENT_MANAGEMENT', Status: 'DISABLED' },
        { Name: 'EKS_ADDON_MANAGEMENT', Status: 'DISABLED' },
      ],
    });
  });

  test('a protection plan switched off is written as DISABLED, not dropped', () => {
    const { template } = build('ap-northeast-1', {
      guardDutyProtection: { s3DataEvents: false, lambdaNetworkLogs: false },
    });
    expect(features(template)).toEqual(
      expect.arrayContaining([
        { Name: 'S3_DATA_EVENTS', Status: 'DISABLED' },
        { Name: 'LAMBDA_NETWORK_LOGS', Status: 'DISABLED' },
        { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
      ]),
    );
  });

  test('services managed by the organization can be left out', () => {
    const stack = new Stack(new App(), 'Test', {
      env: { account: ACCOUNT, region: 'ap-northeast-1' },
    });
    // Keeps the template non-empty, which CloudFormation requires.
    new CfnWaitConditionHandle(stack, 'Placeholder');
    new ThreatDetection(stack, 'Detection', {
      guardDuty: false,
      securityHub: false,
      accessAnalyzer: false,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.resourceCountIs('AWS::SecurityHub::Hub', 0);
    template.resourceCountIs('AWS::SecurityHub::Standard', 0);
    template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
  });

  test('the hub is created after the Config recorder when given', () => {
    const stack = new Stack(new App(), 'Test', {
      env: { account: ACCOUNT, region: 'ap-northeast-1' },
    });
    const recorder = new config.CfnConfigurationRecorder(stack, 'Recorder', {
      roleArn: 'arn:aws:iam::111122223333:role/config',
    });
    new ThreatDetection(stack, 'Detection', { recorder });
    const hub = Object.values(Template.fromStack(stack).findResources('AWS::SecurityHub::Hub'))[0];
    expect(hub.DependsOn).toContain(stack.getLogicalId(recorder));
  });

  test('standardArn builds region-specific ARNs', () => {
    expect(standardArn('ap-northeast-3', 'cis-5.0.0')).toBe(
      'arn:aws:securityhub:ap-northeast-3::standards/cis-aws-foundations-benchmark/v/5.0.0',
    );
  });
});

describe('ThreatDetection in Osaka', () => {
  test('deploys everything documented as available, with the Osaka standard ARN', () => {
    const { template, detection } = build('ap-northeast-3', { cisStandard: true });
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
    template.hasResourceProperties('AWS::SecurityHub::Standard', {
      StandardsArn:
        'arn:aws:securityhub:ap-northeast-3::standards/aws-foundational-security-best-practices/v/1.0.0',
    });
    expect(detection.skipped).toEqual([]);
  });

  test('warns that GuardDuty in Osaka lacks the EC2 DNS-over-HTTPS/TLS finding types', () => {
    const { stack } = build('ap-northeast-3');
    Annotations.fromStack(stack).hasWarning(
      '/Test/Detection',
      Match.stringLikeRegexp('UnusualDoHActivity.*\\[ack: govcloud-jp:guardduty-coverage-gap\\]'),
    );
  });

  test('a capability marked unavailable is skipped with a warning naming it, the region and DET-2', () => {
    const table: RegionAvailabilityTable = {
      ...REGION_AVAILABILITY,
      'ap-northeast-3': {
        ...REGION_AVAILABILITY['ap-northeast-3'],
        'securityhub:cis-aws-foundations-benchmark/v/5.0.0': {
          available: false,
          evidence: 'https://example.com/cis',
          note: 'not offered here',
        },
        'guardduty:RDS_LOGIN_EVENTS': {
          available: false,
          evidence: 'https://example.com/rds',
        },
      },
    };
    const { stack, template, detection } = build('ap-northeast-3', {
      cisStandard: true,
      regionAvailability: table,
    });
    expect(detection.skipped).toEqual([
      'guardduty:RDS_LOGIN_EVENTS',
      'securityhub:cis-aws-foundations-benchmark/v/5.0.0',
    ]);
    template.resourceCountIs('AWS::SecurityHub::Standard', 1);
    expect(features(template).map((f) => f.Name)).not.toContain('RDS_LOGIN_EVENTS');
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning(
      '/Test/Detection',
      Match.stringLikeRegexp(
        'securityhub:cis-aws-foundations-benchmark/v/5.0.0 is skipped in ap-northeast-3 \\[DET-2\\]: not offered here \\(evidence: https://example.com/cis\\)',
      ),
    );
    annotations.hasWarning(
      '/Test/Detection',
      Match.stringLikeRegexp('guardduty:RDS_LOGIN_EVENTS is skipped in ap-northeast-3'),
    );
  });
});

describe('ThreatDetection validation', () => {
  test('refuses an environment-agnostic stack (REG-1)', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => new ThreatDetection(stack, 'Detection')).toThrow(
      /ThreatDetection region "\(unresolved\)" is not allowed \[REG-1\]: set env.region .* ap-northeast-1, ap-northeast-3/,
    );
  });

  test('refuses a region outside Japan (REG-1)', () => {
    expect(() => build('us-east-1')).toThrow(
      /ThreatDetection region "us-east-1" is not allowed \[REG-1\]/,
    );
  });

  test('refuses an unknown CIS version', () => {
    expect(() =>
      build('ap-northeast-1', { cisVersion: '1.2.0' as unknown as '5.0.0', cisStandard: true }),
    ).toThrow(/ThreatDetection cisVersion "1.2.0" is not supported \[DET-2\]: use "5.0.0"/);
  });

  test('refuses an unknown publishing frequency', () => {
    expect(() =>
      build('ap-northeast-1', {
        findingPublishingFrequency: 'DAILY' as unknown as 'ONE_HOUR',
      }),
    ).toThrow(/ThreatDetection findingPublishingFrequency "DAILY" is invalid \[DET-2\]/);
  });
});
