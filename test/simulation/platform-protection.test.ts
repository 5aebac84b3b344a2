/**
 * PLAT-1 by IAM policy simulation on the gcas app (config/gcas.json): the tenant's roles
 * cannot change what the platform (Control Tower) runs in the account, the platform's own
 * roles are never blocked, and the tenant's own work goes on. The platform resource names
 * below are the ones Control Tower documents for a member account, written out here rather
 * than taken from the construct.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildGovCloudApp } from '../../lib/app';
import { parseConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';
import { ResolvedTemplate, type Json, type PolicyJson } from './support/resolve-template';
import { callerOf, simulate, type Caller } from './support/simulate';

jest.setTimeout(120_000);

const ACCOUNT = '111111111111';
const REGION = 'ap-northeast-1';
const raw = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../config/gcas.json'), 'utf8'),
) as Record<string, unknown>;
const config = parseConfig({ ...raw, accountId: ACCOUNT });
const { baselines } = buildGovCloudApp(appLikeCli(), config);
const template = Template.fromStack(baselines[0]).toJSON() as Record<string, Json>;
const resolved = new ResolvedTemplate(template, ACCOUNT, REGION);

const a = (service: string, resource: string) =>
  `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Changes to Control Tower's resources in a member account (名前は Control Tower の既定). */
const TAMPER: Array<[string, string]> = [
  ['cloudtrail:StopLogging', a('cloudtrail', 'trail/aws-controltower-BaselineCloudTrail')],
  ['cloudtrail:DeleteTrail', a('cloudtrail', 'trail/aws-controltower-BaselineCloudTrail')],
  ['cloudtrail:PutEventSelectors', a('cloudtrail', 'trail/aws-controltower-BaselineCloudTrail')],
  ['config:StopConfigurationRecorder', '*'],
  ['config:DeleteConfigurationRecorder', '*'],
  ['config:DeleteDeliveryChannel', '*'],
  ['iam:DeleteRole', role('AWSControlTowerExecution')],
  ['iam:UpdateAssumeRolePolicy', role('AWSControlTowerExecution')],
  ['iam:AttachRolePolicy', role('aws-controltower-ConfigRecorderRole')],
  ['iam:PutRolePolicy', role('aws-controltower-ForwardSnsNotificationRole')],
  ['iam:CreateRole', role('AWSControlTowerExecution')],
  ['iam:CreateRole', role('stacksets-exec-0123456789abcdef')],
  ['iam:CreateRole', role('tenant/aws-controltower-Impostor')],
  ['lambda:UpdateFunctionCode', a('lambda', 'function:aws-controltower-NotificationForwarder')],
  ['sns:DeleteTopic', a('sns', 'aws-controltower-SecurityNotifications')],
  ['events:DisableRule', a('events', 'rule/aws-controltower-ConfigComplianceChangeEventRule')],
  ['events:RemoveTargets', a('events', 'rule/AWSControlTowerManagedRule')],
  ['sns:SetTopicAttributes', a('sns', 'aws-controltower-AllConfigNotifications')],
  ['logs:DeleteLogGroup', a('logs', 'log-group:aws-controltower/CloudTrailLogs')],
  ['logs:PutRetentionPolicy', a('logs', 'log-group:aws-controltower/CloudTrailLogs')],
  [
    'cloudformation:DeleteStack',
    a('cloudformation', 'stack/StackSet-AWSControlTowerBP-BASELINE-CONFIG-abc/0000-1111'),
  ],
];

/** The tenant's own resources, which the operator must still manage. */
const LEGITIMATE: Array<[string, string]> = [
  ['lambda:UpdateFunctionCode', a('lambda', 'function:juki-batch')],
  ['sns:DeleteTopic', a('sns', 'juki-notices')],
  ['cloudformation:UpdateStack', a('cloudformation', 'stack/juki-app/0000-1111')],
  ['config:DescribeConfigurationRecorders', '*'],
  ['events:PutTargets', a('events', 'rule/juki-nightly-batch')],
];

const roleId = (prefix: string) => resolved.logicalId('AWS::IAM::Role', prefix);
const tenant = (prefix: string): Caller => callerOf(resolved.role(roleId(prefix)), prefix);
const platformPolicy = (() => {
  const [id] = resolved.logicalIds('AWS::IAM::ManagedPolicy', 'PlatformProtection');
  return resolved.managedPolicy(resolved.ref(id));
})();
const ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
/** A platform role that carries the policy too: the exemption must hold even then. */
const platformCaller = (name: string): Caller => ({
  label: name,
  principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/session`,
  principalArn: role(name),
  identityPolicies: [{ name: 'Admin', policy: ADMIN }, platformPolicy],
});

const sim = (caller: Caller, [action, resource]: [string, string]) =>
  simulate(caller, { action, resource, region: REGION });

const counts = { tamperDenied: 0, tamperTried: 0, platformAllowed: 0, platformTried: 0 };
afterAll(() => {
  console.log(
    `PLAT-1 simulation: tenant tamper denied ${counts.tamperDenied}/${counts.tamperTried}, platform roles allowed ${counts.platformAllowed}/${counts.platformTried}`,
  );
});

describe.each(['AccessRolesOperatorRole', 'AccessRolesDigitalAgencyRole'])(
  '%s (broad allows)',
  (prefix) => {
    test.each(TAMPER)('%s on %s is explicitly denied', async (action, resource) => {
      counts.tamperTried++;
      const decision = await sim(tenant(prefix), [action, resource]);
      if (decision === 'ExplicitlyDenied') counts.tamperDenied++;
      expect(decision).toBe('ExplicitlyDenied');
    });
  },
);

describe.each(['AccessRolesDelegateRole', 'AccessRolesSubDelegateRole'])('%s', (prefix) => {
  test.each(TAMPER)('%s on %s is denied', async (action, resource) => {
    counts.tamperTried++;
    const decision = await sim(tenant(prefix), [action, resource]);
    if (decision !== 'Allowed') counts.tamperDenied++;
    expect(decision).not.toBe('Allowed');
  });
});

describe.each([
  'AWSControlTowerExecution',
  'aws-controltower-ConfigRecorderRole',
  'stacksets-exec-0123456789abcdef',
])('platform role %s', (name) => {
  test.each(TAMPER)('%s on %s is not blocked', async (action, resource) => {
    counts.platformTried++;
    const decision = await sim(platformCaller(name), [action, resource]);
    if (decision === 'Allowed') counts.platformAllowed++;
    expect(decision).toBe('Allowed');
  });
});

test('a role merely named like the platform under another path is not exempt', async () => {
  const impostor: Caller = {
    ...platformCaller('x'),
    principalArn: role('tenant/aws-controltower-Impostor'),
  };
  expect(await sim(impostor, TAMPER[0])).toBe('ExplicitlyDenied');
});

test.each(LEGITIMATE)('the operator may still %s on %s', async (action, resource) => {
  expect(await sim(tenant('AccessRolesOperatorRole'), [action, resource])).toBe('Allowed');
});
