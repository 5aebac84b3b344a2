/**
 * The tag that marks a resource as part of the baseline (ベースライン). Resources carrying it
 * are protected by tag-scoped denies, and nobody covered by the guard may add, change or
 * remove it.
 */
export interface BaselineTag {
  /** Tag key; must not start with `aws:`. */
  readonly key: string;
  /** Tag value. */
  readonly value: string;
}

/** `govcloud-jp:baseline` = `protected`. */
export const DEFAULT_BASELINE_TAG: BaselineTag = {
  key: 'govcloud-jp:baseline',
  value: 'protected',
};

/**
 * IAM path of every role and managed policy the baseline owns. Protecting the path rather
 * than individual ARNs lets the guard protect itself and the roles it is attached to without
 * a circular reference in CloudFormation.
 */
export const BASELINE_IAM_PATH = '/govcloud-jp-baseline/';
