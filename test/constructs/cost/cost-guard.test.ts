import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SecurityAlerts } from '../../../constructs/alerts/security-alerts';
import { CostGuard, type CostGuardProps } from '../../../constructs/cost/cost-guard';

const ACCOUNT = '111122223333';

function build(
  props: Partial<CostGuardProps> & { withTopic?: boolean } = {},
  region = 'ap-northeast-1',
) {
  const stack = new Stack(new App(), 'Test', { env: { account: ACCOUNT, region } });
  new CfnWaitConditionHandle(stack, 'Placeholder');
  const alerts = props.withTopic === false ? undefined : new SecurityAlerts(stack, 'Alerts');
  const guard = new CostGuard(stack, 'Cost', {
    monthlyBudgetUsd: 1200,
    alertTopic: alerts,
    notificationEmails: ['finance@kaku-city.example.jp'],
    ...props,
  });
  return { stack, guard, alerts, template: Template.fromStack(stack) };
}

describe('CostGuard in Tokyo (DET-4)', () => {
  const { template, stack, alerts, guard } = build();
  const topicId = stack.getLogicalId(alerts!.topic.node.defaultChild as never);
  const subscribers = [
    { SubscriptionType: 'EMAIL', Address: 'finance@kaku-city.example.jp' },
    { SubscriptionType: 'SNS', Address: { Ref: topicId } },
  ];

  test('a monthly cost budget in USD', () => {
    template.resourceCountIs('AWS::Budgets::Budget', 1);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 1200, Unit: 'USD' },
        CostFilters: Match.absent(),
      },
    });
  });

  test('notifies at 80 % of actual and 100 % of forecast spend, by e-mail and on the topic', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: [
        {
          Notification: {
            NotificationType: 'ACTUAL',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: 80,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: subscribers,
        },
        {
          Notification: {
            NotificationType: 'FORECASTED',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: 100,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: subscribers,
        },
      ],
    });
  });

  test('AWS Budgets may publish to the topic, only for this account', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': ACCOUNT },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:budgets::${ACCOUNT}:*`]],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  test("AWS Budgets may use the topic's key, only for this account", () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          }),
        ]),
      },
    });
  });

  test('the budget is created after the topic policy (Budgets checks its permission)', () => {
    const budget = Object.values(template.findResources('AWS::Budgets::Budget'))[0];
    const policyId = Object.keys(template.findResources('AWS::SNS::TopicPolicy'))[0];
    expect(budget.DependsOn).toContain(policyId);
    expect(guard.budget).toBeDefined();
  });
});

describe('CostGuard options', () => {
  test('per-municipality budget filters on the cost-allocation tag (TEN-3)', () => {
    const { template } = build({ municipalityCode: '131016', monthlyBudgetUsd: 300 });
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetLimit: { Amount: 300, Unit: 'USD' },
        CostFilters: { TagKeyValue: ['user:MunicipalityCode$131016'] },
      },
    });
  });

  test('custom thresholds, tag key and name', () => {
    const { template } = build({
      alerts: [
        { thresholdPercent: 50, type: 'ACTUAL' },
        { thresholdPercent: 90, type: 'ACTUAL' },
        { thresholdPercent: 120, type: 'FORECASTED' },
      ],
      municipalityCode: '011002',
      costAllocationTagKey: 'Tenant',
      budgetName: 'kaku-city-juki',
    });
    const budget = Object.values(template.findResources('AWS::Budgets::Budget'))[0];
    expect(budget.Properties.Budget.BudgetName).toBe('kaku-city-juki');
    expect(budget.Properties.Budget.CostFilters).toEqual({
      TagKeyValue: ['user:Tenant$011002'],
    });
    expect(
      budget.Properties.NotificationsWithSubscribers.map(
        (n: { Notification: { Threshold: number; NotificationType: string } }) =>
          `${n.Notification.NotificationType}:${n.Notification.Threshold}`,
      ),
    ).toEqual(['ACTUAL:50', 'ACTUAL:90', 'FORECASTED:120']);
  });

  test('e-mail only, without a topic', () => {
    const { template } = build({ withTopic: false });
    const budget = Object.values(template.findResources('AWS::Budgets::Budget'))[0];
    expect(budget.Properties.NotificationsWithSubscribers[0].Subscribers).toEqual([
      { SubscriptionType: 'EMAIL', Address: 'finance@kaku-city.example.jp' },
    ]);
    template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
  });
});

