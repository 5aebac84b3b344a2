import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RequirementId } from '../../domain/requirements';
import { PurposeKey } from '../keys/purpose-key';
import { ENVELOPE_ACTIONS } from '../core/kms-perms';
import { recordImplements } from '../core/implements';
import { acknowledgeFindings } from '../core/nag-finding';
import { defaultDeployerArns, deployerOnlyStatement, validateDeployerArns } from '../core/deployer';
import type { AlertSummary, IAlertTopic, WatchedRole } from './alert-types';
import { summary } from './private/alert-summary';
import { eventAlertSpecs } from './private/event-alerts';
import {
  CIS_METRIC_ALARMS,
  EXTRA_METRIC_ALARMS,
  roleUsePattern,
  type MetricAlarmSpec,
} from './private/metric-alarms';
import { TOPIC_CHANGE_ACTIONS } from './private/perms';
import { checkAlertSettings, checkExclusions, checkPatternLength } from './private/validate';

/** Properties of {@link SecurityAlerts}. */
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
  /** One topic-policy statement per publishing service, with the sources it admits. */
  private readonly publishers = new Map<
    string,
    { statement: iam.PolicyStatement; sourceArns: string[]; grant: iam.Grant }
  >();

  constructor(scope: Construct, id: string, props: SecurityAlertsProps = {}) {
    super(scope, id);
    recordImplements(this, 'DET-3');
    const { emails, minSeverity, namespace, watchedRoles } = checkAlertSettings(this, props);

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
    checkExclusions(this, 'excludeEventAlerts', props.excludeEventAlerts, eventSpecs);
    checkExclusions(this, 'excludeAlarms', props.excludeAlarms, alarmSpecs);

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
      new iam.ServicePrincipal('events.amazonaws.com'),
      `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/*`,
    );
    this.grantServicePublish(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
    );
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeFindings(this.deadLetterQueue, {
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the alert deliveries (EventBridge targets, SNS subscriptions); SQS3 recognises only queues that are the dead-letter queue of another queue (DET-3).',
      reasonJa:
        'このキュー自体が通知の配信（EventBridge のターゲット、SNS のサブスクリプション）のデッドレターキューである。SQS3 は、別のキューのデッドレターキューとして設定されたキューしか認識しない（DET-3）。',
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
    this.purposeKey.grantServiceUse(new iam.ServicePrincipal('sns.amazonaws.com'), {
      actions: ENVELOPE_ACTIONS,
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
        checkPatternLength(this, spec);
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

  public grantServicePublish(service: iam.ServicePrincipal, sourceArn: string): iam.Grant {
    const known = this.publishers.get(service.service);
    if (known) {
      // One statement per service: a second source joins the first one's ArnLike list.
      if (!known.sourceArns.includes(sourceArn)) {
        known.sourceArns.push(sourceArn);
        known.statement.addCondition('ArnLike', { 'aws:SourceArn': [...known.sourceArns] });
      }
      return known.grant;
    }
    const statement = new iam.PolicyStatement({
      sid: `Allow${service.service.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}Publish`,
      principals: [service],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        ArnLike: { 'aws:SourceArn': sourceArn },
      },
    });
    const grant = iam.Grant.addStatementToResourcePolicy({
      grantee: service,
      actions: ['sns:Publish'],
      resourceArns: [this.topic.topicArn],
      resource: this.topic,
      statement,
    });
    this.purposeKey.grantServiceUse(service, { actions: ENVELOPE_ACTIONS });
    this.publishers.set(service.service, { statement, sourceArns: [sourceArn], grant });
    return grant;
  }
}
