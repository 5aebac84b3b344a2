import { Template } from 'aws-cdk-lib/assertions';
import { AuditLogArchive, ConfigRecorder, ConfigRecorderProps } from '../../../constructs/audit';
import {
  bucketPolicyStatements,
  keyPolicyStatements,
  logicalIdOf,
  newStack,
  partitionArn,
} from './support';

function synth(props: Omit<ConfigRecorderProps, 'archive'> = {}) {
  const stack = newStack();
  const archive = new AuditLogArchive(stack, 'ConfigArchive', { purpose: 'config-history' });
  const recorder = new ConfigRecorder(stack, 'Config', { archive, ...props });
  const template = Template.fromStack(stack);
  return {
    recorder,
    template,
    resources: template.toJSON().Resources,
    recorderId: logicalIdOf(template, 'AWS::Config::ConfigurationRecorder', 'Config'),
    channelId: logicalIdOf(template, 'AWS::Config::DeliveryChannel', 'Config'),
    bucketId: logicalIdOf(template, 'AWS::S3::Bucket', 'ConfigArchiveBucket'),
    keyId: logicalIdOf(template, 'AWS::KMS::Key', 'ConfigArchiveKey'),
  };
}

describe('ConfigRecorder recorder (DET-1)', () => {
  test('records all supported resource types and, by default, no global resource types', () => {
    const { resources, recorderId } = synth();
    expect(resources[recorderId].Properties.RecordingGroup).toEqual({
      AllSupported: true,
      IncludeGlobalResourceTypes: false,
    });
  });

  test('records global resource types (IAM) when asked, for the home region', () => {
    const { resources, recorderId } = synth({ recordGlobalResources: true });
    expect(resources[recorderId].Properties.RecordingGroup).toEqual({
      AllSupported: true,
      IncludeGlobalResourceTypes: true,
    });
  });

  test('uses the AWS Config service-linked role and, by default, does not create it', () => {
    const { resources, recorderId, template } = synth();
    expect(resources[recorderId].Properties.RoleARN).toEqual(
      partitionArn(
        ':iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      ),
    );
    template.resourceCountIs('AWS::IAM::ServiceLinkedRole', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  test('creates the service-linked role on request, retained, before the recorder', () => {
    const { resources, recorderId, template, recorder } = synth({ createServiceLinkedRole: true });
    const slrId = logicalIdOf(template, 'AWS::IAM::ServiceLinkedRole', 'Config');
    expect(resources[slrId]).toMatchObject({
      Properties: { AWSServiceName: 'config.amazonaws.com' },
      DeletionPolicy: 'Retain',
    });
    expect(resources[recorderId].DependsOn).toContain(slrId);
    expect(recorder.serviceLinkedRole).toBeDefined();
  });
});

describe('ConfigRecorder delivery channel (DET-1, KEY-1)', () => {
  test('delivers to the config-history archive, encrypted with its key, every 24 hours by default', () => {
    const { resources, channelId, bucketId, keyId } = synth();
    expect(resources[channelId].Properties).toEqual({
      S3BucketName: { Ref: bucketId },
      S3KmsKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] },
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
    });
  });

  test('snapshot frequency and prefix are configurable', () => {
    const { resources, channelId, template, bucketId } = synth({
      snapshotDeliveryFrequency: 'Six_Hours',
      s3KeyPrefix: 'config',
    });
    expect(resources[channelId].Properties).toMatchObject({
      S3KeyPrefix: 'config',
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'Six_Hours' },
    });
    expect(bucketPolicyStatements(template, bucketId)).toContainEqual(
      expect.objectContaining({
        Sid: 'AWSConfigBucketDelivery',
        Resource: {
          'Fn::Join': [
            '',
            [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/config/AWSLogs/111122223333/Config/*'],
          ],
        },
      }),
    );
  });

  test('is created after the recorder and after the bucket policy Config checks', () => {
    const { resources, channelId, recorderId, template } = synth();
    const policyId = logicalIdOf(template, 'AWS::S3::BucketPolicy', 'ConfigArchiveBucketPolicy');
    expect(resources[channelId].DependsOn).toEqual(expect.arrayContaining([recorderId, policyId]));
  });

  test('the archive allows the Config service principal for this account only, and the key too', () => {
    const { template, bucketId, keyId } = synth();
    const configStatements = bucketPolicyStatements(template, bucketId).filter(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'config.amazonaws.com' }),
    );
    expect(configStatements.map((s) => s.Sid).sort()).toEqual([
      'AWSConfigBucketDelivery',
      'AWSConfigBucketExistenceCheck',
      'AWSConfigBucketPermissionsCheck',
    ]);
    for (const s of configStatements) {
      expect(s.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': '111122223333' } });
    }
    expect(keyPolicyStatements(template, keyId)).toContainEqual(
      expect.objectContaining({
        Sid: 'AllowConfigDelivery',
        Principal: { Service: 'config.amazonaws.com' },
      }),
    );
  });

  test('the archive Config writes to has no Object Lock (Config cannot deliver there) but is retained', () => {
    const { resources, bucketId } = synth();
    expect(resources[bucketId].Properties.ObjectLockConfiguration).toBeUndefined();
    expect(resources[bucketId]).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});

describe('ConfigRecorder validation', () => {
  test('an audit-trail (Object Lock) archive is refused, citing the Config restriction [DET-1]', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive');
    expect(() => new ConfigRecorder(stack, 'Config', { archive })).toThrow(
      /ConfigRecorder archive with purpose "audit-trail" is refused \[DET-1\].*Object Lock default retention.*'config-history'/,
    );
  });

  test('an unknown snapshot frequency is refused, listing the allowed ones [DET-1]', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive', { purpose: 'config-history' });
    expect(
      () =>
        new ConfigRecorder(stack, 'Config', {
          archive,
          snapshotDeliveryFrequency: 'Daily' as never,
        }),
    ).toThrow(
      /ConfigRecorder snapshotDeliveryFrequency "Daily" is not supported \[DET-1\].*One_Hour.*TwentyFour_Hours/,
    );
  });

  test('a bad S3 key prefix is refused [DET-1]', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive', { purpose: 'config-history' });
    expect(() => new ConfigRecorder(stack, 'Config', { archive, s3KeyPrefix: 'a b' })).toThrow(
      /ConfigRecorder s3KeyPrefix "a b" is not a valid S3 key prefix \[DET-1\]/,
    );
  });
});

describe('ConfigRecorder delivering to an existing archive (AuditLogArchive.fromArchiveAttributes)', () => {
  test('the delivery channel names the imported bucket and key; no bucket policy is created', () => {
    const stack = newStack();
    const archive = AuditLogArchive.fromArchiveAttributes(stack, 'Central', {
      bucketArn: 'arn:aws:s3:::central-config-archive-444455556666',
      keyArn: 'arn:aws:kms:ap-northeast-1:444455556666:key/11111111-2222-3333-4444-555555555555',
      purpose: 'config-history',
    });
    new ConfigRecorder(stack, 'Config', { archive });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'central-config-archive-444455556666',
      S3KmsKeyArn:
        'arn:aws:kms:ap-northeast-1:444455556666:key/11111111-2222-3333-4444-555555555555',
    });
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
  });

  test('an imported audit-trail archive is refused [DET-1]', () => {
    const stack = newStack();
    const archive = AuditLogArchive.fromArchiveAttributes(stack, 'Central', {
      bucketArn: 'arn:aws:s3:::central-audit-archive-444455556666',
      keyArn: 'arn:aws:kms:ap-northeast-1:444455556666:key/11111111-2222-3333-4444-555555555555',
    });
    expect(() => new ConfigRecorder(stack, 'Config', { archive })).toThrow(
      /ConfigRecorder archive with purpose "audit-trail" is refused \[DET-1\]/,
    );
  });
});
