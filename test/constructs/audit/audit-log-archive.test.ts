import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AuditLogArchive, AuditLogArchiveProps } from '../../../constructs/audit';
import {
  bucketObjects,
  bucketPolicyStatements,
  keyPolicyStatements,
  logicalIdOf,
  newStack,
  partitionArn,
} from './support';

function synth(props: AuditLogArchiveProps = {}, configure?: (a: AuditLogArchive) => void) {
  const stack = newStack();
  const archive = new AuditLogArchive(stack, 'Archive', props);
  configure?.(archive);
  const template = Template.fromStack(stack);
  return {
    stack,
    archive,
    template,
    bucketId: logicalIdOf(template, 'AWS::S3::Bucket', 'ArchiveBucket'),
    accessLogsId: logicalIdOf(template, 'AWS::S3::Bucket', 'ArchiveAccessLogsBucket'),
  };
}

describe('AuditLogArchive Object Lock (LOG-3, RET-1, RET-2)', () => {
  test('defaults to COMPLIANCE mode for 400 days, with versioning', () => {
    const { template, bucketId, archive } = synth();
    const bucket = template.toJSON().Resources[bucketId];
    expect(bucket.Properties.ObjectLockEnabled).toBe(true);
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(archive.retentionDays).toBe(400);
    expect(archive.objectLockMode).toBe('COMPLIANCE');
  });

  test('retention is configurable upward; 365 is the smallest accepted value', () => {
    for (const days of [365, 1827]) {
      const { template, bucketId } = synth({ retentionDays: days });
      expect(
        template.toJSON().Resources[bucketId].Properties.ObjectLockConfiguration.Rule
          .DefaultRetention,
      ).toEqual({
        Mode: 'COMPLIANCE',
        Days: days,
      });
    }
  });

  test('GOVERNANCE mode with a reason is used and raises a warning quoting the reason', () => {
    const { stack, template, bucketId, archive } = synth({
      objectLockMode: 'GOVERNANCE',
      governanceModeReason: 'verification account, closed after the trial',
      retentionDays: 731,
    });
    expect(
      template.toJSON().Resources[bucketId].Properties.ObjectLockConfiguration.Rule
        .DefaultRetention,
    ).toEqual({
      Mode: 'GOVERNANCE',
      Days: 731,
    });
    expect(archive.objectLockMode).toBe('GOVERNANCE');
    Annotations.fromStack(stack).hasWarning(
      '/AuditTest/Archive',
      Match.stringLikeRegexp('GOVERNANCE.*RET-2.*verification account, closed after the trial'),
    );
  });

  test('COMPLIANCE mode raises no GOVERNANCE warning', () => {
    const { stack } = synth();
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('GOVERNANCE'));
  });
});

describe('AuditLogArchive encryption (KEY-1, KEY-2)', () => {
  test('creates a PurposeKey "audit-logs": rotation on, 30-day window, retained; the bucket uses it with S3 Bucket Keys', () => {
    const { template, bucketId } = synth();
    template.resourceCountIs('AWS::KMS::Key', 1);
    const keyId = logicalIdOf(template, 'AWS::KMS::Key', 'ArchiveKey');
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, PendingWindowInDays: 30 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/govcloud-jp/audit-logs',
    });
    expect(template.toJSON().Resources[bucketId].Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
          },
        },
      ],
    });
  });

  test('uses a given key instead of creating one', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    new AuditLogArchive(stack, 'Archive', { encryptionKey: key });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              KMSMasterKeyID: {
                'Fn::GetAtt': [logicalIdOf(template, 'AWS::KMS::Key', 'MyKey'), 'Arn'],
              },
            },
          },
        ],
      },
    });
  });

  test('two archives of the same purpose in one stack get distinct key aliases through keyQualifier', () => {
    const stack = newStack();
    new AuditLogArchive(stack, 'Archive');
    new AuditLogArchive(stack, 'TrialArchive', { keyQualifier: 'trial' });
    const aliases = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Alias')).map(
      (a) => a.Properties.AliasName,
    );
    expect(aliases.sort()).toEqual([
      'alias/govcloud-jp/audit-logs',
      'alias/govcloud-jp/audit-logs-trial',
    ]);
  });

  test('an invalid keyQualifier is refused by PurposeKey [KEY-1]', () => {
    expect(() => new AuditLogArchive(newStack(), 'Archive', { keyQualifier: 'Trial_1' })).toThrow(
      /PurposeKey qualifier "Trial_1" is invalid \[KEY-1\]/,
    );
  });

  test('an imported key gets no policy here: each statement a service needs is named in a warning', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(
      stack,
      'Imported',
      'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    const archive = new AuditLogArchive(stack, 'Archive', { encryptionKey: key });
    archive.allowFlowLogs();
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning(
      '/AuditTest/Archive',
      Match.stringLikeRegexp('imported.*KEY-1.*"AllowLogDeliveryUse"'),
    );
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });
});