describe('CostGuard in Osaka', () => {
  test('creates no budget and warns: AWS::Budgets::Budget is not a CloudFormation type there', () => {
    const { template, stack, guard } = build({}, 'ap-northeast-3');
    template.resourceCountIs('AWS::Budgets::Budget', 0);
    expect(guard.budget).toBeUndefined();
    Annotations.fromStack(stack).hasWarning(
      '/Test/Cost',
      Match.stringLikeRegexp(
        'cloudformation:AWS::Budgets::Budget is skipped in ap-northeast-3 \\[DET-4\\]: .*create the budget in the Tokyo stack .*cfn-lint.*ap_northeast_3',
      ),
    );
  });

  test('and does not open the topic to AWS Budgets there', () => {
    const { template } = build({}, 'ap-northeast-3');
    const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0].Properties
      .PolicyDocument.Statement;
    expect(
      statements.filter(
        (s: { Principal?: { Service?: string } }) =>
          s.Principal?.Service === 'budgets.amazonaws.com',
      ),
    ).toEqual([]);
  });
});

describe('CostGuard validation', () => {
  test.each<[string, Partial<CostGuardProps> & { withTopic?: boolean }, RegExp]>([
    [
      'a zero budget',
      { monthlyBudgetUsd: 0 },
      /CostGuard monthlyBudgetUsd "0" is invalid \[DET-4\]/,
    ],
    [
      'six thresholds',
      {
        alerts: Array.from({ length: 6 }, () => ({
          thresholdPercent: 50,
          type: 'ACTUAL' as const,
        })),
      },
      /CostGuard alerts "6 thresholds" is invalid \[DET-4\]: give one to five thresholds/,
    ],
    ['no thresholds', { alerts: [] }, /CostGuard alerts "0 thresholds" is invalid \[DET-4\]/],
    [
      'a zero threshold',
      { alerts: [{ thresholdPercent: 0, type: 'ACTUAL' }] },
      /CostGuard alerts thresholdPercent "0" is out of range \[DET-4\]/,
    ],
    [
      'an unknown threshold type',
      { alerts: [{ thresholdPercent: 80, type: 'PLANNED' as unknown as 'ACTUAL' }] },
      /CostGuard alerts type "PLANNED" is invalid \[DET-4\]: use "ACTUAL" or "FORECASTED"/,
    ],
    [
      'eleven e-mail addresses',
      { notificationEmails: Array.from({ length: 11 }, (_, i) => `a${i}@example.jp`) },
      /CostGuard notificationEmails "11 addresses" is too many \[DET-4\]: AWS Budgets accepts at most 10/,
    ],
    [
      'a malformed e-mail',
      { notificationEmails: ['finance'] },
      /CostGuard notificationEmails "finance" is not an e-mail address \[DET-4\]/,
    ],
    [
      'no recipient at all',
      { withTopic: false, notificationEmails: [] },
      /CostGuard notificationEmails "\[\]" leaves the budget without recipients \[DET-4\]/,
    ],
    [
      'a municipality code with a wrong check digit',
      { municipalityCode: '131017' },
      /CostGuard municipalityCode "131017" has check digit 7, but the first five digits give 6 \[TEN-3\]/,
    ],
    [
      'a tag key with "$" (it separates key and value in the filter)',
      { municipalityCode: '131016', costAllocationTagKey: 'Muni$Code' },
      /CostGuard costAllocationTagKey "Muni\$Code" is invalid \[TEN-3\]/,
    ],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('refuses a stack outside Japan (REG-1)', () => {
    expect(() => build({}, 'us-east-1')).toThrow(
      /CostGuard region "us-east-1" is not allowed \[REG-1\]/,
    );
  });
});
