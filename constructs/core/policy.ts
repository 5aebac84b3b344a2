import { Annotations, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { GovCloudError } from './errors';

/**
 * Statements already added per policy owner (key or bucket): Sid -> statement body.
 * A key or bucket shared by several constructs gets each statement once, and two
 * different statements never share a Sid (S3 and KMS reject duplicate Sids).
 */
const addedStatements = new WeakMap<IConstruct, Map<string, string>>();

function uniqueStatement(
  owner: IConstruct,
  statement: iam.PolicyStatement,
): iam.PolicyStatement | undefined {
  const base = statement.sid;
  if (!base) {
    throw new GovCloudError({
      code: 'StatementAddedOnceWithoutSid',
      problem: 'internal: policy statements added once need a Sid',
      requirement: 'KEY-1',
      fix: 'give the statement a sid, so that a key or bucket shared by several constructs gets it once.',
      scope: owner,
    });
  }
  // Resolved, because principals render as fresh lazy tokens each time; the Sid is not part
  // of what makes two statements the same.
  const json = Stack.of(owner).resolve(statement.toStatementJson()) as Record<string, unknown>;
  delete json.Sid;
  const body = JSON.stringify(json);
  const seen = addedStatements.get(owner) ?? new Map<string, string>();
  addedStatements.set(owner, seen);
  if ([...seen.values()].includes(body)) {
    return undefined;
  }
  let sid = base;
  for (let n = 2; seen.has(sid); n++) {
    sid = `${base}${n}`;
  }
  seen.set(sid, body);
  return sid === base ? statement : statement.copy({ sid });
}

/**
 * Adds `statement` (Sid required) to the key policy of `key`, once.
 *
 * An imported key (`kms.Key.fromKeyArn`) has no policy in this template; its owner must add
 * the statement. We then leave a warning naming the service that needs access, instead of
 * letting delivery fail silently after deployment.
 */
export function addKeyStatementOnce(
  scope: IConstruct,
  key: kms.IKey,
  statement: iam.PolicyStatement,
): void {
  const unique = uniqueStatement(key, statement);
  if (unique && !key.addToResourcePolicy(unique).statementAdded) {
    Annotations.of(scope).addWarningV2(
      `govcloud-jp-cdk:audit:importedKeyPolicy:${unique.sid}`,
      `The encryption key is imported, so its key policy cannot be changed here [KEY-1]: add statement ` +
        `"${unique.sid}" (actions ${unique.actions.join(', ')}) to the key policy yourself, or delivery will fail.`,
    );
  }
}

/** Adds `statement` (Sid required) to the bucket policy of `bucket`, once. */
export function addBucketStatementOnce(bucket: s3.IBucket, statement: iam.PolicyStatement): void {
  const unique = uniqueStatement(bucket, statement);
  if (unique) {
    bucket.addToResourcePolicy(unique);
  }
}
