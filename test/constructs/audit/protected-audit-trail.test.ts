import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  AuditLogArchive,
  ProtectedAuditTrail,
  ProtectedAuditTrailProps,
} from '../../../constructs/audit';
import {
  bucketObjects,
  bucketPolicyStatements,
  keyPolicyStatements,
  logicalIdOf,
  newStack,
  partitionArn,
} from './support';

function synth(props: Omit<ProtectedAuditTrailProps, 'archive'> = {}) {
  const stack = newStack();
  const archive = new AuditLogArchive(stack, 'Archive');
  const trail = new ProtectedAuditTrail(stack, 'AuditTrail', { archive, ...props });
  const template = Template.fromStack(stack);
  return {
    stack,
    trail,
    template,
    resources: template.toJSON().Resources,
    trailId: logicalIdOf(template, 'AWS::CloudTrail::Trail', 'AuditTrail'),
    bucketId: logicalIdOf(template, 'AWS::S3::Bucket', 'ArchiveBucket'),
    keyId: logicalIdOf(template, 'AWS::KMS::Key', 'ArchiveKey'),
    logGroupId: logicalIdOf(template, 'AWS::Logs::LogGroup', 'AuditTrailLogGroup'),
  };
}

const TRAILS_HERE = partitionArn(':cloudtrail:ap-northeast-1:111122223333:trail/*');

describe('ProtectedAuditTrail trail (LOG-1, LOG-3)', () => {
  test('logs all regions, global service events and all management events, with log file validation', () => {
    const { resources, trailId } = synth();
    const props = resources[trailId].Properties;
    expect(props).toMatchObject({
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }],
    });
  });

  test('delivers to the archive bucket, encrypted with the archive key, under a generated name', () => {
    const { resources, trailId, bucketId, keyId, trail } = synth();
    const props = resources[trailId].Properties;
    expect(props.S3BucketName).toEqual({ Ref: bucketId });
    expect(props.KMSKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(props.TrailName).toBeUndefined();
    expect(props.S3KeyPrefix).toBeUndefined();
    expect(props.SnsTopicName).toBeUndefined();
    expect(trail.node.defaultChild).toBe(trail.trail);
  });

  test('uses the configured S3 key prefix for the trail and its bucket policy', () => {
    const { resources, trailId, template, bucketId } = synth({ s3KeyPrefix: 'cloudtrail' });
    expect(resources[trailId].Properties.S3KeyPrefix).toBe('cloudtrail');
    expect(bucketPolicyStatements(template, bucketId)).toContainEqual(
      expect.objectContaining({
        Sid: 'AWSCloudTrailWrite',
        Resource: bucketObjects(bucketId, '/cloudtrail/AWSLogs/111122223333/*'),
      }),
    );
  });

  test('is created after the bucket policy and the logs role (which needs its policy first)', () => {
    const { resources, trailId, template } = synth();
    const bucketPolicyId = Object.keys(template.findResources('AWS::S3::BucketPolicy')).find((id) =>
      id.startsWith('ArchiveBucketPolicy'),
    );
    const roleId = logicalIdOf(template, 'AWS::IAM::Role', 'AuditTrailCloudWatchLogsRole');
    const policyId = logicalIdOf(
      template,
      'AWS::IAM::ManagedPolicy',
      'AuditTrailCloudWatchLogsPolicy',
    );
    expect(resources[trailId].DependsOn).toEqual(expect.arrayContaining([bucketPolicyId, roleId]));
    expect(resources[roleId].Properties.ManagedPolicyArns).toEqual([{ Ref: policyId }]);
  });

  test('adds no bucket, topic or unconditioned CloudTrail statement of its own (L2 Trail side effects)', () => {
    const { template, bucketId } = synth();
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    const cloudTrailStatements = bucketPolicyStatements(template, bucketId).filter(
      (s) =>
        JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudtrail.amazonaws.com' }),
    );
    expect(cloudTrailStatements).toHaveLength(2);
    for (const statement of cloudTrailStatements) {
      expect(statement.Condition).toMatchObject({
        ArnLike: { 'aws:SourceArn': TRAILS_HERE },
        StringEquals: { 'aws:SourceAccount': '111122223333' },
      });
    }
  });

  test('the key lets CloudTrail encrypt only with its encryption context and bound to the trails of this region', () => {
    const { template, keyId } = synth();
    expect(keyPolicyStatements(template, keyId)).toContainEqual({
      Sid: 'AllowCloudTrailEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': partitionArn(
            ':cloudtrail:*:111122223333:trail/*',
          ),
        },
        ArnLike: { 'aws:SourceArn': TRAILS_HERE },
      },
    });
    expect(keyPolicyStatements(template, keyId)).toContainEqual(
      expect.objectContaining({ Sid: 'AllowCloudTrailDescribeKey', Action: 'kms:DescribeKey' }),
    );
  });

  test('exposes the trail ARN as the trail attribute', () => {
    const { stack, trail, trailId } = synth();
    expect(stack.resolve(trail.trailArn)).toEqual({ 'Fn::GetAtt': [trailId, 'Arn'] });
  });

  test('templates are deterministic: two syntheses give the same template and trail logical id', () => {
    const first = synth();
    const second = synth();
    expect(second.trailId).toBe(first.trailId);
    expect(second.template.toJSON()).toEqual(first.template.toJSON());
  });
});

