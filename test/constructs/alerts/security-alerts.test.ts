import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  CIS_METRIC_ALARMS,
  EXTRA_METRIC_ALARMS,
} from '../../../constructs/alerts/private/metric-alarms';
import {
  SecurityAlerts,
  type SecurityAlertsProps,
} from '../../../constructs/alerts/security-alerts';
import { matchesEventPattern, matchesFilterPattern } from './matchers';

const ACCOUNT = '111122223333';
const BREAK_GLASS = 'arn:aws:iam::111122223333:role/govcloud-jp/BreakGlass';
const AGENCY = 'arn:aws:iam::111122223333:role/DigitalAgencyAdmin';

type Props = Omit<SecurityAlertsProps, 'trailLogGroup'> & { withLogGroup?: boolean };

function build(props: Props = {}, region = 'ap-northeast-1') {
  const stack = new Stack(new App(), 'Test', { env: { account: ACCOUNT, region } });
  const trailLogGroup =
    props.withLogGroup === false
      ? undefined
      : logs.LogGroup.fromLogGroupName(stack, 'TrailLogs', 'govcloud-jp-trail');
  const alerts = new SecurityAlerts(stack, 'Alerts', {
    notificationEmails: ['security@kaku-city.example.jp'],
    watchedRoles: [
      {
        id: 'BreakGlass',
        label: 'break-glass (代表者)',
        roleArn: BREAK_GLASS,
        requirement: 'IAM-1',
      },
      {
        id: 'DigitalAgency',
        label: 'Digital Agency (デジタル庁)',
        roleArn: AGENCY,
        requirement: 'IAM-5',
      },
    ],
    trailLogGroup,
    ...props,
  });
  return { stack, alerts, template: Template.fromStack(stack) };
}

const { template, alerts, stack } = build();

/** The event pattern of a rule, by spec id. */
function patternOf(id: string): Record<string, unknown> {
  const logicalId = stack.getLogicalId(alerts.eventRules[id].node.defaultChild as never);
  return template.toJSON().Resources[logicalId].Properties.EventPattern;
}

/** Every rule whose pattern matches the event. */
function rulesMatching(event: Record<string, unknown>): string[] {
  return Object.keys(alerts.eventRules).filter((id) => matchesEventPattern(patternOf(id), event));
}

const apiCall = (source: string, eventSource: string, eventName: string, extra = {}) => ({
  source: source,
  'detail-type': 'AWS API Call via CloudTrail',
  detail: { eventSource, eventName, ...extra },
});

const guardDutyFinding = (severity: number) => ({
  source: 'aws.guardduty',
  'detail-type': 'GuardDuty Finding',
  detail: { severity, type: 'UnauthorizedAccess:EC2/SSHBruteForce' },
});

const securityHubFinding = (finding: Record<string, unknown>) => ({
  source: 'aws.securityhub',
  'detail-type': 'Security Hub Findings - Imported',
  detail: {
    findings: [
      {
        Severity: { Label: 'CRITICAL' },
        Compliance: { Status: 'FAILED' },
        Workflow: { Status: 'NEW' },
        RecordState: 'ACTIVE',
        ...finding,
      },
    ],
  },
});

describe('SecurityAlerts topic and key (KEY-1, KEY-3)', () => {
  test('the topic is encrypted with the notifications customer-managed key and signs with SHA256', () => {
    const keyId = stack.getLogicalId(alerts.key.node.defaultChild as never);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      SignatureVersion: '2',
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/govcloud-jp/notifications',
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test.each(['events.amazonaws.com', 'cloudwatch.amazonaws.com'])(
    'the key lets %s generate data keys and decrypt, only for this account',
    (service) => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            {
              Sid: Match.anyValue(),
              Effect: 'Allow',
              Principal: { Service: service },
              Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
            },
          ]),
        },
      });
    },
  );

  test('the topic policy denies publishing without TLS to everyone', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test.each([
    ['events.amazonaws.com', 'events', 'rule/*'],
    ['cloudwatch.amazonaws.com', 'cloudwatch', 'alarm:*'],
  ])(
    '%s may publish only for this account and its own %s resources',
    (service, arnService, resource) => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: service },
              Action: 'sns:Publish',
              Condition: {
                StringEquals: { 'aws:SourceAccount': ACCOUNT },
                ArnLike: {
                  'aws:SourceArn': {
                    'Fn::Join': [
                      '',
                      [
                        'arn:',
                        { Ref: 'AWS::Partition' },
                        `:${arnService}:ap-northeast-1:${ACCOUNT}:${resource}`,
                      ],
                    ],
                  },
                },
              },
            }),
          ]),
        },
      });
    },
  );

  test('no Allow statement in the topic policy lacks conditions', () => {
    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    expect(policies).toHaveLength(1);
    for (const statement of policies[0].Properties.PolicyDocument.Statement) {
      expect(statement.Condition).toBeDefined();
    }
  });

  test('e-mail addresses are subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'security@kaku-city.example.jp',
    });
  });
});

