import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { bucketNames, policiesOf } from '../../utils/buckets';
import { isEveryone, type PolicyStatement, statementsOf } from '../../utils/policy';
import { refersTo } from '../../utils/references';
import { flatten, isObject } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * S3 buckets have a bucket policy that denies every request not sent over TLS
 * (`Deny` to `*` of `s3:*` on the bucket and its objects when `aws:SecureTransport` is false). KEY-3.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const names = bucketNames(node);
    for (const policy of policiesOf(index, node)) {
      for (const statement of statementsOf(policy, policy.policyDocument)) {
        if (
          deniesInsecureTransport(statement) &&
          coversBucket(index, policy, statement, node, names)
        ) {
          return NagRuleCompliance.COMPLIANT;
        }
      }
    }
    return NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

function deniesInsecureTransport(statement: PolicyStatement): boolean {
  const bool = statement.condition.Bool;
  const secureTransport = isObject(bool) ? bool['aws:SecureTransport'] : undefined;
  return (
    statement.effect === 'Deny' &&
    isEveryone(statement.principals) &&
    statement.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*') &&
    (secureTransport === false || String(secureTransport).toLowerCase() === 'false')
  );
}

function coversBucket(
  index: ResourceIndex,
  policy: CfnResource,
  statement: PolicyStatement,
  bucket: CfnBucket,
  names: readonly string[],
): boolean {
  let bucketItself = false;
  let objects = false;
  for (const resource of statement.resources) {
    const flat = flatten(policy, resource);
    if (flat === '*') return true;
    if (!refersTo(index, policy, resource, bucket, names)) continue;
    if (flat.endsWith('/*')) objects = true;
    else if (!flat.includes('/')) bucketItself = true;
  }
  return bucketItself && objects;
}
