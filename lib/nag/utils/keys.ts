import type { CfnResource } from 'aws-cdk-lib';
import type { ResourceIndex } from './pass-index';
import { referencedResource } from './references';
import { flatten } from './values';

/**
 * True when `value` designates a customer-managed KMS key (カスタマー管理キー, KEY-1): it is
 * set, and it is not an AWS-managed key alias such as `alias/aws/sqs`. A reference to an
 * `AWS::KMS::Key` or `AWS::KMS::Alias` in the app is customer managed by construction; a literal
 * key ID or ARN is taken as customer managed, because AWS-managed keys are named by their
 * `alias/aws/...` alias in templates.
 */
export function isCustomerManagedKey(
  index: ResourceIndex,
  node: CfnResource,
  value: unknown,
): boolean {
  if (value === undefined || value === null || value === '') return false;
  const target = referencedResource(index, node, value);
  if (target) {
    return (
      target.cfnResourceType === 'AWS::KMS::Key' ||
      target.cfnResourceType === 'AWS::KMS::Alias' ||
      target.cfnResourceType === 'AWS::KMS::ReplicaKey'
    );
  }
  const flat = flatten(node, value);
  return flat.trim() !== '' && !/(^|[:/])alias\/aws\//.test(flat);
}