describe('AuditLogArchive bucket protection (KEY-3)', () => {
  test('blocks all public access and disables ACLs', () => {
    const { template, bucketId } = synth();
    const props = template.toJSON().Resources[bucketId].Properties;
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
    expect(props.AccessControl).toBeUndefined();
  });

  test('the bucket policy denies requests without TLS and with TLS older than 1.2, on bucket and objects', () => {
    const { template, bucketId } = synth();
    const statements = bucketPolicyStatements(template, bucketId);
    const bucketAndObjects = [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, bucketObjects(bucketId, '/*')];
    expect(statements).toContainEqual({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      Resource: bucketAndObjects,
    });
    expect(statements).toContainEqual({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
      Resource: bucketAndObjects,
    });
  });

  test('the bucket policy denies object deletion to every principal', () => {
    const { template, bucketId } = synth();
    expect(bucketPolicyStatements(template, bucketId)).toContainEqual({
      Sid: 'DenyLogDeletion',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: bucketObjects(bucketId, '/*'),
    });
  });

  test('without allow* calls no service principal may write', () => {
    const { template, bucketId } = synth();
    const allows = bucketPolicyStatements(template, bucketId).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([]);
  });

  test('buckets, bucket policies and the key are retained', () => {
    const { template } = synth();
    for (const type of ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::KMS::Key']) {
      const resources = Object.values(template.findResources(type));
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources) {
        expect(r).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      }
    }
  });
});

describe('AuditLogArchive lifecycle (RET-1, RET-3)', () => {
  test('moves current and noncurrent versions to Glacier Instant Retrieval at 90 and Glacier Flexible at 365 days', () => {
    const { template, bucketId } = synth();
    const rules = template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration.Rules;
    const expected = [
      { StorageClass: 'GLACIER_IR', TransitionInDays: 90 },
      { StorageClass: 'GLACIER', TransitionInDays: 365 },
    ];
    expect(rules).toHaveLength(1);
    expect(rules[0].Transitions).toEqual(expected);
    expect(rules[0].NoncurrentVersionTransitions).toEqual(expected);
  });

  test('transition ages are configurable', () => {
    const { template, bucketId } = synth({
      glacierInstantRetrievalAfterDays: 30,
      glacierFlexibleRetrievalAfterDays: 180,
    });
    const [rule] = template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration.Rules;
    expect(rule.Transitions).toEqual([
      { StorageClass: 'GLACIER_IR', TransitionInDays: 30 },
      { StorageClass: 'GLACIER', TransitionInDays: 180 },
    ]);
  });

  test('by default nothing in the archive ever expires', () => {
    const { template, bucketId } = synth();
    const [rule] = template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration.Rules;
    expect(rule.ExpirationInDays).toBeUndefined();
    expect(rule.ExpirationDate).toBeUndefined();
    expect(rule.NoncurrentVersionExpiration).toBeUndefined();
    expect(rule.NoncurrentVersionExpirationInDays).toBeUndefined();
  });

  test('an explicit expiration applies to current and noncurrent versions, never before the retention', () => {
    const { template, bucketId } = synth({ retentionDays: 731, expireAfterDays: 1827 });
    const [rule] = template.toJSON().Resources[bucketId].Properties.LifecycleConfiguration.Rules;
    expect(rule.ExpirationInDays).toBe(1827);
    expect(rule.NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 1827 });
  });

  test('no expiration anywhere in the template is shorter than the retention', () => {
    const { template } = synth({ retentionDays: 545, expireAfterDays: 545 });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      for (const rule of bucket.Properties.LifecycleConfiguration?.Rules ?? []) {
        for (const days of [
          rule.ExpirationInDays,
          rule.NoncurrentVersionExpiration?.NoncurrentDays,
        ]) {
          if (days !== undefined) {
            expect(days).toBeGreaterThanOrEqual(545);
          }
        }
      }
    }
  });
});