describe('SecurityAlerts.grantServicePublish (DET-3)', () => {
  test("a second caller's sourceArn joins the service's statement instead of being dropped", () => {
    const stack = new Stack(new App(), 'Grants', {
      env: { account: ACCOUNT, region: 'ap-northeast-1' },
    });
    const topic = new SecurityAlerts(stack, 'Alerts');
    const budgets = new iam.ServicePrincipal('budgets.amazonaws.com');
    const first = topic.grantServicePublish(budgets, 'arn:aws:budgets::111122223333:budget/a');
    const second = topic.grantServicePublish(
      new iam.ServicePrincipal('budgets.amazonaws.com'),
      'arn:aws:budgets::111122223333:budget/b',
    );
    topic.grantServicePublish(budgets, 'arn:aws:budgets::111122223333:budget/a');
    expect(second).toBe(first);
    const resources = Template.fromStack(stack).toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, { Statement: Record<string, unknown>[] }> }
    >;
    const statementsOf = (type: string, field: string) =>
      Object.values(resources)
        .filter((r) => r.Type === type)
        .flatMap((r) => r.Properties[field].Statement);
    const publish = statementsOf('AWS::SNS::TopicPolicy', 'PolicyDocument').filter(
      (st) => st.Sid === 'AllowbudgetsPublish',
    );
    expect(publish).toHaveLength(1);
    expect(publish[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: {
        'aws:SourceArn': [
          'arn:aws:budgets::111122223333:budget/a',
          'arn:aws:budgets::111122223333:budget/b',
        ],
      },
    });
    expect(
      statementsOf('AWS::KMS::Key', 'KeyPolicy').filter((st) => st.Sid === 'AllowbudgetsUse'),
    ).toHaveLength(1);
  });
});

