import type { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { asList, isObject, isTrue, resolve } from './values';

/** Continuous backup restores to any point within 5 minutes (AWS Backup), in hours. */
export const CONTINUOUS_INTERVAL_HOURS = 5 / 60;

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Values of one cron field over 0..size-1 (`*`, `a`, `a,b`, `a-b`, `*\/n`, `a/n`); undefined if unread. */
function fieldValues(
  field: string,
  size: number,
  names: readonly string[] = [],
): number[] | undefined {
  const toNumber = (s: string): number => {
    const named = names.indexOf(s.toUpperCase());
    return named >= 0 ? named : Number(s);
  };
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, step] = part.split('/');
    const every = step === undefined ? 1 : Number(step);
    let from = 0;
    let to = size - 1;
    if (range !== '*') {
      const [a, b] = range.split('-');
      from = toNumber(a);
      to = b === undefined ? (step === undefined ? from : size - 1) : toNumber(b);
    }
    if (![from, to, every].every((n) => Number.isInteger(n)) || every < 1 || from > to) {
      return undefined;
    }
    for (let v = from; v <= to && v < size; v += every) values.add(v);
  }
  return [...values].sort((x, y) => x - y);
}

/** Longest gap between consecutive values on a cycle of `size`. */
function longestGap(values: readonly number[], size: number): number {
  return Math.max(
    ...values.map((v, i) => (i + 1 < values.length ? values[i + 1] - v : size - v + values[0])),
  );
}

/**
 * The longest time, in hours, between two runs of an AWS Backup schedule expression
 * (`cron(m h dom mon dow year)` or `rate(n unit)`): the data a failure can lose. Day-of-month
 * and month restrictions are treated as monthly (744 h); undefined when the expression cannot be
 * read, which rules treat as not meeting the RPO.
 */
export function scheduleIntervalHours(expression: string): number | undefined {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    return rate[2].startsWith('minute') ? n / 60 : rate[2].startsWith('hour') ? n : n * 24;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = cron?.[1].trim().split(/\s+/);
  if (!fields || fields.length !== 6) return undefined;
  const [minute, hour, dom, month, dow] = fields;
  const minutes = fieldValues(minute, 60);
  const hours = fieldValues(hour, 24);
  if (!minutes || !hours) return undefined;
  const anyDay = (f: string) => f === '*' || f === '?';
  if (!anyDay(dom) || month !== '*') return 31 * 24;
  const days = anyDay(dow)
    ? [0, 1, 2, 3, 4, 5, 6]
    : fieldValues(dow.replace(/#\d$|L$/, ''), 7, DAYS);
  if (!days || days.length === 0) return undefined;
  const dayGap = longestGap(days, 7);
  if (dayGap > 1) {
    // Runs on some weekdays only: the gap spans the days without a run.
    return (dayGap - 1) * 24 + longestGap(hours, 24);
  }
  const hourGap = longestGap(hours, 24);
  return hours.length === 24 ? longestGap(minutes, 60) / 60 : hourGap;
}

/** One rule of a backup plan as the availability rules read it. */
export interface PlanRule {
  /** Longest hours between two recovery points; undefined when the schedule cannot be read. */
  readonly intervalHours?: number;
  /** Destination vault ARNs (or references) of the rule's copy actions. */
  readonly copyTargets: readonly unknown[];
}

/** The rules of a backup plan with their interval (continuous backup: 5 minutes). */
export function planRules(plan: CfnBackupPlan): PlanRule[] {
  const body: unknown = resolve(plan, plan.backupPlan);
  if (!isObject(body)) return [];
  return asList(body.backupPlanRule)
    .filter(isObject)
    .map((rule) => {
      const continuous = isTrue(plan, rule.enableContinuousBackup);
      const expression = rule.scheduleExpression;
      return {
        intervalHours: continuous
          ? CONTINUOUS_INTERVAL_HOURS
          : typeof expression === 'string'
            ? scheduleIntervalHours(expression)
            : undefined,
        copyTargets: asList(rule.copyActions)
          .filter(isObject)
          .map((a) => a.destinationBackupVaultArn),
      };
    });
}