describe('AuditLogArchive server access logs', () => {
  test('the archive logs to a separate SSE-S3, versioned, private, TLS-only bucket without Object Lock', () => {
    const { template, bucketId, accessLogsId } = synth();
    const resources = template.toJSON().Resources;
    expect(resources[bucketId].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: accessLogsId },
      LogFilePrefix: 'audit-trail/',
    });
    const logs = resources[accessLogsId];
    expect(logs.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ],
    });
    expect(logs.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(logs.Properties.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(logs.Properties.ObjectLockEnabled).toBeUndefined();
    expect(logs.Properties.ObjectLockConfiguration).toBeUndefined();
    expect(logs.Properties.AccessControl).toBeUndefined();
    expect(logs).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(bucketPolicyStatements(template, accessLogsId)).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  test('log delivery is granted by bucket policy, bound to the archive bucket and the account', () => {
    const { template, bucketId, accessLogsId } = synth();
    expect(bucketPolicyStatements(template, accessLogsId)).toContainEqual({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: bucketObjects(accessLogsId, '/audit-trail/*'),
      Condition: {
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucketId, 'Arn'] } },
        StringEquals: { 'aws:SourceAccount': '111122223333' },
      },
    });
  });

  test('access logs expire at the retention by default and later when configured', () => {
    const { template, accessLogsId } = synth({ retentionDays: 731 });
    expect(
      template.toJSON().Resources[accessLogsId].Properties.LifecycleConfiguration.Rules,
    ).toEqual([
      expect.objectContaining({
        ExpirationInDays: 731,
        NoncurrentVersionExpiration: { NoncurrentDays: 731 },
      }),
    ]);
    const later = synth({ retentionDays: 731, accessLogsExpireAfterDays: 1096 });
    expect(
      later.template.toJSON().Resources[later.accessLogsId].Properties.LifecycleConfiguration.Rules,
    ).toEqual([
      expect.objectContaining({
        ExpirationInDays: 1096,
        NoncurrentVersionExpiration: { NoncurrentDays: 1096 },
      }),
    ]);
  });

  test('a given access-logs bucket is shared instead of creating another', () => {
    const stack = newStack();
    const first = new AuditLogArchive(stack, 'Archive');
    new AuditLogArchive(stack, 'ConfigArchive', {
      purpose: 'config-history',
      accessLogsBucket: first.accessLogsBucket,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 3);
    const accessLogsId = logicalIdOf(template, 'AWS::S3::Bucket', 'ArchiveAccessLogsBucket');
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: accessLogsId },
        LogFilePrefix: 'config-history/',
      },
    });
  });
});

