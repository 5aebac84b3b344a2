/**
 * An S3 key prefix as log services accept it: segments of safe characters separated by
 * single slashes, no leading or trailing slash (the services add the slash themselves).
 */
const PREFIX_PATTERN = /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/;

export function validatePrefix(
  construct: string,
  prop: string,
  value: string | undefined,
  reqId: string,
): void {
  if (value === undefined) {
    return;
  }
  if (!PREFIX_PATTERN.test(value) || value.length > 200) {
    throw new Error(
      `${construct} ${prop} "${value}" is not a valid S3 key prefix [${reqId}]: use letters, digits and !_.*'()- ` +
        `in segments separated by single "/", without a leading or trailing "/" (at most 200 characters).`,
    );
  }
}

/** `prefix/` or the empty string, for building object ARNs. */
export function prefixPath(prefix: string | undefined): string {
  return prefix ? `${prefix}/` : '';
}

export function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
