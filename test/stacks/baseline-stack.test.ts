import * as fs from 'fs';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildGovCloudApp } from '../../lib/app';
import { parseConfig } from '../../lib/config';
import { GovCloudBaselineStack } from '../../lib/stacks/baseline-stack';
import { collectFindings } from '../../lib/testing/nag';
import { appLikeCli } from '../support/app';

const config = parseConfig({
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'production',
  notificationEmails: ['soc@example.jp'],
  logRetentionDays: 731,
});
const app = appLikeCli();
const { baselines } = buildGovCloudApp(app, config);
const [tokyo, osaka] = baselines.map((s) => Template.fromStack(s));

describe('GovCloudBaselineStack wiring', () => {
  test('one stack per Japanese region, home region first', () => {
    expect(baselines.map((s) => [s.stackName, s.region, s.isHomeRegion])).toEqual([
      ['juki-Baseline-Tokyo', 'ap-northeast-1', true],
      ['juki-Baseline-Osaka', 'ap-northeast-3', false],
    ]);
  });

  test('the multi-region trail and its Object Lock archive exist in the home region only', () => {
    tokyo.resourceCountIs('AWS::CloudTrail::Trail', 1);
    osaka.resourceCountIs('AWS::CloudTrail::Trail', 0);
    tokyo.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 731 } },
      },
    });
    expect(
      Object.keys(
        osaka.findResources('AWS::S3::Bucket', { Properties: { ObjectLockEnabled: true } }),
      ),
    ).toEqual([]);
  });

  test('config retention reaches the trail log group', () => {
    tokyo.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
  });

  test('each region pre-creates the account-wide RDSOSMetrics group: own key, config retention, retained, guarded (LOG-5)', () => {
    for (const template of [tokyo, osaka]) {
      const groups = Object.values(
        template.findResources('AWS::Logs::LogGroup', {
          Properties: { LogGroupName: 'RDSOSMetrics' },
        }),
      );
      expect(groups).toHaveLength(1);
      const [group] = groups as Array<{
        Properties: Record<string, unknown>;
        DeletionPolicy: string;
      }>;
      expect(group.DeletionPolicy).toBe('Retain');
      expect(group.Properties).toMatchObject({
        RetentionInDays: 731,
        KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^RdsOsMetricsKey/), 'Arn'] },
      });
      // A baseline resource: the guard's tag-scoped deny keeps guarded principals off it.
      expect(group.Properties.Tags).toEqual(
        expect.arrayContaining([{ Key: 'govcloud-jp:baseline', Value: 'protected' }]),
      );
    }
  });

  test('detection.rdsOsMetricsLogGroup false leaves the group out, where it already exists', () => {
    const off = parseConfig({
      municipality: { name: '架空市', code: '139998' },
      systemName: 'juki',
      environment: 'production',
      notificationEmails: ['soc@example.jp'],
      detection: { rdsOsMetricsLogGroup: false },
    });
    const built = buildGovCloudApp(appLikeCli(), off);
    for (const stack of built.baselines) {
      expect(
        Template.fromStack(stack).findResources('AWS::Logs::LogGroup', {
          Properties: { LogGroupName: 'RDSOSMetrics' },
        }),
      ).toEqual({});
    }
  });

  test('every region records configuration; global resources only at home (DET-1)', () => {
    tokyo.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
    });
    osaka.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
    });
  });

  test('every resource carries the environment, municipality and system tags', () => {
    const expected = [
      { Key: 'Environment', Value: 'production' },
      { Key: 'MunicipalityCode', Value: '139998' },
      { Key: 'System', Value: 'juki' },
      { Key: 'govcloud-jp:baseline', Value: 'protected' },
    ];
    for (const template of [tokyo, osaka]) {
      for (const tag of expected) {
        template.allResourcesProperties('AWS::KMS::Key', { Tags: Match.arrayWith([tag]) });
      }
    }
  });

  test('composed alone into a vendor app, the stack tags itself (IAM-6, TEN-3)', () => {
    const vendorApp = appLikeCli();
    const stack = new GovCloudBaselineStack(vendorApp, 'Vendor-Baseline', {
      config,
      isHomeRegion: true,
      env: { region: 'ap-northeast-1' },
    });
    for (const tag of [
      { Key: 'Environment', Value: 'production' },
      { Key: 'MunicipalityCode', Value: '139998' },
      { Key: 'System', Value: 'juki' },
    ]) {
      Template.fromStack(stack).allResourcesProperties('AWS::S3::Bucket', {
        Tags: Match.arrayWith([tag]),
      });
    }
    const tagFindings = collectFindings(vendorApp).filter((f) =>
      ['GCJ-IAM6-EnvironmentTag', 'GCJ-TEN3-MunicipalityTag'].includes(f.ruleId),
    );
    expect(tagFindings).toEqual([]);
  });

  test('no assets and no Lambda-backed custom resources (StackSets-ready)', () => {
    for (const template of [tokyo, osaka]) {
      template.resourceCountIs('AWS::Lambda::Function', 0);
      expect(
        Object.values(template.toJSON().Resources as Record<string, { Type: string }>).filter((r) =>
          r.Type.startsWith('Custom::'),
        ),
      ).toEqual([]);
    }
  });

  test('the only asset of each baseline is its own template (no files, no images)', () => {
    const assembly = app.synth();
    for (const stack of baselines) {
      const manifest = JSON.parse(
        fs.readFileSync(path.join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'),
      ) as { files: Record<string, { source: { path: string } }>; dockerImages: object };
      expect(Object.values(manifest.files).map((f) => f.source.path)).toEqual([
        `${stack.artifactId}.template.json`,
      ]);
      expect(manifest.dockerImages).toEqual({});
    }
  });

  test('each template stays under half of the CloudFormation limits (500 resources, 1 MB)', () => {
    for (const template of [tokyo, osaka]) {
      const json = template.toJSON();
      expect(Object.keys(json.Resources).length).toBeLessThan(250);
      expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(512 * 1024);
    }
  });
});