describe('SecurityAlerts EventBridge rules (DET-3)', () => {
  test('every rule targets the alert topic, with the dead-letter queue for failed deliveries', () => {
    const topicId = stack.getLogicalId(alerts.topic.node.defaultChild as never);
    const queueId = stack.getLogicalId(alerts.deadLetterQueue.node.defaultChild as never);
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(Object.keys(alerts.eventRules).length);
    for (const rule of rules) {
      expect(rule.Properties.Targets).toEqual([
        {
          Arn: { Ref: topicId },
          Id: 'Target0',
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
        },
      ]);
      expect(rule.Properties.State).toBe('ENABLED');
    }
  });

  test('the GuardDuty rule uses numeric >= 7 with no upper bound', () => {
    expect(patternOf('GuardDutyFinding')).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', 7] }] },
    });
  });

  test.each([
    [7, true],
    [8.9, true],
    [9, true],
    [9.5, true],
    [10, true],
    [6.9, false],
    [5, false],
  ])('a GuardDuty finding of severity %d alerts: %s', (severity, expected) => {
    expect(matchesEventPattern(patternOf('GuardDutyFinding'), guardDutyFinding(severity))).toBe(
      expected,
    );
  });

  test('guardDutyMinSeverity can be lowered (e.g. to 4 for MEDIUM)', () => {
    const lowered = build({ guardDutyMinSeverity: 4 });
    const id = lowered.stack.getLogicalId(
      lowered.alerts.eventRules.GuardDutyFinding.node.defaultChild as never,
    );
    const pattern = lowered.template.toJSON().Resources[id].Properties.EventPattern;
    expect(pattern.detail.severity).toEqual([{ numeric: ['>=', 4] }]);
    expect(matchesEventPattern(pattern, guardDutyFinding(4))).toBe(true);
    expect(matchesEventPattern(pattern, guardDutyFinding(9.9))).toBe(true);
  });

  test('the Security Hub rule selects new, active, failed CRITICAL/HIGH control findings', () => {
    expect(patternOf('SecurityHubFailedControl')).toEqual({
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      detail: {
        findings: {
          Severity: { Label: ['CRITICAL', 'HIGH'] },
          Compliance: { Status: ['FAILED'] },
          Workflow: { Status: ['NEW'] },
          RecordState: ['ACTIVE'],
        },
      },
    });
  });

  test.each([
    ['a CRITICAL failed control', {}, true],
    ['a HIGH failed control', { Severity: { Label: 'HIGH' } }, true],
    ['a MEDIUM failed control', { Severity: { Label: 'MEDIUM' } }, false],
    ['a passed control', { Compliance: { Status: 'PASSED' } }, false],
    ['a suppressed finding', { Workflow: { Status: 'SUPPRESSED' } }, false],
    ['an archived finding', { RecordState: 'ARCHIVED' }, false],
    // GuardDuty findings reach Security Hub without Compliance: alerted once, by the GuardDuty rule.
    ['a GuardDuty finding imported into Security Hub', { Compliance: undefined }, false],
  ])('%s: alerts as expected', (_name, finding, expected) => {
    const event = JSON.parse(JSON.stringify(securityHubFinding(finding)));
    expect(matchesEventPattern(patternOf('SecurityHubFailedControl'), event)).toBe(expected);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'StopLogging',
      apiCall('aws.cloudtrail', 'cloudtrail.amazonaws.com', 'StopLogging'),
      'CloudTrailChange',
    ],
    [
      'DeleteTrail',
      apiCall('aws.cloudtrail', 'cloudtrail.amazonaws.com', 'DeleteTrail'),
      'CloudTrailChange',
    ],
    [
      'PutEventSelectors',
      apiCall('aws.cloudtrail', 'cloudtrail.amazonaws.com', 'PutEventSelectors'),
      'CloudTrailChange',
    ],
    [
      'StopConfigurationRecorder',
      apiCall('aws.config', 'config.amazonaws.com', 'StopConfigurationRecorder'),
      'ConfigChange',
    ],
    [
      'DeleteDeliveryChannel',
      apiCall('aws.config', 'config.amazonaws.com', 'DeleteDeliveryChannel'),
      'ConfigChange',
    ],
    [
      'DeleteDetector',
      apiCall('aws.guardduty', 'guardduty.amazonaws.com', 'DeleteDetector'),
      'GuardDutyChange',
    ],
    [
      'CreateFilter (suppression rule)',
      apiCall('aws.guardduty', 'guardduty.amazonaws.com', 'CreateFilter'),
      'GuardDutyChange',
    ],
    [
      'DisableSecurityHub',
      apiCall('aws.securityhub', 'securityhub.amazonaws.com', 'DisableSecurityHub'),
      'SecurityHubChange',
    ],
    [
      'BatchDisableStandards',
      apiCall('aws.securityhub', 'securityhub.amazonaws.com', 'BatchDisableStandards'),
      'SecurityHubChange',
    ],
    [
      'DeleteAnalyzer',
      apiCall('aws.access-analyzer', 'access-analyzer.amazonaws.com', 'DeleteAnalyzer'),
      'AccessAnalyzerChange',
    ],
    [
      'ScheduleKeyDeletion',
      apiCall('aws.kms', 'kms.amazonaws.com', 'ScheduleKeyDeletion'),
      'KeyDisableOrDeletion',
    ],
    ['DisableKey', apiCall('aws.kms', 'kms.amazonaws.com', 'DisableKey'), 'KeyDisableOrDeletion'],
    [
      'AuthorizeSecurityGroupIngress',
      apiCall('aws.ec2', 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress'),
      'NetworkChange',
    ],
    [
      'ReplaceNetworkAclEntry',
      apiCall('aws.ec2', 'ec2.amazonaws.com', 'ReplaceNetworkAclEntry'),
      'NetworkChange',
    ],
    ['CreateRoute', apiCall('aws.ec2', 'ec2.amazonaws.com', 'CreateRoute'), 'NetworkChange'],
    ['CreateVpc', apiCall('aws.ec2', 'ec2.amazonaws.com', 'CreateVpc'), 'NetworkChange'],
    [
      'AttachInternetGateway',
      apiCall('aws.ec2', 'ec2.amazonaws.com', 'AttachInternetGateway'),
      'NetworkChange',
    ],
    [
      'CreateTransitGatewayRoute',
      apiCall('aws.ec2', 'ec2.amazonaws.com', 'CreateTransitGatewayRoute'),
      'NetworkChange',
    ],
    ['DeleteFlowLogs', apiCall('aws.ec2', 'ec2.amazonaws.com', 'DeleteFlowLogs'), 'NetworkChange'],
    [
      'root console sign-in',
      {
        source: 'aws.signin',
        'detail-type': 'AWS Console Sign In via CloudTrail',
        detail: { eventName: 'ConsoleLogin', userIdentity: { type: 'Root' } },
      },
      'RootSignIn',
    ],
    [
      'break-glass role assumed',
      apiCall('aws.sts', 'sts.amazonaws.com', 'AssumeRole', {
        requestParameters: { roleArn: BREAK_GLASS },
      }),
      'WatchedRoleAssumed',
    ],
    [
      'Digital Agency role assumed through SAML',
      apiCall('aws.sts', 'sts.amazonaws.com', 'AssumeRoleWithSAML', {
        requestParameters: { roleArn: AGENCY },
      }),
      'WatchedRoleAssumed',
    ],
    [
      'AWS Health event',
      { source: 'aws.health', 'detail-type': 'AWS Health Event', detail: {} },
      'HealthEvent',
    ],
    [
      'Access Analyzer finding',
      {
        source: 'aws.access-analyzer',
        'detail-type': 'Access Analyzer Finding',
        detail: { status: 'ACTIVE' },
      },
      'AccessAnalyzerFinding',
    ],
  ])('%s alerts through exactly the expected rule', (_name, event, rule) => {
    expect(rulesMatching(event)).toEqual([rule]);
  });

  test.each<[string, Record<string, unknown>]>([
    [
      'an IAM user console sign-in',
      {
        source: 'aws.signin',
        'detail-type': 'AWS Console Sign In via CloudTrail',
        detail: { eventName: 'ConsoleLogin', userIdentity: { type: 'IAMUser' } },
      },
    ],
    [
      'assuming an unwatched role',
      apiCall('aws.sts', 'sts.amazonaws.com', 'AssumeRole', {
        requestParameters: { roleArn: 'arn:aws:iam::111122223333:role/app' },
      }),
    ],
    ['a read-only EC2 call', apiCall('aws.ec2', 'ec2.amazonaws.com', 'DescribeSecurityGroups')],
    ['a KMS decrypt', apiCall('aws.kms', 'kms.amazonaws.com', 'Decrypt')],
    ['a GuardDuty read call', apiCall('aws.guardduty', 'guardduty.amazonaws.com', 'GetFindings')],
  ])('%s raises no alert', (_name, event) => {
    expect(rulesMatching(event)).toEqual([]);
  });

  test('no rule listens for aws.iam: IAM events reach EventBridge in us-east-1 only', () => {
    for (const id of Object.keys(alerts.eventRules)) {
      expect(patternOf(id).source).not.toContain('aws.iam');
    }
  });

  test('rule descriptions start with their requirement IDs', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Description: Match.stringLikeRegexp('^\\[DET-2, DET-3\\] GuardDuty finding with severity 7'),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      Description: Match.stringLikeRegexp('^\\[IAM-1, IAM-5, DET-3\\] Watched role assumed'),
    });
  });

  test('without watched roles there is no role rule', () => {
    const none = build({ watchedRoles: [] });
    expect(none.alerts.eventRules.WatchedRoleAssumed).toBeUndefined();
  });
});

