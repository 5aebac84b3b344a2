import * as fs from 'fs';
import * as path from 'path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildGovCloudApp } from '../../lib/app';
import { parseConfig, resolvePlan } from '../../lib/config';
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
      plan: resolvePlan(config),
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

describe('the designated deployer of the key, bucket and topic policies (LOG-2, KEY-2, DET-3)', () => {
  /** Deployer patterns of the deployer-only statement of every key, bucket and topic policy. */
  function deployersOf(stack: GovCloudBaselineStack, statements: number): unknown[] {
    const resources = Template.fromStack(stack).toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, { Statement: Record<string, unknown>[] }> }
    >;
    const documents = Object.values(resources).flatMap((r) =>
      r.Type === 'AWS::KMS::Key'
        ? [r.Properties.KeyPolicy]
        : ['AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy'].includes(r.Type)
          ? [r.Properties.PolicyDocument]
          : [],
    );
    const patterns = documents.flatMap((d) =>
      d.Statement.filter((s) => String(s.Sid).endsWith('ExceptDeployer')).map((s) =>
        JSON.stringify((s.Condition as Record<string, Record<string, unknown>>).ArnNotLike),
      ),
    );
    // One per key (RDSOSMetrics included), two per archive or access-log bucket (bucket, objects),
    // one for the topic.
    expect(patterns).toHaveLength(statements);
    return [...new Set(patterns)].map((p) => JSON.parse(p)['aws:PrincipalArn']);
  }

  test('cdk deploy: the CloudFormation execution role of the bootstrap, per Region', () => {
    expect(deployersOf(baselines[0], 4 + 3 * 2 + 1)).toEqual([
      [
        {
          'Fn::Join': [
            '',
            [
              'arn:aws:iam::',
              { Ref: 'AWS::AccountId' },
              ':role/cdk-hnb659fds-cfn-exec-role-',
              { Ref: 'AWS::AccountId' },
              '-ap-northeast-1',
            ],
          ],
        },
      ],
    ]);
    expect(JSON.stringify(deployersOf(baselines[1], 3 + 2 * 2 + 1))).toContain('-ap-northeast-3');
  });

  test('-c stackset=true: the StackSets and Control Tower execution roles', () => {
    const stackSetApp = appLikeCli();
    const [home] = buildGovCloudApp(stackSetApp, config, { stackSet: true }).baselines;
    const [patterns] = deployersOf(home, 4 + 3 * 2 + 1) as unknown[][];
    expect(JSON.stringify(patterns)).toMatch(
      /stacksets-exec-\*.*AWSCloudFormationStackSetExecutionRole.*AWSControlTowerExecution/,
    );
    expect(JSON.stringify(patterns)).not.toContain('cfn-exec-role');
  });

  test('access.baselineDeployerArns replaces the default; gcas mode adds the platform roles', () => {
    const deployer = 'arn:aws:iam::111122223333:role/govcloud-deployer';
    const gcas = parseConfig({
      ...config,
      accountId: '111122223333',
      platform: { mode: 'gcas', trailMetricAlarms: false },
      access: { baselineDeployerArns: [deployer] },
      acknowledgements: [],
    });
    const [home] = buildGovCloudApp(appLikeCli(), gcas).baselines;
    expect(home.deployerArns).toEqual([
      deployer,
      ...[
        'AWSControlTowerExecution',
        'AWSControlTower*',
        'aws-controltower-*',
        'stacksets-exec-*',
      ].map((n) => `arn:aws:iam::111122223333:role/${n}`),
    ]);
    // gcas: the platform's trail and recorder, so no archives; the alert key and topic remain.
    expect(deployersOf(home, 2 + 1)).toEqual([home.deployerArns]);
  });
});
