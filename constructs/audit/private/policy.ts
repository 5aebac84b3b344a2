import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';

/**
 * Statements already added per policy owner (key or bucket): Sid -> statement body.
 * A key or bucket shared by several audit constructs gets each statement once, and two
 * different statements never share a Sid (S3 and KMS reject duplicate Sids).
 */
const addedStatements = new WeakMap<IConstruct, Map<string, string>>();

function uniqueStatement(
  owner: IConstruct,
  statement: iam.PolicyStatement,
): iam.PolicyStatement | undefined {
  const base = statement.sid;
  if (!base) {
    throw new Error('internal: audit policy statements need a Sid');
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
  scope: Construct,
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
