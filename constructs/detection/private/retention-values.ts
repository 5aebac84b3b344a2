/**
 * The `MinRetentionTime` values cw-loggroup-retention-period-check accepts
 * (https://docs.aws.amazon.com/config/latest/developerguide/cw-loggroup-retention-period-check.html).
 */
export const CONFIG_MIN_RETENTION_VALUES = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653,
] as const;