describe('AuditLogArchive delivery grants', () => {
  test('allowCloudTrail: ACL check and write under AWSLogs/<account>/ bound to the trail source, with bucket-owner-full-control', () => {
    const source = 'arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/*';
    const { template, bucketId } = synth({}, (a) =>
      a.allowCloudTrail(source, { keyPrefix: 'trail' }),
    );
    const statements = bucketPolicyStatements(template, bucketId);
    expect(statements).toContainEqual({
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
      Condition: {
        ArnLike: { 'aws:SourceArn': source },
        StringEquals: { 'aws:SourceAccount': '111122223333' },
      },
    });
    expect(statements).toContainEqual({
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: bucketObjects(bucketId, '/trail/AWSLogs/111122223333/*'),
      Condition: {
        ArnLike: { 'aws:SourceArn': source },
        StringEquals: {
          'aws:SourceAccount': '111122223333',
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      },
    });
  });

  test('allowCloudTrail: the key allows GenerateDataKey* only with the CloudTrail encryption context, and DescribeKey', () => {
    const source = 'arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/*';
    const { template } = synth({}, (a) => a.allowCloudTrail(source));
    const statements = keyPolicyStatements(
      template,
      logicalIdOf(template, 'AWS::KMS::Key', 'ArchiveKey'),
    );
    expect(statements).toContainEqual({
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
        ArnLike: { 'aws:SourceArn': source },
      },
    });
    expect(statements).toContainEqual({
      Sid: 'AllowCloudTrailDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { ArnLike: { 'aws:SourceArn': source } },
    });
  });

  test('allowFlowLogs: log delivery service bound to this account and its log sources, key usable by it', () => {
    const { template, bucketId } = synth({}, (a) => a.allowFlowLogs({ keyPrefix: 'vpc' }));
    const source = {
      StringEquals: { 'aws:SourceAccount': '111122223333' },
      ArnLike: { 'aws:SourceArn': partitionArn(':logs:ap-northeast-1:111122223333:*') },
    };
    const statements = bucketPolicyStatements(template, bucketId);
    expect(statements).toContainEqual({
      Sid: 'AWSLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
      Condition: source,
    });
    expect(statements).toContainEqual({
      Sid: 'AWSLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: bucketObjects(bucketId, '/vpc/AWSLogs/111122223333/*'),
      Condition: {
        ...source,
        StringEquals: {
          'aws:SourceAccount': '111122223333',
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      },
    });
    expect(
      keyPolicyStatements(template, logicalIdOf(template, 'AWS::KMS::Key', 'ArchiveKey')),
    ).toContainEqual(
      expect.objectContaining({
        Sid: 'AllowLogDeliveryUse',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Condition: source,
      }),
    );
  });

  test('allowConfig on a config-history archive: ACL and existence checks, write under AWSLogs/<account>/Config/', () => {
    const { template, bucketId } = synth({ purpose: 'config-history' }, (a) => a.allowConfig());
    const source = { StringEquals: { 'aws:SourceAccount': '111122223333' } };
    const statements = bucketPolicyStatements(template, bucketId);
    for (const [sid, action] of [
      ['AWSConfigBucketPermissionsCheck', 's3:GetBucketAcl'],
      ['AWSConfigBucketExistenceCheck', 's3:ListBucket'],
    ]) {
      expect(statements).toContainEqual({
        Sid: sid,
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: action,
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
        Condition: source,
      });
    }
    expect(statements).toContainEqual({
      Sid: 'AWSConfigBucketDelivery',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: bucketObjects(bucketId, '/AWSLogs/111122223333/Config/*'),
      Condition: {
        StringEquals: {
          'aws:SourceAccount': '111122223333',
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      },
    });
    expect(
      keyPolicyStatements(template, logicalIdOf(template, 'AWS::KMS::Key', 'ArchiveKey')),
    ).toContainEqual({
      Sid: 'AllowConfigDelivery',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: source,
    });
  });

  test('repeated grants add each statement once; different grants get distinct Sids', () => {
    const { template, bucketId } = synth({}, (a) => {
      a.allowFlowLogs();
      a.allowFlowLogs();
      a.allowFlowLogs({ keyPrefix: 'second' });
    });
    const sids = bucketPolicyStatements(template, bucketId)
      .map((s) => s.Sid)
      .filter((sid): sid is string => typeof sid === 'string' && sid.startsWith('AWSLogDelivery'));
    expect(sids.sort()).toEqual([
      'AWSLogDeliveryAclCheck',
      'AWSLogDeliveryWrite',
      'AWSLogDeliveryWrite2',
    ]);
  });

  test('allowConfig on an audit-trail archive is refused, citing the Object Lock restriction', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive');
    expect(() => archive.allowConfig()).toThrow(
      /AuditLogArchive allowConfig on purpose "audit-trail" is refused \[DET-1\].*Object Lock.*'config-history'/,
    );
  });

  test('allowCloudTrail on a config-history archive is refused (CloudTrail needs Object Lock)', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive', { purpose: 'config-history' });
    expect(() =>
      archive.allowCloudTrail('arn:aws:cloudtrail:ap-northeast-1:111122223333:trail/*'),
    ).toThrow(/allowCloudTrail on purpose "config-history" is refused \[LOG-3\]/);
  });

  test('a bad key prefix is refused', () => {
    const stack = newStack();
    const archive = new AuditLogArchive(stack, 'Archive');
    expect(() => archive.allowFlowLogs({ keyPrefix: '/vpc/' })).toThrow(
      /AuditLogArchive keyPrefix "\/vpc\/" is not a valid S3 key prefix \[LOG-4\]/,
    );
    expect(() => archive.allowFlowLogs({ keyPrefix: 'a//b' })).toThrow(/keyPrefix "a\/\/b"/);
  });
});

describe('AuditLogArchive purpose config-history (DET-1)', () => {
  test('has no Object Lock, keeps versioning and the deletion deny, and uses a "config" key', () => {
    const { template, bucketId, archive } = synth({ purpose: 'config-history' });
    const props = template.toJSON().Resources[bucketId].Properties;
    expect(props.ObjectLockEnabled).not.toBe(true);
    expect(props.ObjectLockConfiguration).toBeUndefined();
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(archive.objectLockMode).toBeUndefined();
    expect(archive.purpose).toBe('config-history');
    expect(bucketPolicyStatements(template, bucketId)).toContainEqual(
      expect.objectContaining({ Sid: 'DenyLogDeletion', Effect: 'Deny' }),
    );
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/govcloud-jp/config' });
  });
});

describe('AuditLogArchive validation', () => {
  const cases: Array<[string, AuditLogArchiveProps, RegExp]> = [
    [
      'retention below a year',
      { retentionDays: 364 },
      /AuditLogArchive retentionDays "364" is out of range \[RET-1\].*365/,
    ],
    ['retention 30', { retentionDays: 30 }, /retentionDays "30" is out of range \[RET-1\]/],
    [
      'fractional retention',
      { retentionDays: 400.5 },
      /retentionDays "400.5" is out of range \[RET-1\]/,
    ],
    [
      'retention over 100 years',
      { retentionDays: 36501 },
      /retentionDays "36501" is out of range \[RET-1\].*36500/,
    ],
    [
      'GOVERNANCE without a reason',
      { objectLockMode: 'GOVERNANCE' },
      /AuditLogArchive objectLockMode "GOVERNANCE" needs a governanceModeReason \[RET-2\]/,
    ],
    [
      'GOVERNANCE with a blank reason',
      { objectLockMode: 'GOVERNANCE', governanceModeReason: '   ' },
      /needs a governanceModeReason \[RET-2\]/,
    ],
    [
      'unknown mode',
      { objectLockMode: 'LEGAL_HOLD' as never },
      /AuditLogArchive objectLockMode "LEGAL_HOLD" is not supported \[RET-2\]/,
    ],
    [
      'unknown purpose',
      { purpose: 'data' as never },
      /AuditLogArchive purpose "data" is not supported/,
    ],
    [
      'Object Lock mode on a config-history archive',
      { purpose: 'config-history', objectLockMode: 'COMPLIANCE' },
      /objectLockMode "COMPLIANCE" cannot be used with purpose 'config-history' \[DET-1\]/,
    ],
    [
      'zero transition age',
      { glacierInstantRetrievalAfterDays: 0 },
      /glacierInstantRetrievalAfterDays "0" is invalid \[RET-3\]/,
    ],
    [
      'fractional transition age',
      { glacierFlexibleRetrievalAfterDays: 365.5 },
      /glacierFlexibleRetrievalAfterDays "365.5" is invalid \[RET-3\]/,
    ],
    [
      'flexible before instant',
      { glacierInstantRetrievalAfterDays: 200, glacierFlexibleRetrievalAfterDays: 200 },
      /glacierFlexibleRetrievalAfterDays "200" must be later than glacierInstantRetrievalAfterDays \(200\) \[RET-3\]/,
    ],
    [
      'expiration before retention',
      { retentionDays: 731, expireAfterDays: 730 },
      /AuditLogArchive expireAfterDays "730" is earlier than retentionDays \(731\) \[RET-1\]/,
    ],
    [
      'expiration not after the last transition',
      { retentionDays: 365, glacierFlexibleRetrievalAfterDays: 400, expireAfterDays: 400 },
      /expireAfterDays "400" must be later than glacierFlexibleRetrievalAfterDays \(400\) \[RET-3\]/,
    ],
    [
      'access logs expiring before retention',
      { accessLogsExpireAfterDays: 90 },
      /AuditLogArchive accessLogsExpireAfterDays "90" is earlier than retentionDays \(400\) \[RET-1\]/,
    ],
  ];
  test.each(cases)(
    '%s is refused with a message naming prop, value and requirement',
    (_name, props, message) => {
      expect(() => new AuditLogArchive(newStack(), 'Archive', props)).toThrow(message);
    },
  );
});
