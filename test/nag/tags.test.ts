import { App, Stack, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { TENANCY_APPLICATION, TENANCY_TAG, TENANCY_VPC } from '../../lib/nag';
import { flagged, tokyoStack, validate } from './support';

const ENV = 'GCJ-IAM6-EnvironmentTag';
const MUNI = 'GCJ-TEN3-MunicipalityTag';
const TENANCY = 'GCJ-TEN2-ApplicationTenancy';

describe('GCJ-IAM6-EnvironmentTag', () => {
  // development is a purpose the GCAS guide allows for systems with CI/CD (the config checks
  // that condition); sandbox and test are not purposes of a tenant area at all.
  test('passes production / staging / dr / development, flags another value or none', () => {
    const stack = tokyoStack();
    for (const environment of ['production', 'staging', 'dr', 'development', 'sandbox', 'test']) {
      new sqs.CfnQueue(stack, environment, { tags: [{ key: 'Environment', value: environment }] });
    }
    new sqs.CfnQueue(stack, 'Untagged');
    expect(flagged(stack, ENV)).toEqual(['Stack/Untagged', 'Stack/sandbox', 'Stack/test']);
  });

  test('resources that cannot be tagged (e.g. a bucket policy) are not applicable', () => {
    const stack = tokyoStack();
    const bucket = new s3.CfnBucket(stack, 'Bucket', {
      tags: [{ key: 'Environment', value: 'dr' }],
    });
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: bucket.ref,
      policyDocument: { Statement: [] },
    });
    expect(flagged(stack, ENV)).toEqual([]);
    expect(flagged(stack, MUNI)).toEqual(['Stack/Bucket']);
  });

  test('reads tags applied by Tags.of(app) once the app is synthesized', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Stack', { env: { region: 'ap-northeast-1' } });
    new sqs.Queue(stack, 'Queue');
    Tags.of(app).add('Environment', 'staging');
    Tags.of(app).add('MunicipalityCode', '011002');
    app.synth();
    expect(flagged(app, ENV)).toEqual([]);
    expect(flagged(app, MUNI)).toEqual([]);
  });
});

describe('GCJ-TEN3-MunicipalityTag', () => {
  test('passes a valid local government code, flags a wrong check digit, a short code and none', () => {
    const stack = tokyoStack();
    const queue = (id: string, code?: string) =>
      new sqs.CfnQueue(stack, id, {
        tags: code === undefined ? [] : [{ key: 'MunicipalityCode', value: code }],
      });
    queue('Chiyoda', '131016');
    queue('Sapporo', '011002');
    queue('BadCheckDigit', '131017');
    queue('FiveDigits', '13101');
    queue('None');
    expect(flagged(stack, MUNI)).toEqual(['Stack/BadCheckDigit', 'Stack/FiveDigits', 'Stack/None']);
  });
});

describe('GCJ-TEN2-ApplicationTenancy', () => {
  test('warns on application-level tenancy, not on a dedicated VPC or no tag; the warning alone does not fail', () => {
    const stack = tokyoStack();
    const tags = (tenancy?: string) => [
      { key: 'Environment', value: 'production' },
      { key: 'MunicipalityCode', value: '131016' },
      ...(tenancy ? [{ key: TENANCY_TAG, value: tenancy }] : []),
    ];
    const queue = (id: string, tenancy?: string) =>
      new sqs.CfnQueue(stack, id, {
        tags: tags(tenancy),
        kmsMasterKeyId: 'arn:aws:kms:ap-northeast-1:111122223333:key/k',
      });
    queue('Shared', TENANCY_APPLICATION);
    queue('Dedicated', TENANCY_VPC);
    queue('Untagged');
    const report = validate(stack);
    const warning = report.violations.find((v) => v.ruleName === TENANCY);
    expect(warning?.severity).toBe('warning');
    expect(warning?.violatingResources.map((r) => r.constructPath)).toEqual(['Stack/Shared']);
    expect(warning?.ruleMetadata?.requirements).toBe('TEN-2');
    expect(report.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(report.success).toBe(true);
  });
});
