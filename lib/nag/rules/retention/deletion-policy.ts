import type { CfnResource } from 'aws-cdk-lib';

/**
 * True when the resource survives stack deletion: `DeletionPolicy` Retain (or
 * RetainExceptOnCreate, which only deletes a resource whose creation failed), or Snapshot where
 * `allowSnapshot` (databases, whose final snapshot keeps the data).
 */
export function isRetainedOnDelete(node: CfnResource, allowSnapshot: boolean): boolean {
  const policy = String(node.cfnOptions.deletionPolicy ?? 'Delete');
  return (
    policy === 'Retain' ||
    policy === 'RetainExceptOnCreate' ||
    (allowSnapshot && policy === 'Snapshot')
  );
}