describe('ProtectedAuditTrail CloudWatch Logs copy (RET-1, KEY-1)', () => {
  test('log group kept 400 days by default, encrypted with the archive key, retained', () => {
    const { resources, logGroupId, keyId, trailId, trail } = synth();
    expect(resources[logGroupId]).toMatchObject({
      Properties: { RetentionInDays: 400, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(resources[trailId].Properties.CloudWatchLogsLogGroupArn).toEqual({
      'Fn::GetAtt': [logGroupId, 'Arn'],
    });
    expect(trail.retention).toBe(400);
  });

  test.each([365, 731, 3653])('retention %i days is used as given', (days) => {
    const { resources, logGroupId } = synth({ retention: days });
    expect(resources[logGroupId].Properties.RetentionInDays).toBe(days);
  });

  test('the key lets the regional logs service use it only for log groups of this account and region', () => {
    const { template, keyId } = synth();
    expect(keyPolicyStatements(template, keyId)).toContainEqual({
      Sid: 'AllowCloudWatchLogsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'logs.ap-northeast-1.amazonaws.com' },
      Action: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': partitionArn(
            ':logs:ap-northeast-1:111122223333:log-group:*',
          ),
        },
      },
    });
  });

  test('a separate log group key gets the logs statement instead of the archive key', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive');
    const logKey = new kms.Key(stack, 'LogKey', { enableKeyRotation: true });
    new ProtectedAuditTrail(stack, 'AuditTrail', { archive, logGroupEncryptionKey: logKey });
    const template = Template.fromStack(stack);
    const logKeyId = logicalIdOf(template, 'AWS::KMS::Key', 'LogKey');
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [logKeyId, 'Arn'] },
    });
    const sids = (id: string) => keyPolicyStatements(template, id).map((s) => s.Sid);
    expect(sids(logKeyId)).toContain('AllowCloudWatchLogsOfThisAccount');
    expect(sids(logicalIdOf(template, 'AWS::KMS::Key', 'ArchiveKey'))).not.toContain(
      'AllowCloudWatchLogsOfThisAccount',
    );
  });

  test('CloudTrail writes to the log group through a role limited to that log group', () => {
    const { template, resources, trailId, logGroupId } = synth();
    const roleId = logicalIdOf(template, 'AWS::IAM::Role', 'AuditTrailCloudWatchLogsRole');
    expect(resources[roleId].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
      },
    ]);
    // A managed policy, not an inline one (NIST 800-53 IAMNoInlinePolicy).
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const policyId = logicalIdOf(
      template,
      'AWS::IAM::ManagedPolicy',
      'AuditTrailCloudWatchLogsPolicy',
    );
    expect(resources[roleId].Properties.ManagedPolicyArns).toEqual([{ Ref: policyId }]);
    expect(resources[policyId].Properties.PolicyDocument.Statement).toEqual([
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
    ]);
    expect(resources[trailId].Properties.CloudWatchLogsRoleArn).toEqual({
      'Fn::GetAtt': [roleId, 'Arn'],
    });
  });
});

