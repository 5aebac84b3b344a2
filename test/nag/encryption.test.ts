import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { cmk, flagged, tokyoStack, validate } from './support';

describe('GCJ-KEY1-RdsEncrypted', () => {
  test('passes encrypted storage with a CMK; flags unencrypted and the default aws/rds key; cluster members are judged by their cluster', () => {
    const stack = tokyoStack();
    const key = cmk(stack);
    new rds.CfnDBCluster(stack, 'Cmk', {
      engine: 'aurora-postgresql',
      storageEncrypted: true,
      kmsKeyId: key.keyArn,
    });
    new rds.CfnDBCluster(stack, 'DefaultKey', {
      engine: 'aurora-postgresql',
      storageEncrypted: true,
    });
    new rds.CfnDBInstance(stack, 'Unencrypted', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
    });
    new rds.CfnDBInstance(stack, 'Member', {
      engine: 'aurora-postgresql',
      dbInstanceClass: 'db.r6g.large',
      dbClusterIdentifier: 'x',
    });
    new rds.CfnDBInstance(stack, 'Standalone', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
      storageEncrypted: true,
      kmsKeyId: key.keyArn,
    });
    expect(flagged(stack, 'GCJ-KEY1-RdsEncrypted')).toEqual([
      'Stack/DefaultKey',
      'Stack/Unencrypted',
    ]);
  });
});

describe('GCJ-KEY1-EbsEncrypted', () => {
  test('volumes, instance block devices and launch templates', () => {
    const stack = tokyoStack();
    const key = cmk(stack);
    new ec2.CfnVolume(stack, 'VolCmk', {
      availabilityZone: 'ap-northeast-1a',
      size: 8,
      encrypted: true,
      kmsKeyId: key.keyArn,
    });
    new ec2.CfnVolume(stack, 'VolDefaultKey', {
      availabilityZone: 'ap-northeast-1a',
      size: 8,
      encrypted: true,
    });
    new ec2.CfnInstance(stack, 'NoMappings', { imageId: 'ami-12345678' });
    new ec2.CfnInstance(stack, 'RootEncrypted', {
      imageId: 'ami-12345678',
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { encrypted: true, kmsKeyId: key.keyId } },
      ],
    });
    new ec2.CfnLaunchTemplate(stack, 'TemplatePlain', {
      launchTemplateData: {
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 8 } }],
      },
    });
    new ec2.CfnLaunchTemplate(stack, 'TemplateNoDevices', {
      launchTemplateData: { instanceType: 't3.micro' },
    });
    expect(flagged(stack, 'GCJ-KEY1-EbsEncrypted')).toEqual([
      'Stack/NoMappings',
      'Stack/TemplatePlain',
      'Stack/VolDefaultKey',
    ]);
  });
});

describe('GCJ-KEY1-EfsEncrypted', () => {
  test('passes Encrypted with a CMK, flags the default key', () => {
    const stack = tokyoStack();
    new efs.CfnFileSystem(stack, 'Cmk', { encrypted: true, kmsKeyId: cmk(stack).keyArn });
    new efs.CfnFileSystem(stack, 'DefaultKey', { encrypted: true });
    new efs.CfnFileSystem(stack, 'Plain', {});
    expect(flagged(stack, 'GCJ-KEY1-EfsEncrypted')).toEqual(['Stack/DefaultKey', 'Stack/Plain']);
  });
});

describe('GCJ-KEY1-DynamoDbEncrypted', () => {
  test('passes CUSTOMER_MANAGED, flags AWS-owned and AWS-managed keys; global table replicas need a key each', () => {
    const stack = tokyoStack();
    const key = cmk(stack);
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    new dynamodb.Table(stack, 'Cmk', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
    });
    new dynamodb.Table(stack, 'AwsOwned', { partitionKey });
    new dynamodb.Table(stack, 'AwsManaged', {
      partitionKey,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
    });
    const schema = {
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      sseSpecification: { sseEnabled: true, sseType: 'KMS' },
    };
    new dynamodb.CfnGlobalTable(stack, 'GlobalCmk', {
      ...schema,
      replicas: [{ region: 'ap-northeast-1', sseSpecification: { kmsMasterKeyId: key.keyArn } }],
    });
    new dynamodb.CfnGlobalTable(stack, 'GlobalNoKey', {
      ...schema,
      replicas: [{ region: 'ap-northeast-1' }],
    });
    expect(flagged(stack, 'GCJ-KEY1-DynamoDbEncrypted')).toEqual([
      'Stack/AwsManaged/Resource',
      'Stack/AwsOwned/Resource',
      'Stack/GlobalNoKey',
    ]);
  });
});