describe('SecurityAlerts metric-filter alarms on the trail log group (CIS CloudWatch.1-14)', () => {
  test('one filter and one alarm per CIS control, extra alarm and watched role', () => {
    const expected = CIS_METRIC_ALARMS.length + EXTRA_METRIC_ALARMS.length + 2;
    template.resourceCountIs('AWS::Logs::MetricFilter', expected);
    // Plus the alarm on the dead-letter queue.
    template.resourceCountIs('AWS::CloudWatch::Alarm', expected + 1);
    expect(CIS_METRIC_ALARMS.map((a) => a.securityHubControl)).toEqual(
      Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`),
    );
  });

  test('every alarm fires on a single match within five minutes and notifies the topic', () => {
    const topicId = stack.getLogicalId(alerts.topic.node.defaultChild as never);
    const filterAlarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.Namespace !== 'AWS/SQS',
    );
    expect(filterAlarms).toHaveLength(Object.keys(alerts.alarms).length);
    for (const alarm of filterAlarms) {
      expect(alarm.Properties).toMatchObject({
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        EvaluationPeriods: 1,
        Period: 300,
        Statistic: 'Sum',
        TreatMissingData: 'notBreaching',
        Namespace: 'GovCloudJp/SecurityAlerts',
        AlarmActions: [{ Ref: topicId }],
      });
    }
  });

  test('filters count 1 per matching event on the trail log group', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: 'govcloud-jp-trail',
      FilterPattern: CIS_METRIC_ALARMS[0].pattern,
      MetricTransformations: [
        { MetricName: 'RootUsage', MetricNamespace: 'GovCloudJp/SecurityAlerts', MetricValue: '1' },
      ],
    });
  });

  test('every static pattern fits the 1024-character limit', () => {
    for (const spec of [...CIS_METRIC_ALARMS, ...EXTRA_METRIC_ALARMS]) {
      expect(spec.pattern.length).toBeLessThanOrEqual(1024);
    }
  });

  const pattern = (id: string) =>
    [...CIS_METRIC_ALARMS, ...EXTRA_METRIC_ALARMS].find((a) => a.id === id)!.pattern;
  const ct = (fields: Record<string, unknown>) => ({
    eventVersion: '1.08',
    eventType: 'AwsApiCall',
    sourceIPAddress: '203.0.113.10',
    userIdentity: { type: 'AssumedRole' },
    ...fields,
  });

  test.each<[string, Record<string, unknown>, boolean]>([
    [
      'RootUsage',
      ct({
        eventName: 'ConsoleLogin',
        eventType: 'AwsConsoleSignIn',
        userIdentity: { type: 'Root' },
      }),
      true,
    ],
    ['RootUsage', ct({ eventName: 'ListBuckets', userIdentity: { type: 'Root' } }), true],
    [
      'RootUsage',
      ct({ eventName: 'Rotate', eventType: 'AwsServiceEvent', userIdentity: { type: 'Root' } }),
      false,
    ],
    [
      'RootUsage',
      ct({
        eventName: 'ListBuckets',
        userIdentity: { type: 'Root', invokedBy: 'support.amazonaws.com' },
      }),
      false,
    ],
    ['RootUsage', ct({ eventName: 'ListBuckets' }), false],
    [
      'UnauthorizedApiCalls',
      ct({ eventName: 'RunInstances', errorCode: 'Client.UnauthorizedOperation' }),
      true,
    ],
    ['UnauthorizedApiCalls', ct({ eventName: 'GetObject', errorCode: 'AccessDenied' }), true],
    // The ungrouped variant `A || B || x != y` matches this ordinary successful call.
    ['UnauthorizedApiCalls', ct({ eventName: 'DescribeInstances', errorCode: 'None' }), false],
    ['UnauthorizedApiCalls', ct({ eventName: 'HeadBucket', errorCode: 'AccessDenied' }), false],
    [
      'UnauthorizedApiCalls',
      ct({
        eventName: 'PutObject',
        errorCode: 'AccessDenied',
        sourceIPAddress: 'delivery.logs.amazonaws.com',
      }),
      false,
    ],
    [
      'ConsoleSignInWithoutMfa',
      ct({
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'IAMUser' },
        additionalEventData: { MFAUsed: 'No' },
        responseElements: { ConsoleLogin: 'Success' },
      }),
      true,
    ],
    [
      'ConsoleSignInWithoutMfa',
      ct({
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'IAMUser' },
        additionalEventData: { MFAUsed: 'Yes' },
        responseElements: { ConsoleLogin: 'Success' },
      }),
      false,
    ],
    ['IamPolicyChanges', ct({ eventName: 'AttachRolePolicy' }), true],
    ['IamPolicyChanges', ct({ eventName: 'GetPolicy' }), false],
    ['CloudTrailChanges', ct({ eventName: 'StopLogging' }), true],
    [
      'ConsoleAuthenticationFailures',
      ct({ eventName: 'ConsoleLogin', errorMessage: 'Failed authentication' }),
      true,
    ],
    [
      'KeyDisableOrDeletion',
      ct({ eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion' }),
      true,
    ],
    ['KeyDisableOrDeletion', ct({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt' }), false],
    [
      'S3BucketPolicyChanges',
      ct({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucketPolicy' }),
      true,
    ],
    [
      'ConfigChanges',
      ct({ eventSource: 'config.amazonaws.com', eventName: 'StopConfigurationRecorder' }),
      true,
    ],
    ['SecurityGroupChanges', ct({ eventName: 'AuthorizeSecurityGroupIngress' }), true],
    ['NetworkAclChanges', ct({ eventName: 'CreateNetworkAclEntry' }), true],
    ['NetworkGatewayChanges', ct({ eventName: 'AttachInternetGateway' }), true],
    [
      'RouteTableChanges',
      ct({ eventSource: 'ec2.amazonaws.com', eventName: 'ReplaceRoute' }),
      true,
    ],
    ['VpcChanges', ct({ eventName: 'ModifyVpcAttribute' }), true],
    [
      'IamPrincipalChanges',
      ct({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' }),
      true,
    ],
    [
      'IamPrincipalChanges',
      ct({ eventSource: 'iam.amazonaws.com', eventName: 'UpdateAssumeRolePolicy' }),
      true,
    ],
    [
      'IamPrincipalChanges',
      ct({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles' }),
      false,
    ],
    [
      'TransitGatewayChanges',
      ct({ eventSource: 'ec2.amazonaws.com', eventName: 'CreateTransitGatewayRoute' }),
      true,
    ],
    [
      'TransitGatewayChanges',
      ct({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeTransitGateways' }),
      false,
    ],
  ])('%s pattern, sample event #%#', (id, event, expected) => {
    expect(matchesFilterPattern(pattern(id), event)).toBe(expected);
  });

  test.each<[string, Record<string, unknown>, boolean]>([
    [
      'assuming the break-glass role',
      ct({ eventName: 'AssumeRole', requestParameters: { roleArn: BREAK_GLASS } }),
      true,
    ],
    [
      'acting in a break-glass session (console switch role)',
      ct({
        eventName: 'RunInstances',
        userIdentity: {
          type: 'AssumedRole',
          sessionContext: { sessionIssuer: { arn: BREAK_GLASS } },
        },
      }),
      true,
    ],
    [
      'assuming another role',
      ct({ eventName: 'AssumeRole', requestParameters: { roleArn: AGENCY } }),
      false,
    ],
  ])('break-glass alarm on %s', (_name, event, expected) => {
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
    const filter = filters.find(
      (f) => f.Properties.MetricTransformations[0].MetricName === 'RoleUseBreakGlass',
    );
    expect(matchesFilterPattern(filter!.Properties.FilterPattern, event)).toBe(expected);
  });

  test('alarm descriptions name requirement IDs and the Security Hub control', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp(
        '^\\[IAM-1, DET-3\\] \\(CloudWatch.1\\) The root user',
      ),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription:
        '[IAM-5, DET-3] The watched role Digital Agency (デジタル庁) was assumed or used',
    });
  });

  test('excluded alarms are not created', () => {
    const fewer = build({ excludeAlarms: ['UnauthorizedApiCalls'] });
    expect(fewer.alerts.alarms.UnauthorizedApiCalls).toBeUndefined();
    expect(fewer.alerts.alarms.RootUsage).toBeDefined();
  });

  test('without a trail log group (e.g. the DR region) there are no filters, and an info says why', () => {
    const dr = build({ withLogGroup: false }, 'ap-northeast-3');
    dr.template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    // Only the dead-letter queue's alarm.
    dr.template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    expect(Object.keys(dr.alerts.eventRules).length).toBeGreaterThan(0);
    Annotations.fromStack(dr.stack).hasInfo(
      '/Test/Alerts',
      Match.stringLikeRegexp('no trailLogGroup, so no metric-filter alarms here \\[DET-3\\]'),
    );
  });

  test('a failed delivery is kept in an encrypted queue and alarmed (DET-3)', () => {
    const topicId = stack.getLogicalId(alerts.topic.node.defaultChild as never);
    const keyId = stack.getLogicalId(alerts.key.node.defaultChild as never);
    const queueId = stack.getLogicalId(alerts.deadLetterQueue.node.defaultChild as never);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      MessageRetentionPeriod: 1209600,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
    for (const sub of Object.values(template.findResources('AWS::SNS::Subscription'))) {
      expect(sub.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      });
    }
  });

  test('the alert list covers every rule and alarm with requirement IDs', () => {
    expect(alerts.alerts).toHaveLength(
      Object.keys(alerts.eventRules).length + Object.keys(alerts.alarms).length,
    );
    expect(alerts.alerts.find((a) => a.id === 'VpcChanges')).toEqual({
      id: 'VpcChanges',
      kind: 'metric-filter-alarm',
      requirements: ['NET-1', 'DET-3'],
      description: 'A VPC or VPC peering connection was changed',
      securityHubControl: 'CloudWatch.14',
    });
  });
});

describe('SecurityAlerts validation', () => {
  test.each<[string, Props, RegExp]>([
    [
      'a malformed e-mail',
      { notificationEmails: ['security-at-example'] },
      /SecurityAlerts notificationEmails "security-at-example" is not an e-mail address \[DET-3\]/,
    ],
    [
      'a GuardDuty threshold above 7 (would drop HIGH findings)',
      { guardDutyMinSeverity: 8 },
      /SecurityAlerts guardDutyMinSeverity "8" is out of range \[DET-3\]: use a number from 1 to 7; above 7 HIGH findings would not alert/,
    ],
    [
      'a GuardDuty threshold below 1',
      { guardDutyMinSeverity: 0 },
      /guardDutyMinSeverity "0" is out of range \[DET-3\]/,
    ],
    [
      'a namespace reserved for AWS',
      { metricNamespace: 'AWS/Security' },
      /SecurityAlerts metricNamespace "AWS\/Security" is invalid \[DET-3\]/,
    ],
    [
      'a watched role id that is not ASCII',
      { watchedRoles: [{ id: '代表者', label: 'x', roleArn: BREAK_GLASS, requirement: 'IAM-1' }] },
      /SecurityAlerts watchedRoles id "代表者" is invalid \[IAM-1\]: use letters and digits/,
    ],
    [
      'two watched roles with one id',
      {
        watchedRoles: [
          { id: 'Admin', label: 'a', roleArn: BREAK_GLASS, requirement: 'IAM-1' },
          { id: 'Admin', label: 'b', roleArn: AGENCY, requirement: 'IAM-5' },
        ],
      },
      /SecurityAlerts watchedRoles id "Admin" is used twice \[DET-3\]/,
    ],
    [
      'excluding an unknown alarm',
      { excludeAlarms: ['RootUsed'] },
      /SecurityAlerts excludeAlarms "RootUsed" is not an alert of this construct \[DET-3\]: use one of RootUsage,/,
    ],
    [
      'excluding an unknown event alert',
      { excludeEventAlerts: ['Health'] },
      /SecurityAlerts excludeEventAlerts "Health" is not an alert of this construct \[DET-3\]/,
    ],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
