import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** The environment every audit test uses (Tokyo, a documentation account id). */
export const ENV = { account: '111122223333', region: 'ap-northeast-1' } as const;

/** A fresh app and stack; CloudFormation schema validation is on, as in the real app. */
export function newStack(id = 'AuditTest'): Stack {
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  return new Stack(app, id, { env: ENV });
}

/** `arn:<partition><rest>` as CDK renders it with the partition token. */
export function partitionArn(rest: string): Record<string, unknown> {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] };
}

/** `<GetAtt logicalId.Arn><suffix>` as CDK renders object ARNs of a bucket. */
export function bucketObjects(logicalId: string, suffix: string): Record<string, unknown> {
  return { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId, 'Arn'] }, suffix]] };
}

/** The single resource of a type whose logical id starts with a construct-derived prefix. */
export function logicalIdOf(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) {
    throw new Error(
      `expected one ${type} starting with ${prefix}, found ${ids.join(', ') || 'none'}`,
    );
  }
  return ids[0];
}

/** Statements of the bucket policy attached to the bucket with `bucketLogicalId`. */
export function bucketPolicyStatements(
  template: Template,
  bucketLogicalId: string,
): Array<Record<string, unknown>> {
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter(
    (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketLogicalId }),
  );
  if (policies.length !== 1) {
    throw new Error(`expected one bucket policy for ${bucketLogicalId}, found ${policies.length}`);
  }
  return policies[0].Properties.PolicyDocument.Statement;
}

/** Statements of the key policy of the key with `keyLogicalId`. */
export function keyPolicyStatements(
  template: Template,
  keyLogicalId: string,
): Array<Record<string, unknown>> {
  return template.toJSON().Resources[keyLogicalId].Properties.KeyPolicy.Statement;
}
