import type { Construct } from 'constructs';
import { GovCloudError } from '../../core/errors';
import type { DataTierProps } from '../data-tier';

/** Intervals RDS Enhanced Monitoring accepts, in seconds; 0 turns it off. */
const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60];

/** RDS cluster identifier rules: letter first, letters/digits/single hyphens, ≤ 63. */
const CLUSTER_IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$/;

/** The checks of `DataTier`'s props: identifier and monitoring (LOG-5), size (BAK-4). */
export function validateDataTier(scope: Construct, props: DataTierProps): void {
  if (!CLUSTER_IDENTIFIER.test(props.clusterIdentifier)) {
    throw new GovCloudError({
      code: 'DataTierClusterIdentifierInvalid',
      problem: `DataTier clusterIdentifier "${props.clusterIdentifier}" is not a valid RDS identifier`,
      requirement: 'LOG-5',
      fix: `use lowercase letters, digits and single hyphens, starting with a letter, at most 63 characters.`,
      scope: scope,
    });
  }
  if (
    props.instanceClass !== undefined &&
    !/^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(props.instanceClass)
  ) {
    throw new GovCloudError({
      code: 'DataTierInstanceClassInvalid',
      problem: `DataTier instanceClass "${props.instanceClass}" is not an RDS instance class`,
      requirement: 'BAK-4',
      fix: `use e.g. "db.r7g.large", or leave it out for Serverless v2.`,
      scope: scope,
    });
  }
  const interval = props.monitoringIntervalSeconds ?? 0;
  if (!MONITORING_INTERVALS.includes(interval)) {
    throw new GovCloudError({
      code: 'DataTierMonitoringIntervalNotAllowed',
      problem: `DataTier monitoringIntervalSeconds "${interval}" is not allowed`,
      requirement: 'LOG-5',
      fix: `use 1, 5, 10, 15, 30 or 60 (Enhanced Monitoring), or 0 to turn it off.`,
      scope: scope,
    });
  }
  const min = props.minCapacity ?? 0.5;
  const max = props.maxCapacity ?? 2;
  if (min < 0.5 || max > 256 || min > max || (min * 2) % 1 !== 0 || (max * 2) % 1 !== 0) {
    throw new GovCloudError({
      code: 'DataTierCapacityNotAllowed',
      problem: `DataTier minCapacity/maxCapacity "${min}/${max}" are not allowed`,
      requirement: 'BAK-4',
      fix: `use 0.5-256 ACU in steps of 0.5 with min ≤ max.`,
      scope: scope,
    });
  }
}
