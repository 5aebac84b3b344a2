import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { RequirementId } from '../../domain/requirements';

/**
 * A KMS-encrypted topic that other constructs may let an AWS service publish to (e.g. AWS
 * Budgets). `SecurityAlerts` implements it.
 */
export interface IAlertTopic {
  /** The topic. */
  readonly topic: sns.ITopic;
  /**
   * Lets `service` publish to the topic and use its key, only for this account
   * (`aws:SourceAccount`) and only from resources matching `sourceArn` (`aws:SourceArn`). A
   * second call for the same service adds its `sourceArn` to the same statement. The grant
   * depends on the topic policy, for resources that must be created after it (DET-3).
   */
  grantServicePublish(service: iam.ServicePrincipal, sourceArn: string): iam.Grant;
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

/** Role whose every use is reported: break-glass (IAM-1) or the Digital Agency's role (IAM-5). */
export interface WatchedRole {
  /** Identifier used in construct ids and metric names: ASCII letters and digits, e.g. "BreakGlass". */
  readonly id: string;
  /** Label for alarm and rule descriptions, e.g. "break-glass (代表者)". */
  readonly label: string;
  /** The role ARN (a token such as `role.roleArn` is fine). */
  readonly roleArn: string;
  /** IAM-1 for the representative administrator's break-glass role, IAM-5 for the Digital Agency's. */
  readonly requirement: 'IAM-1' | 'IAM-5';
}
