import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { isObject, resolve, resolveNumber, resolveString } from '../../utils/values';

/** The default Object Lock retention of a bucket, resolved. */
export interface DefaultRetention {
  readonly mode?: string;
  /** Retention in days (`Years` counted as 365 days each). */
  readonly days?: number;
}

/** The bucket's default Object Lock retention, or undefined when none is configured. */
export function defaultRetentionOf(bucket: CfnBucket): DefaultRetention | undefined {
  const config: unknown = resolve(bucket, bucket.objectLockConfiguration);
  if (!isObject(config) || !isObject(config.rule) || !isObject(config.rule.defaultRetention)) {
    return undefined;
  }
  const retention = config.rule.defaultRetention;
  const days = resolveNumber(bucket, retention.days);
  const years = resolveNumber(bucket, retention.years);
  return {
    mode: resolveString(bucket, retention.mode),
    days: days ?? (years !== undefined ? years * 365 : undefined),
  };
}
