import { Annotations, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IDependable } from 'constructs';
import type { RequirementId } from '../../domain/requirements';
import { PurposeKey } from '../keys/purpose-key';
import { eventAlertSpecs, type EventAlertSpec, type WatchedRole } from './event-alerts';
import {
  CIS_METRIC_ALARMS,
  EXTRA_METRIC_ALARMS,
  roleUsePattern,
  type MetricAlarmSpec,
} from './metric-alarms';
import { recordImplements } from '../core/implements';
import { defaultDeployerArns, deployerOnlyStatement, validateDeployerArns } from '../core/deployer';

/**
 * A KMS-encrypted topic that other constructs may let an AWS service publish to (e.g. AWS
 * Budgets). `SecurityAlerts` implements it.
 */
export interface IAlertTopic {
  /** The topic. */
  readonly topic: sns.ITopic;
  /**
   * Lets `servicePrincipal` publish to the topic and use its key, only for this account
   * (`aws:SourceAccount`) and only from resources matching `sourceArn` (`aws:SourceArn`).
   * Returns the topic policy, for resources that must be created after it.
   */
  grantServicePublish(servicePrincipal: string, sourceArn: string): IDependable | undefined;
}

/** One alert the construct created, for the compliance report and the README. */
export interface AlertSummary {
  /** The spec id. */
  readonly id: string;
  /** How it is detected. */
  readonly kind: 'eventbridge-rule' | 'metric-filter-alarm';
  /** Requirement IDs it serves. */
  readonly requirements: readonly RequirementId[];
  /** What a notification means. */
  readonly description: string;
  /** Security Hub CSPM control it satisfies, for the CIS CloudWatch alarms. */
  readonly securityHubControl?: string;
}

export interface SecurityAlertsProps {
  /**
   * E-mail addresses subscribed to the topic. Each address receives a confirmation mail it
   * must accept before alerts arrive.
   * @default - no subscription (add one later with `topic.addSubscription`)
   */
  readonly notificationEmails?: readonly string[];
  /**
   * The log group the multi-region CloudTrail trail delivers to. The CIS metric-filter
   * alarms (CloudWatch.1–14) and the IAM / watched-role alarms are created on it. Give it in
   * the home region, where the trail delivers; leave it out elsewhere.
   * @default - no metric-filter alarms in this stack
   */
  readonly trailLogGroup?: logs.ILogGroup;
  /**
   * Roles whose every use is reported: the break-glass role of the representative
   * administrator (代表者, IAM-1) and the Digital Agency's role (デジタル庁, IAM-5).
   * @default - none
   */
  readonly watchedRoles?: readonly WatchedRole[];
  /**
   * Lowest GuardDuty finding severity that alerts. Only lowering is allowed: 7.0 is the
   * lowest HIGH severity, and everything above it (HIGH 7.0–8.9, CRITICAL 9.0–10.0) alerts.
   * @default 7
   */
  readonly guardDutyMinSeverity?: number;
  /**
   * Metric-filter alarms to leave out, by id (e.g. `UnauthorizedApiCalls` if it is too noisy).
   * @default - none
   */
  readonly excludeAlarms?: readonly string[];
  /**
   * EventBridge alerts to leave out, by id (e.g. `HealthEvent`).
   * @default - none
   */
  readonly excludeEventAlerts?: readonly string[];
  /**
   * CloudWatch namespace of the metric-filter metrics.
   * @default 'GovCloudJp/SecurityAlerts'
   */
  readonly metricNamespace?: string;
  /**
   * The customer-managed key of the topic.
   * @default - a new PurposeKey with purpose 'notifications'
   */
  readonly key?: PurposeKey;
  /**
   * The designated deployer (指定された配備主体): `aws:PrincipalArn` patterns of the roles that
   * deploy the baseline. The topic policy denies everyone else subscribing, unsubscribing,
   * changing subscription attributes (filter policies), topic attributes, permissions, the
   * data-protection policy and tags, and deleting the topic — also an account administrator
   * that carries neither the guard nor the boundary. The key's management is reserved to the
   * same roles ({@link PurposeKey.reserveManagementTo}). Publishing is not touched, so
   * EventBridge, CloudWatch and Budgets keep publishing. DET-3, KEY-2.
   * @default - the stack's CDK CloudFormation execution role (`cdk deploy`), or the StackSets
   *   and Control Tower execution roles when the stack is synthesized without bootstrap
   */
  readonly deployerArns?: readonly string[];
}

/**
 * Topic actions only the deployer may take (DET-3). `sns:ConfirmSubscription` is left out: an
 * e-mail recipient confirms through the link without AWS credentials, which a policy could not
 * bind anyway, and confirming only completes a subscription the deployer made.
 */
