import { Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { GovCloudError } from '../../core/errors';
import type { WatchedRole } from '../alert-types';
import type { MetricAlarmSpec } from './metric-alarms';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** The props of SecurityAlerts this module checks, with their defaults applied. */
export interface CheckedAlertSettings {
  readonly emails: readonly string[];
  readonly minSeverity: number;
  readonly namespace: string;
  readonly watchedRoles: readonly WatchedRole[];
}

/** Checks the e-mails, the GuardDuty severity, the namespace and the watched roles (DET-3). */
export function checkAlertSettings(
  scope: Construct,
  props: {
    readonly notificationEmails?: readonly string[];
    readonly guardDutyMinSeverity?: number;
    readonly metricNamespace?: string;
    readonly watchedRoles?: readonly WatchedRole[];
  },
): CheckedAlertSettings {
  const emails = props.notificationEmails ?? [];
  for (const email of emails) {
    if (!EMAIL.test(email)) {
      throw new GovCloudError({
        code: 'SecurityAlertsEmailInvalid',
        problem: `SecurityAlerts notificationEmails "${email}" is not an e-mail address`,
        requirement: 'DET-3',
        fix: 'give addresses like security@example.lg.jp.',
        scope,
      });
    }
  }
  const minSeverity = props.guardDutyMinSeverity ?? 7;
  if (!(minSeverity >= 1 && minSeverity <= 7)) {
    throw new GovCloudError({
      code: 'SecurityAlertsGuardDutySeverityOutOfRange',
      problem: `SecurityAlerts guardDutyMinSeverity "${minSeverity}" is out of range`,
      requirement: 'DET-3',
      fix: 'use a number from 1 to 7; above 7 HIGH findings would not alert.',
      scope,
    });
  }
  const namespace = props.metricNamespace ?? 'GovCloudJp/SecurityAlerts';
  if (!/^[^:]{1,255}$/.test(namespace) || namespace.startsWith('AWS/')) {
    throw new GovCloudError({
      code: 'SecurityAlertsMetricNamespaceInvalid',
      problem: `SecurityAlerts metricNamespace "${namespace}" is invalid`,
      requirement: 'DET-3',
      fix: 'use 1-255 characters without ":" and not starting with "AWS/".',
      scope,
    });
  }
  const watchedRoles = props.watchedRoles ?? [];
  for (const role of watchedRoles) {
    if (!ID.test(role.id)) {
      throw new GovCloudError({
        code: 'SecurityAlertsWatchedRoleIdInvalid',
        problem: `SecurityAlerts watchedRoles id "${role.id}" is invalid`,
        requirement: role.requirement,
        fix: 'use letters and digits starting with a letter, e.g. "BreakGlass".',
        scope,
      });
    }
  }
  const duplicate = watchedRoles.find((r, i) => watchedRoles.findIndex((o) => o.id === r.id) !== i);
  if (duplicate) {
    throw new GovCloudError({
      code: 'SecurityAlertsWatchedRoleIdDuplicate',
      problem: `SecurityAlerts watchedRoles id "${duplicate.id}" is used twice`,
      requirement: 'DET-3',
      fix: 'give each watched role a distinct id.',
      scope,
    });
  }
  return { emails, minSeverity, namespace, watchedRoles };
}

/** Refuses an excluded id that names no alert of the construct (DET-3). */
export function checkExclusions(
  scope: Construct,
  prop: string,
  excluded: readonly string[] | undefined,
  specs: readonly { id: string }[],
): void {
  for (const id of excluded ?? []) {
    if (!specs.some((s) => s.id === id)) {
      throw new GovCloudError({
        code: 'SecurityAlertsExclusionUnknown',
        problem: `SecurityAlerts ${prop} "${id}" is not an alert of this construct`,
        requirement: 'DET-3',
        fix: `use one of ${specs.map((s) => s.id).join(', ')}.`,
        scope,
      });
    }
  }
}

/** Refuses a filter pattern CloudWatch Logs would reject at deployment (DET-3). */
export function checkPatternLength(scope: Construct, spec: MetricAlarmSpec): void {
  if (!Token.isUnresolved(spec.pattern) && spec.pattern.length > 1024) {
    throw new GovCloudError({
      code: 'SecurityAlertsPatternTooLong',
      problem: `SecurityAlerts alarm "${spec.id}" pattern is ${spec.pattern.length} characters`,
      requirement: 'DET-3',
      fix: 'CloudWatch Logs accepts at most 1024; shorten the role ARN or split the alarm.',
      scope,
    });
  }
}