describe('queues, topics, secrets, streams, vaults', () => {
  test.each([
    ['GCJ-KEY1-SqsEncrypted', 'Queue'],
    ['GCJ-KEY1-SnsEncrypted', 'Topic'],
    ['GCJ-KEY1-SecretEncrypted', 'Secret'],
    ['GCJ-KEY1-KinesisStreamEncrypted', 'Stream'],
    ['GCJ-KEY1-BackupVaultEncrypted', 'Vault'],
  ])('%s passes a CMK and flags the default / AWS-managed key', (rule, kind) => {
    const stack = tokyoStack();
    const key = cmk(stack);
    switch (kind) {
      case 'Queue':
        new sqs.Queue(stack, 'Good', {
          encryption: sqs.QueueEncryption.KMS,
          encryptionMasterKey: key,
        });
        new sqs.Queue(stack, 'Bad', { encryption: sqs.QueueEncryption.SQS_MANAGED });
        new sqs.CfnQueue(stack, 'Alias', { kmsMasterKeyId: 'alias/aws/sqs' });
        break;
      case 'Topic':
        new sns.Topic(stack, 'Good', { masterKey: key });
        new sns.Topic(stack, 'Bad');
        new sns.CfnTopic(stack, 'Alias', { kmsMasterKeyId: 'alias/aws/sns' });
        break;
      case 'Secret':
        new secrets.Secret(stack, 'Good', { encryptionKey: key });
        new secrets.Secret(stack, 'Bad');
        new secrets.CfnSecret(stack, 'Alias', { kmsKeyId: 'alias/aws/secretsmanager' });
        break;
      case 'Stream':
        new kinesis.Stream(stack, 'Good', {
          encryption: kinesis.StreamEncryption.KMS,
          encryptionKey: key,
        });
        new kinesis.Stream(stack, 'Bad', { encryption: kinesis.StreamEncryption.UNENCRYPTED });
        new kinesis.Stream(stack, 'Alias', { encryption: kinesis.StreamEncryption.MANAGED });
        break;
      default:
        new backup.BackupVault(stack, 'Good', { encryptionKey: key });
        new backup.BackupVault(stack, 'Bad');
        new backup.CfnBackupVault(stack, 'Alias', {
          backupVaultName: 'a',
          encryptionKeyArn: 'arn:aws:kms:ap-northeast-1:111122223333:alias/aws/backup',
        });
    }
    const paths = flagged(stack, rule).map((p) => p.replace(/\/Resource$/, ''));
    expect(paths).toEqual(['Stack/Alias', 'Stack/Bad']);
  });

  test('GCJ-KEY1-FirehoseEncrypted: CUSTOMER_MANAGED_CMK passes, AWS-owned flagged, a Kinesis-fed stream is not applicable', () => {
    const stack = tokyoStack();
    const dest = { bucketArn: 'arn:aws:s3:::b', roleArn: 'arn:aws:iam::111122223333:role/f' };
    new firehose.CfnDeliveryStream(stack, 'Cmk', {
      s3DestinationConfiguration: dest,
      deliveryStreamEncryptionConfigurationInput: {
        keyType: 'CUSTOMER_MANAGED_CMK',
        keyArn: cmk(stack).keyArn,
      },
    });
    new firehose.CfnDeliveryStream(stack, 'AwsOwned', {
      s3DestinationConfiguration: dest,
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
    });
    new firehose.CfnDeliveryStream(stack, 'FromStream', {
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: {
        kinesisStreamArn: 'arn:aws:kinesis:ap-northeast-1:111122223333:stream/s',
        roleArn: dest.roleArn,
      },
      s3DestinationConfiguration: dest,
    });
    expect(flagged(stack, 'GCJ-KEY1-FirehoseEncrypted')).toEqual(['Stack/AwsOwned']);
  });
});

