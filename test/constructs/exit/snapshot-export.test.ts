import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SnapshotExport } from '../../../constructs/exit/snapshot-export';
import { OperationsLogBucket } from '../../../constructs/system/operations-log-bucket';
import { dataKey, testStack } from '../system/fixtures';

describe('SnapshotExport (PORT-1)', () => {
  const stack = testStack();
  const key = dataKey(stack);
  const exit = new SnapshotExport(stack, 'Exit', {
    encryptionKey: key.key,
    accessLogsBucket: new OperationsLogBucket(stack, 'Logs').bucket,
  });
  const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
  const grant = exit.grantStartExport(operator);
  const template = Template.fromStack(stack);
  const keyRef = { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey139998'), 'Arn'] };

  test('the export bucket is encrypted with the municipality key, TLS-only, logged and retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyRef },
            }),
          ],
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'snapshot-export/' }),
        PublicAccessBlockConfiguration: Match.objectLike({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
      }),
    });
  });

  test('only RDS snapshot export of this account can assume the export role', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'export.rds.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });

  test('the export role writes only to the export bucket and uses only the given key', () => {
    const policy = Object.entries(template.findResources('AWS::IAM::ManagedPolicy')).find(([id]) =>
      id.includes('ExportPolicy'),
    )?.[1] as {
      Properties: { PolicyDocument: { Statement: { Sid: string; Resource: unknown }[] } };
    };
    const bySid = Object.fromEntries(
      policy.Properties.PolicyDocument.Statement.map((s) => [s.Sid, s]),
    );
    expect(Object.keys(bySid).sort()).toEqual(['EncryptExport', 'ListExportBucket', 'WriteExport']);
    expect(JSON.stringify(bySid.WriteExport.Resource)).toMatch(/ExitBucket.*\/\*/);
    expect(bySid.EncryptExport.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^DataKey139998/), 'Arn'],
    });
  });

  test('grantStartExport returns one grant holding all three statements', () => {
    expect(grant.success).toBe(true);
    expect(grant.principalStatements.map((st) => st.actions)).toEqual([
      ['rds:StartExportTask', 'rds:DescribeExportTasks', 'rds:CancelExportTask'],
      ['iam:PassRole'],
      ['kms:CreateGrant', 'kms:DescribeKey', 'kms:RetireGrant'],
    ]);
  });

  test('grantStartExport lets an operator start exports, pass the role and create the KMS grant', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Operator') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['rds:CancelExportTask', 'rds:DescribeExportTasks', 'rds:StartExportTask'],
          }),
          Match.objectLike({
            Action: 'iam:PassRole',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('ExportRole'), 'Arn'] },
          }),
          Match.objectLike({
            Action: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:RetireGrant'],
            Resource: keyRef,
          }),
        ]),
      },
    });
  });

  test("the key policy is not widened for the export (grants go to the role's own policy)", () => {
    const keyPolicy = JSON.stringify(
      Object.entries(template.findResources('AWS::KMS::Key')).find(([id]) =>
        id.startsWith('DataKey139998'),
      )?.[1],
    );
    expect(keyPolicy).not.toContain('ExportRole');
    expect(keyPolicy).not.toContain('Operator');
  });
});
