import { type App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cmk, flagged, tokyoStack, validate } from './support';

const CMK = 'GCJ-KEY1-BucketEncryptionCMK';
const SSE_S3 = 'GCJ-KEY1-LogDeliveryBucketSseS3';

describe('GCJ-KEY1-BucketEncryptionCMK and GCJ-KEY1-LogDeliveryBucketSseS3', () => {
  test('passes aws:kms with a customer-managed key; flags SSE-S3, aws/s3 and no encryption', () => {
    const stack = tokyoStack();
    new s3.Bucket(stack, 'Cmk', { encryption: s3.BucketEncryption.KMS, encryptionKey: cmk(stack) });
    new s3.Bucket(stack, 'SseS3', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(stack, 'AwsManaged', { encryption: s3.BucketEncryption.KMS_MANAGED });
    new s3.CfnBucket(stack, 'Unencrypted');
    new s3.CfnBucket(stack, 'Dsse', {
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          {
            serverSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms:dsse',
              kmsMasterKeyId: cmk(stack, 'K2').keyArn,
            },
          },
        ],
      },
    });
    expect(flagged(stack, CMK)).toEqual([
      'Stack/AwsManaged/Resource',
      'Stack/SseS3/Resource',
      'Stack/Unencrypted',
    ]);
    expect(flagged(stack, SSE_S3)).toEqual([]);
  });

  test('recognises S3 server access log targets: referenced by LoggingConfiguration', () => {
    const stack = tokyoStack();
    const logs = new s3.Bucket(stack, 'AccessLogs', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(stack, 'Data', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: cmk(stack),
      serverAccessLogsBucket: logs,
    });
    expect(flagged(stack, CMK)).toEqual([]);
    const info = validate(stack).violations.find((v) => v.ruleName === SSE_S3);
    expect(info?.severity).toBe('info');
    expect(info?.violatingResources.map((r) => r.constructPath)).toEqual([
      'Stack/AccessLogs/Resource',
    ]);
  });

  test('recognises a target by its policy granting logging.s3.amazonaws.com (e.g. logs from another stack)', () => {
    const stack = tokyoStack();
    const bucket = new s3.Bucket(stack, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
    });
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
    expect(flagged(stack, CMK)).toEqual([]);
    expect(flagged(stack, SSE_S3)).toEqual(['Stack/AccessLogs/Resource']);
  });

  test('recognises a load balancer access-log bucket', () => {
    const stack = tokyoStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const bucket = new s3.Bucket(stack, 'AlbLogs', { encryption: s3.BucketEncryption.S3_MANAGED });
    new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc }).logAccessLogs(bucket);
    expect(flagged(stack, CMK)).toEqual([]);
    expect(flagged(stack, SSE_S3)).toEqual(['Stack/AlbLogs/Resource']);
  });
});

describe('GCJ-KEY3-BucketTlsOnly', () => {
  const RULE = 'GCJ-KEY3-BucketTlsOnly';

  test('passes enforceSSL, flags a bucket without policy or with a partial deny', () => {
    const stack = tokyoStack();
    new s3.Bucket(stack, 'Tls', { enforceSSL: true });
    new s3.Bucket(stack, 'NoPolicy');
    const partial = new s3.Bucket(stack, 'ObjectsOnly');
    partial.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [partial.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(flagged(stack, RULE)).toEqual(['Stack/NoPolicy/Resource', 'Stack/ObjectsOnly/Resource']);
  });

  test('matches an L1 policy naming the bucket by literal name', () => {
    const stack = tokyoStack();
    new s3.CfnBucket(stack, 'Named', { bucketName: 'named-bucket' });
    new s3.CfnBucketPolicy(stack, 'Policy', {
      bucket: 'named-bucket',
      policyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: ['arn:aws:s3:::named-bucket', 'arn:aws:s3:::named-bucket/*'],
            Condition: { Bool: { 'aws:SecureTransport': false } },
          },
        ],
      },
    });
    expect(flagged(stack, RULE)).toEqual([]);
  });
});