const TOPIC_CHANGE_ACTIONS = [
  'sns:Subscribe',
  'sns:Unsubscribe',
  'sns:SetSubscriptionAttributes',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:PutDataProtectionPolicy',
  'sns:DeleteTopic',
  'sns:TagResource',
  'sns:UntagResource',
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/**
 * Security alerting (セキュリティ通知・常時監視): one SNS topic encrypted with a
 * customer-managed key and reachable only over TLS, EventBridge rules for security-relevant
 * changes and findings, and CloudWatch metric-filter alarms on the multi-region trail's log
 * group for the CIS CloudWatch controls and for global (IAM) events.
 *
 * Implements DET-3 (and alerts for IAM-1, IAM-5 role use, LOG-2 tampering, KEY-2 key
 * deletion, NET changes and DET-2 findings).
 */
export class SecurityAlerts extends Construct implements IAlertTopic {
  /** The alert topic (通知トピック). */
  public readonly topic: sns.Topic;
  /**
   * Dead-letter queue (配信失敗キュー) of every alert delivery: events EventBridge could not
   * put on the topic and messages the topic could not deliver to a subscription land here,
   * encrypted with the notification key, for 14 days; `deadLetterAlarm` fires on the first
   * one (DET-3). A failed delivery is kept and alarmed, never dropped without a trace.
   */
  public readonly deadLetterQueue: sqs.Queue;
  /** Alarm on any message in {@link deadLetterQueue} (DET-3). */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The topic's customer-managed key. */
  public readonly key: kms.Key;
  /** The EventBridge rules, by spec id. */
  public readonly eventRules: Readonly<Record<string, events.Rule>>;
  /** The metric-filter alarms, by spec id. */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  /** Every alert created, with its requirement IDs. */
  public readonly alerts: readonly AlertSummary[];

  private readonly purposeKey: PurposeKey;
  private readonly publishers = new Map<string, IDependable | undefined>();

  constructor(scope: Construct, id: string, props: SecurityAlertsProps = {}) {
    super(scope, id);
    recordImplements(this, 'DET-3');
    const emails = props.notificationEmails ?? [];
    for (const email of emails) {
      if (!EMAIL.test(email)) {
        throw new Error(
          `SecurityAlerts notificationEmails "${email}" is not an e-mail address [DET-3]: give addresses like security@example.lg.jp.`,
        );
      }
    }
    const minSeverity = props.guardDutyMinSeverity ?? 7;
    if (!(minSeverity >= 1 && minSeverity <= 7)) {
      throw new Error(
        `SecurityAlerts guardDutyMinSeverity "${minSeverity}" is out of range [DET-3]: use a number from 1 to 7; above 7 HIGH findings would not alert.`,
      );
    }
    const namespace = props.metricNamespace ?? 'GovCloudJp/SecurityAlerts';
    if (!/^[^:]{1,255}$/.test(namespace) || namespace.startsWith('AWS/')) {
      throw new Error(
        `SecurityAlerts metricNamespace "${namespace}" is invalid [DET-3]: use 1-255 characters without ":" and not starting with "AWS/".`,
      );
    }
    const watchedRoles = props.watchedRoles ?? [];
    for (const role of watchedRoles) {
      if (!ID.test(role.id)) {
        throw new Error(
          `SecurityAlerts watchedRoles id "${role.id}" is invalid [${role.requirement}]: use letters and digits starting with a letter, e.g. "BreakGlass".`,
        );
      }
    }
    const duplicate = watchedRoles.find(
      (r, i) => watchedRoles.findIndex((o) => o.id === r.id) !== i,
    );
    if (duplicate) {
      throw new Error(
        `SecurityAlerts watchedRoles id "${duplicate.id}" is used twice [DET-3]: give each watched role a distinct id.`,
      );
    }

    const eventSpecs = eventAlertSpecs({ guardDutyMinSeverity: minSeverity, watchedRoles });
    const alarmSpecs: MetricAlarmSpec[] = [
      ...CIS_METRIC_ALARMS,
      ...EXTRA_METRIC_ALARMS,
      ...watchedRoles.map((role) => ({
        id: `RoleUse${role.id}`,
        requirements: [role.requirement, 'DET-3'] as RequirementId[],
        description: `The watched role ${role.label} was assumed or used`,
        pattern: roleUsePattern(role.roleArn),
      })),
    ];
    checkExclusions('excludeEventAlerts', props.excludeEventAlerts, eventSpecs);
    checkExclusions('excludeAlarms', props.excludeAlarms, alarmSpecs);

    const deployerArns = props.deployerArns ?? defaultDeployerArns(this);
    validateDeployerArns('SecurityAlerts', 'deployerArns', deployerArns, 'DET-3');
    this.purposeKey = props.key ?? new PurposeKey(this, 'Key', { purpose: 'notifications' });
    this.purposeKey.reserveManagementTo(deployerArns);
    this.key = this.purposeKey.key;
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'govcloud-jp security alerts',
      masterKey: this.key,
      enforceSSL: true,
      // SHA256 signatures on delivered messages.
      signatureVersion: '2',
    });
    this.topic.addToResourcePolicy(
      deployerOnlyStatement({
        sid: 'DenyTopicChangesExceptDeployer',
        actions: TOPIC_CHANGE_ACTIONS,
        resources: [this.topic.topicArn],
        deployerArns,
      }),
    );
    const stack = Stack.of(this);
    this.grantServicePublish(
      'events.amazonaws.com',
      `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/*`,
    );
    this.grantServicePublish(
      'cloudwatch.amazonaws.com',
      `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
    );
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the alert deliveries (EventBridge targets, SNS subscriptions); SQS3 recognises only queues that are the dead-letter queue of another queue (DET-3).',
    });
    this.deadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventsDeadLetters',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/*`,
          },
        },
      }),
    );
    // SNS encrypts what it moves to the dead-letter queue with the queue's key. A pattern, not
    // the topic's ARN: the key policy may not refer to a topic that refers to the key.
    this.purposeKey.grantServiceUse('sns.amazonaws.com', {
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      sourceArns: [`arn:${stack.partition}:sns:${stack.region}:${stack.account}:*`],
    });
    // The alarm's action is the topic itself: if the topic is what fails, the alarm state in
    // CloudWatch (and Security Hub's view of it) still shows the loss.
    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription:
        '[DET-3] A security alert could not be delivered and waits in the dead-letter queue',
    });
    this.deadLetterAlarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    for (const email of emails) {
      this.topic.addSubscription(
        new subscriptions.EmailSubscription(email, { deadLetterQueue: this.deadLetterQueue }),
      );
    }

    const summaries: AlertSummary[] = [];
    const rules: Record<string, events.Rule> = {};
    const target: events.IRuleTarget = {
      // The topic policy already admits EventBridge rules of this account; the default SNS
      // target would add a second, unconditioned statement.
      bind: () => ({
        arn: this.topic.topicArn,
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        // EventBridge retries for up to 24 hours before it gives an event to the queue.
        retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
      }),
    };
    for (const spec of eventSpecs) {
      if (props.excludeEventAlerts?.includes(spec.id)) {
        continue;
      }
      const rule = new events.Rule(this, spec.id, {
        description: `[${spec.requirements.join(', ')}] ${spec.description}`.slice(0, 512),
        eventPattern: spec.pattern,
      });
      rule.addTarget(target);
      rules[spec.id] = rule;
      summaries.push({ ...summary(spec), kind: 'eventbridge-rule' });
    }
    this.eventRules = rules;

    const alarms: Record<string, cloudwatch.Alarm> = {};
    if (props.trailLogGroup) {
      const action = new cloudwatchActions.SnsAction(this.topic);
      for (const spec of alarmSpecs) {
        if (props.excludeAlarms?.includes(spec.id)) {
          continue;
        }
        if (!Token.isUnresolved(spec.pattern) && spec.pattern.length > 1024) {
          throw new Error(
            `SecurityAlerts alarm "${spec.id}" pattern is ${spec.pattern.length} characters [DET-3]: CloudWatch Logs accepts at most 1024; shorten the role ARN or split the alarm.`,
          );
        }
        const filter = new logs.MetricFilter(this, `${spec.id}Filter`, {
          logGroup: props.trailLogGroup,
          filterPattern: logs.FilterPattern.literal(spec.pattern),
          metricNamespace: namespace,
          metricName: spec.id,
          metricValue: '1',
        });
        const alarm = new cloudwatch.Alarm(this, `${spec.id}Alarm`, {
          metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          alarmDescription: `[${spec.requirements.join(', ')}]${spec.securityHubControl ? ` (${spec.securityHubControl})` : ''} ${spec.description}`,
        });
        alarm.addAlarmAction(action);
        alarms[spec.id] = alarm;
        summaries.push({ ...summary(spec), kind: 'metric-filter-alarm' });
      }
    } else {
      Annotations.of(this).addInfo(
        'SecurityAlerts: no trailLogGroup, so no metric-filter alarms here [DET-3]. IAM, root and console sign-in events are alarmed only where the multi-region trail delivers (the home region).',
      );
    }
    this.alarms = alarms;
    this.alerts = summaries;
  }

  public grantServicePublish(servicePrincipal: string, sourceArn: string): IDependable | undefined {
    if (this.publishers.has(servicePrincipal)) {
      return this.publishers.get(servicePrincipal);
    }
    const account = Stack.of(this).account;
    const { policyDependable } = this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `Allow${servicePrincipal.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}Publish`,
        principals: [new iam.ServicePrincipal(servicePrincipal)],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': sourceArn },
        },
      }),
    );
    this.purposeKey.grantServiceUse(servicePrincipal, {
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    });
    this.publishers.set(servicePrincipal, policyDependable);
    return policyDependable;
  }
}

function summary(spec: EventAlertSpec | MetricAlarmSpec): Omit<AlertSummary, 'kind'> {
  return {
    id: spec.id,
    requirements: spec.requirements,
    description: spec.description,
    ...('securityHubControl' in spec && spec.securityHubControl
      ? { securityHubControl: spec.securityHubControl }
      : {}),
  };
}

function checkExclusions(
  prop: string,
  excluded: readonly string[] | undefined,
  specs: readonly { id: string }[],
): void {
  for (const id of excluded ?? []) {
    if (!specs.some((s) => s.id === id)) {
      throw new Error(
        `SecurityAlerts ${prop} "${id}" is not an alert of this construct [DET-3]: use one of ${specs.map((s) => s.id).join(', ')}.`,
      );
    }
  }
}
