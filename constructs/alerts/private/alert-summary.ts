import type { AlertSummary } from '../alert-types';
import type { EventAlertSpec } from './event-alerts';
import type { MetricAlarmSpec } from './metric-alarms';

/** The report's view of a spec, without the kind of its detection. */
export function summary(spec: EventAlertSpec | MetricAlarmSpec): Omit<AlertSummary, 'kind'> {
  return {
    id: spec.id,
    requirements: spec.requirements,
    description: spec.description,
    ...('securityHubControl' in spec && spec.securityHubControl
      ? { securityHubControl: spec.securityHubControl }
      : {}),
  };
}