describe('GCJ-TEN1-BucketPublicAccessBlocked', () => {
  test('passes BLOCK_ALL, flags partial or missing settings', () => {
    const stack = tokyoStack();
    new s3.Bucket(stack, 'All', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    new s3.Bucket(stack, 'Acls', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    new s3.CfnBucket(stack, 'None');
    expect(flagged(stack, 'GCJ-TEN1-BucketPublicAccessBlocked')).toEqual([
      'Stack/Acls/Resource',
      'Stack/None',
    ]);
  });
});

describe('GCJ-LOG3-BucketVersioning', () => {
  test('passes versioned buckets, flags others', () => {
    const stack = tokyoStack();
    new s3.Bucket(stack, 'Versioned', { versioned: true });
    new s3.Bucket(stack, 'Plain');
    new s3.CfnBucket(stack, 'Suspended', { versioningConfiguration: { status: 'Suspended' } });
    expect(flagged(stack, 'GCJ-LOG3-BucketVersioning')).toEqual([
      'Stack/Plain/Resource',
      'Stack/Suspended',
    ]);
  });
});

describe('audit-log buckets', () => {
  const LOCK = 'GCJ-LOG3-AuditBucketObjectLock';
  const EXPIRY = 'GCJ-RET1-AuditBucketNoEarlyExpiry';
  const MODE = 'GCJ-RET2-AuditBucketComplianceMode';

  function trailTo(stack: ReturnType<typeof tokyoStack>, bucket: s3.IBucket, id = 'Trail'): void {
    new cloudtrail.Trail(stack, id, { bucket });
  }

  test('a CloudTrail bucket needs Object Lock with default retention ≥ the minimum', () => {
    const stack = tokyoStack();
    trailTo(stack, new s3.Bucket(stack, 'NoLock'), 'T1');
    trailTo(stack, new s3.Bucket(stack, 'LockNoDefault', { objectLockEnabled: true }), 'T2');
    trailTo(
      stack,
      new s3.Bucket(stack, 'Lock30', {
        objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(30)),
      }),
      'T3',
    );
    trailTo(
      stack,
      new s3.Bucket(stack, 'Lock365', {
        objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365)),
      }),
      'T4',
    );
    new s3.CfnBucket(stack, 'LockOneYear', {
      objectLockEnabled: true,
      objectLockConfiguration: {
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: 'COMPLIANCE', years: 1 } },
      },
    });
    new s3.Bucket(stack, 'NotAudit');
    expect(flagged(stack, LOCK)).toEqual([
      'Stack/Lock30/Resource',
      'Stack/LockNoDefault/Resource',
      'Stack/NoLock/Resource',
    ]);
    expect(flagged(stack, LOCK, { minimumRetentionDays: 400 })).toContain('Stack/LockOneYear');
  });

  test('AWS Config delivery channels and S3 flow logs make a bucket an audit-log bucket', () => {
    const stack = tokyoStack();
    const configBucket = new s3.Bucket(stack, 'ConfigBucket');
    new config.CfnDeliveryChannel(stack, 'Channel', { s3BucketName: configBucket.bucketName });
    const flowBucket = new s3.Bucket(stack, 'FlowBucket');
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    vpc.addFlowLog('ToS3', { destination: ec2.FlowLogDestination.toS3(flowBucket, 'flow/') });
    expect(flagged(stack, LOCK)).toEqual([
      'Stack/ConfigBucket/Resource',
      'Stack/FlowBucket/Resource',
    ]);
  });

  test('a delivery is found by literal name, by ARN with a prefix, and from another stack', () => {
    const stack = tokyoStack();
    const app = stack.node.root as App;
    const other = new Stack(app, 'Other', { env: { region: 'ap-northeast-1' } });
    new s3.CfnBucket(stack, 'ByName', { bucketName: 'trail-by-name' });
    new cloudtrail.CfnTrail(other, 'NamedTrail', {
      isLogging: true,
      s3BucketName: 'trail-by-name',
    });
    new s3.CfnBucket(stack, 'ByArn', { bucketName: 'flow-by-arn' });
    new ec2.CfnFlowLog(other, 'ArnFlow', {
      resourceId: 'vpc-0123456789abcdef0',
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: 'arn:aws:s3:::flow-by-arn/flow/',
    });
    const crossStack = new s3.Bucket(stack, 'CrossStack');
    new config.CfnDeliveryChannel(other, 'Channel', { s3BucketName: crossStack.bucketName });
    // Names that only share a prefix or a path segment with a delivery target.
    new s3.CfnBucket(stack, 'LongerName', { bucketName: 'flow-by-arn-2' });
    new s3.CfnBucket(stack, 'PathSegment', { bucketName: 'flow' });
    expect(flagged(app, LOCK)).toEqual([
      'Stack/ByArn',
      'Stack/ByName',
      'Stack/CrossStack/Resource',
    ]);
  });

  test('a bucket only AWS Config delivers to passes by denying object deletion to everyone', () => {
    // AWS Config refuses delivery to a bucket with Object Lock default retention.
    const stack = tokyoStack();
    const denyDelete = (bucket: s3.Bucket, actions: string[]): void => {
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions,
          resources: [bucket.arnForObjects('*')],
        }),
      );
    };
    const guarded = new s3.Bucket(stack, 'Guarded');
    denyDelete(guarded, ['s3:DeleteObject', 's3:DeleteObjectVersion']);
    const halfGuarded = new s3.Bucket(stack, 'HalfGuarded');
    denyDelete(halfGuarded, ['s3:DeleteObject']);
    const wildcard = new s3.Bucket(stack, 'Wildcard');
    denyDelete(wildcard, ['s3:Delete*']);
    for (const [id, bucket] of [
      ['C1', guarded],
      ['C2', halfGuarded],
      ['C3', wildcard],
    ] as const) {
      new config.CfnDeliveryChannel(stack, id, { s3BucketName: bucket.bucketName });
    }
    expect(flagged(stack, LOCK)).toEqual(['Stack/HalfGuarded/Resource']);
  });

  test('flags lifecycle expiry before the minimum, of current or noncurrent versions', () => {
    const stack = tokyoStack();
    const lock = s3.ObjectLockRetention.compliance(Duration.days(365));
    const early = new s3.Bucket(stack, 'Early', {
      objectLockDefaultRetention: lock,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    const noncurrent = new s3.Bucket(stack, 'Noncurrent', {
      objectLockDefaultRetention: lock,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });
    const late = new s3.Bucket(stack, 'Late', {
      objectLockDefaultRetention: lock,
      lifecycleRules: [
        {
          expiration: Duration.days(400),
          transitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) },
          ],
        },
        { enabled: false, expiration: Duration.days(1) },
      ],
    });
    const notAudit = new s3.Bucket(stack, 'NotAudit', {
      lifecycleRules: [{ expiration: Duration.days(1) }],
    });
    [early, noncurrent, late].forEach((b, i) => trailTo(stack, b, `T${i}`));
    expect(notAudit).toBeDefined();
    expect(flagged(stack, EXPIRY)).toEqual(['Stack/Early/Resource', 'Stack/Noncurrent/Resource']);
  });

  test('warns on GOVERNANCE mode, passes COMPLIANCE', () => {
    const stack = tokyoStack();
    new s3.Bucket(stack, 'Governance', {
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
    });
    new s3.Bucket(stack, 'Compliance', {
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(365)),
    });
    const report = validate(stack);
    const warning = report.violations.find((v) => v.ruleName === MODE);
    expect(warning?.severity).toBe('warning');
    expect(warning?.violatingResources.map((r) => r.constructPath)).toEqual([
      'Stack/Governance/Resource',
    ]);
  });

  test('an audit bucket kept with the stack passes the retention rule; one destroyed is flagged', () => {
    const stack = tokyoStack();
    const lock = s3.ObjectLockRetention.compliance(Duration.days(365));
    new s3.Bucket(stack, 'Kept', {
      objectLockDefaultRetention: lock,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new s3.Bucket(stack, 'Destroyed', {
      objectLockDefaultRetention: lock,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(flagged(stack, 'GCJ-RET1-LogStoreRetained')).toEqual(['Stack/Destroyed/Resource']);
    expect(flagged(stack, 'GCJ-BAK1-DataStoreRetained')).toEqual([]);
  });
});
