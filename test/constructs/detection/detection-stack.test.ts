import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SecurityAlerts } from '../../../constructs/alerts';
import { CostGuard } from '../../../constructs/cost';
import { ConfigRules, ThreatDetection } from '../../../constructs/detection';
import { PurposeKey } from '../../../constructs/keys/purpose-key';

/** A region's share of the baseline that this folder owns, wired the way the stack wires it. */
function detectionStack(region: 'ap-northeast-1' | 'ap-northeast-3', home: boolean) {
  const app = new App();
  const stack = new Stack(app, `Detection-${region}`, {
    env: { account: '111122223333', region },
  });
  // Stand-ins for what other constructs provide: the Config recorder and the trail log group.
  const recorderRole = new iam.Role(stack, 'RecorderRole', {
    assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
  });
  const recorder = new config.CfnConfigurationRecorder(stack, 'Recorder', {
    roleArn: recorderRole.roleArn,
  });
  const logKey = new PurposeKey(stack, 'LogKey', { purpose: 'audit-logs' });
  const trailLogGroup = home
    ? new logs.LogGroup(stack, 'TrailLogs', {
        retention: logs.RetentionDays.THIRTEEN_MONTHS,
        encryptionKey: logKey.key,
        removalPolicy: RemovalPolicy.RETAIN,
      })
    : undefined;

  new ThreatDetection(stack, 'ThreatDetection', { cisStandard: true, recorder });
  new ConfigRules(stack, 'ConfigRules', {
    recorder,
    includeGlobalResourceRules: home,
    retention: logs.RetentionDays.THIRTEEN_MONTHS,
  });
  const alerts = new SecurityAlerts(stack, 'SecurityAlerts', {
    notificationEmails: ['security@kaku-city.example.jp'],
    trailLogGroup,
    watchedRoles: [
      {
        id: 'BreakGlass',
        label: 'break-glass',
        roleArn: recorderRole.roleArn,
        requirement: 'IAM-1',
      },
    ],
  });
  new CostGuard(stack, 'CostGuard', { monthlyBudgetUsd: 1000, alertTopic: alerts });
  return { app, stack };
}

describe.each([
  ['ap-northeast-1', true],
  ['ap-northeast-3', false],
] as const)('all detection constructs in %s (home region: %s)', (region, home) => {
  const { app, stack } = detectionStack(region, home);
  const template = Template.fromStack(stack);

  test('no Lambda function, no custom resource', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::CloudFormation::CustomResource', 0);
    const types = Object.values(template.toJSON().Resources).map(
      (r) => (r as { Type: string }).Type,
    );
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });

  test('no assets in the cloud assembly', () => {
    const artifact = app.synth().getStackArtifact(stack.artifactId);
    expect(artifact.assets).toEqual([]);
  });

  test('cdk-nag AwsSolutions: no unacknowledged error-level finding', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const errors = report.violations
      .filter((v) => v.severity === 'error' || v.severity === 'fatal')
      .map((v) => `${v.ruleName}: ${JSON.stringify(v.violatingResources)}`);
    expect(errors).toEqual([]);
  });

  test('stays far below the CloudFormation limits of 500 resources and 1 MB', () => {
    const json = template.toJSON();
    expect(Object.keys(json.Resources).length).toBeLessThan(250);
    expect(JSON.stringify(json).length).toBeLessThan(1_000_000 / 4);
  });
});
