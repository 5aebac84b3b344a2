import type { IConstruct } from 'constructs';
import { GovCloudError, type GovCloudErrorProps } from '../../core/errors';

/**
 * An S3 key prefix as log services accept it: segments of safe characters separated by
 * single slashes, no leading or trailing slash (the services add the slash themselves).
 */
const PREFIX_PATTERN = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;

export function validatePrefix(
  scope: IConstruct,
  construct: string,
  prop: string,
  value: string | undefined,
  requirement: GovCloudErrorProps['requirement'],
): void {
  if (value === undefined) {
    return;
  }
  if (!PREFIX_PATTERN.test(value) || value.length > 200) {
    throw new GovCloudError({
      code: `${construct}InvalidKeyPrefix`,
      problem: `${construct} ${prop} "${value}" is not a valid S3 key prefix`,
      requirement,
      fix:
        `use letters, digits and !_.*'()- in segments separated by single "/", without a leading or ` +
        `trailing "/" (at most 200 characters).`,
      scope,
    });
  }
}

/** `prefix/` or the empty string, for building object ARNs. */
export function prefixPath(prefix: string | undefined): string {
  return prefix ? `${prefix}/` : '';
}

export function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