describe('GCJ-KEY3-LoadBalancerTls', () => {
  test('HTTPS with a TLS 1.2+ policy and HTTP→HTTPS redirects pass; plain HTTP, old or default policies are flagged', () => {
    const stack = tokyoStack();
    const lb = 'arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadbalancer/app/x/1';
    const forward = [{ type: 'forward', targetGroupArn: 'arn:tg' }];
    const certificates = [
      { certificateArn: 'arn:aws:acm:ap-northeast-1:111122223333:certificate/x' },
    ];
    const listener = (id: string, props: Partial<elbv2.CfnListenerProps>) =>
      new elbv2.CfnListener(stack, id, { loadBalancerArn: lb, defaultActions: forward, ...props });
    listener('Tls13', {
      protocol: 'HTTPS',
      port: 443,
      certificates,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    });
    listener('Fs12', {
      protocol: 'HTTPS',
      port: 443,
      certificates,
      sslPolicy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10',
    });
    listener('Old', {
      protocol: 'HTTPS',
      port: 443,
      certificates,
      sslPolicy: 'ELBSecurityPolicy-2016-08',
    });
    listener('Tls11', {
      protocol: 'TLS',
      port: 443,
      certificates,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-1-2021-06',
    });
    listener('NoPolicy', { protocol: 'HTTPS', port: 443, certificates });
    listener('Http', { protocol: 'HTTP', port: 80 });
    listener('Redirect', {
      protocol: 'HTTP',
      port: 80,
      defaultActions: [
        {
          type: 'redirect',
          redirectConfig: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
        },
      ],
    });
    listener('Tcp', { protocol: 'TCP', port: 5432 });
    expect(flagged(stack, 'GCJ-KEY3-LoadBalancerTls')).toEqual([
      'Stack/Http',
      'Stack/NoPolicy',
      'Stack/Old',
      'Stack/Tls11',
    ]);
  });
});

describe('GCJ-KEY3-DatabaseTls', () => {
  test('warns unless a parameter group of the app forces TLS for the engine', () => {
    const stack = tokyoStack();
    const pg = new rds.CfnDBClusterParameterGroup(stack, 'PgForce', {
      family: 'aurora-postgresql16',
      description: 'tls',
      parameters: { 'rds.force_ssl': '1' },
    });
    const mysql = new rds.CfnDBClusterParameterGroup(stack, 'MysqlForce', {
      family: 'aurora-mysql8.0',
      description: 'tls',
      parameters: { require_secure_transport: 'ON' },
    });
    const loose = new rds.CfnDBParameterGroup(stack, 'Loose', {
      family: 'postgres16',
      description: 'no tls',
      parameters: { 'rds.force_ssl': '0' },
    });
    new rds.CfnDBCluster(stack, 'PgGood', {
      engine: 'aurora-postgresql',
      dbClusterParameterGroupName: pg.ref,
    });
    new rds.CfnDBCluster(stack, 'MysqlGood', {
      engine: 'aurora-mysql',
      dbClusterParameterGroupName: mysql.ref,
    });
    new rds.CfnDBCluster(stack, 'DefaultGroup', { engine: 'aurora-postgresql' });
    new rds.CfnDBInstance(stack, 'LooseInstance', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
      dbParameterGroupName: loose.ref,
    });
    new rds.CfnDBInstance(stack, 'Oracle', { engine: 'oracle-ee', dbInstanceClass: 'db.m5.large' });
    const warning = validate(stack).violations.find((v) => v.ruleName === 'GCJ-KEY3-DatabaseTls');
    expect(warning?.severity).toBe('warning');
    expect(warning?.violatingResources.map((r) => r.constructPath).sort()).toEqual([
      'Stack/DefaultGroup',
      'Stack/LooseInstance',
    ]);
  });
});