describe('ProtectedAuditTrail validation', () => {
  test.each([30, 90, 366, 3654, 0])(
    'retention %i is refused, listing the allowed values [RET-1]',
    (days) => {
      const stack = newStack();
      const archive = new AuditLogArchive(stack, 'Archive');
      expect(
        () => new ProtectedAuditTrail(stack, 'AuditTrail', { archive, retention: days }),
      ).toThrow(
        new RegExp(
          `ProtectedAuditTrail retention "${days}" is not allowed \\[RET-1\\].*365, 400, 545, 731.*3653`,
        ),
      );
    },
  );

  test('a config-history archive is refused [LOG-3]', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive', { purpose: 'config-history' });
    expect(() => new ProtectedAuditTrail(stack, 'AuditTrail', { archive })).toThrow(
      /ProtectedAuditTrail archive with purpose "config-history" is refused \[LOG-3\].*'audit-trail'/,
    );
  });

  test('a bad S3 key prefix is refused [LOG-1]', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive');
    expect(
      () => new ProtectedAuditTrail(stack, 'AuditTrail', { archive, s3KeyPrefix: 'trail/' }),
    ).toThrow(/ProtectedAuditTrail s3KeyPrefix "trail\/" is not a valid S3 key prefix \[LOG-1\]/);
  });
});

describe('ProtectedAuditTrail writing to a central archive (AuditLogArchive.fromArchiveAttributes)', () => {
  const CENTRAL_BUCKET = 'arn:aws:s3:::central-audit-archive-444455556666';
  const CENTRAL_KEY =
    'arn:aws:kms:ap-northeast-1:444455556666:key/11111111-2222-3333-4444-555555555555';

  function synthCentral() {
    const stack = newStack();
    const archive = AuditLogArchive.fromArchiveAttributes(stack, 'Central', {
      bucketArn: CENTRAL_BUCKET,
      keyArn: CENTRAL_KEY,
    });
    new ProtectedAuditTrail(stack, 'AuditTrail', { archive });
    const template = Template.fromStack(stack);
    return { stack, template, resources: template.toJSON().Resources };
  }

  test('the trail names the central bucket and key; the log group is encrypted with that key', () => {
    const { template, resources } = synthCentral();
    const trailId = logicalIdOf(template, 'AWS::CloudTrail::Trail', 'AuditTrail');
    expect(resources[trailId].Properties).toMatchObject({
      S3BucketName: 'central-audit-archive-444455556666',
      KMSKeyId: CENTRAL_KEY,
    });
    const logGroupId = logicalIdOf(template, 'AWS::Logs::LogGroup', 'AuditTrailLogGroup');
    expect(resources[logGroupId].Properties.KmsKeyId).toBe(CENTRAL_KEY);
  });

  test('creates no bucket, bucket policy or key, and warns that the owner must let CloudTrail in', () => {
    const { stack, template } = synthCentral();
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('The audit log archive is imported'),
        expect.stringContaining('The encryption key is imported'),
      ]),
    );
  });

  test('a central archive imported with purpose config-history is refused [LOG-3]', () => {
    const stack = newStack();
    const archive = AuditLogArchive.fromArchiveAttributes(stack, 'Central', {
      bucketArn: CENTRAL_BUCKET,
      keyArn: CENTRAL_KEY,
      purpose: 'config-history',
    });
    expect(() => new ProtectedAuditTrail(stack, 'AuditTrail', { archive })).toThrow(
      /ProtectedAuditTrail archive with purpose "config-history" is refused \[LOG-3\].*\(at AuditTest\/AuditTrail\)/,
    );
  });
});
