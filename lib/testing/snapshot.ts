/** A 64-hex-digit asset hash, alone or inside a file name / S3 key. */
const ASSET_HASH = /[0-9a-f]{64}/g;
const PLACEHOLDER = '[ASSET HASH REMOVED]';

/**
 * Jest snapshot serializer that blanks CDK asset hashes, so a vendor's snapshot changes
 * only when the infrastructure changes, not when an unrelated file in an asset does.
 */
export const assetHashSerializer = {
  test: (val: unknown): boolean => typeof val === 'string' && /[0-9a-f]{64}/.test(val),
  serialize: (val: string): string => JSON.stringify(val.replace(ASSET_HASH, PLACEHOLDER)),
};
