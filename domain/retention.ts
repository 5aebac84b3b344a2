/**
 * Retention (保存期間) shared by every layer: the floor RET-1 sets and the default the library
 * applies, in days.
 */

/** RET-1: logs and trails are kept one year or more (証跡は１年間以上保存). */
export const MIN_LOG_RETENTION_DAYS = 365;

/**
 * Default log retention: 400 days. RET-1 asks for at least one year; 400 is the first value
 * CloudWatch Logs accepts above 365 and covers a full fiscal year (年度, April–March) plus the
 * month in which the annual audit of that year is usually held. Longer values are allowed
 * (configurable upward only); with COMPLIANCE Object Lock they cannot be shortened later.
 */
export const DEFAULT_LOG_RETENTION_DAYS = 400;

/** Values CloudWatch Logs accepts for RetentionInDays that also meet RET-1 (≥ 365 days). */
export const LOG_RETENTION_DAYS_ALLOWED = [
  365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
