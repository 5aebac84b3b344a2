import { App, CfnParameter, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { flagged, tokyoStack, validate } from './support';

const REGION = 'GCJ-REG1-StackRegion';
const UNRESOLVED = 'GCJ-REG1-StackRegionUnresolved';
const COPY = 'GCJ-REG3-CopyDestinationRegion';
const UNVERIFIED = 'GCJ-REG3-CopyDestinationUnverified';

function app(): App {
  return new App({ builtinCloudFormationValidation: false });
}

describe('GCJ-REG1-StackRegion', () => {
  test('passes Tokyo and Osaka, flags another region once per stack (on its first resource)', () => {
    const a = app();
    for (const [id, region] of [
      ['Tokyo', 'ap-northeast-1'],
      ['Osaka', 'ap-northeast-3'],
      ['Virginia', 'us-east-1'],
    ]) {
      const stack = new Stack(a, id, { env: { region } });
      new sqs.CfnQueue(stack, 'First');
      new sqs.CfnQueue(stack, 'Second');
    }
    expect(flagged(a, REGION)).toEqual(['Virginia/First']);
    expect(flagged(a, UNRESOLVED)).toEqual([]);
  });

  test('allowedRegions narrows the allowed regions', () => {
    const a = app();
    new sqs.CfnQueue(new Stack(a, 'Osaka', { env: { region: 'ap-northeast-3' } }), 'Q');
    expect(flagged(a, REGION, { allowedRegions: ['ap-northeast-1'] })).toEqual(['Osaka/Q']);
  });

  test('an acknowledgement on the stack covers the stack-level finding', () => {
    const a = app();
    const stack = new Stack(a, 'Virginia', { env: { region: 'us-east-1' } });
    new sqs.CfnQueue(stack, 'Q');
    Validations.of(stack).acknowledge({ id: REGION, reason: 'test fixture deployed nowhere' });
    expect(flagged(a, REGION)).toEqual([]);
  });
});

describe('GCJ-REG1-StackRegionUnresolved', () => {
  test('warns once for an environment-agnostic stack', () => {
    const a = app();
    const stack = new Stack(a, 'Agnostic');
    new sqs.CfnQueue(stack, 'First');
    new sqs.CfnQueue(stack, 'Second');
    const violation = validate(a).violations.find((v) => v.ruleName === UNRESOLVED);
    expect(violation?.severity).toBe('warning');
    expect(violation?.violatingResources.map((r) => r.constructPath)).toEqual(['Agnostic/First']);
    expect(flagged(a, REGION)).toEqual([]);
  });
});

describe('GCJ-REG3 copy destinations', () => {
  test('S3 replication: a bucket of the app found by name or reference; outside Japan flagged, unknown warned', () => {
    const a = app();
    const tokyo = new Stack(a, 'Tokyo', { env: { region: 'ap-northeast-1' } });
    new s3.CfnBucket(new Stack(a, 'Osaka', { env: { region: 'ap-northeast-3' } }), 'Dr', {
      bucketName: 'dr-bucket',
    });
    new s3.CfnBucket(new Stack(a, 'Virginia', { env: { region: 'us-east-1' } }), 'Us', {
      bucketName: 'us-bucket',
    });
    const sameStack = new s3.CfnBucket(tokyo, 'SameStack');
    const replicate = (id: string, bucket: string) =>
      new s3.CfnBucket(tokyo, id, {
        replicationConfiguration: {
          role: 'arn:aws:iam::111122223333:role/replication',
          rules: [{ status: 'Enabled', destination: { bucket } }],
        },
      });
    replicate('ToOsaka', 'arn:aws:s3:::dr-bucket');
    replicate('ToUs', 'arn:aws:s3:::us-bucket');
    replicate('ToSameStack', sameStack.attrArn);
    replicate('ToUnknown', 'arn:aws:s3:::somebody-elses-bucket');
    expect(flagged(a, COPY)).toEqual(['Tokyo/ToUs']);
    expect(flagged(a, UNVERIFIED)).toEqual(['Tokyo/ToUnknown']);
  });

  test('AWS Backup copy actions: region read from the ARN, Fn::Join and AWS::Region included', () => {
    const stack = tokyoStack();
    const param = new CfnParameter(stack, 'VaultArn');
    const plan = (id: string, destinationBackupVaultArn: string) =>
      new backup.CfnBackupPlan(stack, id, {
        backupPlan: {
          backupPlanName: id,
          backupPlanRule: [
            {
              ruleName: 'daily',
              targetBackupVault: 'local',
              copyActions: [{ destinationBackupVaultArn }],
            },
          ],
        },
      });
    plan('ToOsaka', 'arn:aws:backup:ap-northeast-3:111122223333:backup-vault:dr');
    plan('ToOregon', 'arn:aws:backup:us-west-2:111122223333:backup-vault:dr');
    plan(
      'JoinOsaka',
      Fn.join(':', ['arn', 'aws', 'backup', 'ap-northeast-3', stack.account, 'backup-vault', 'dr']),
    );
    plan('SameRegion', `arn:aws:backup:${stack.region}:111122223333:backup-vault:local`);
    plan('FromParameter', param.valueAsString);
    expect(flagged(stack, COPY)).toEqual(['Stack/ToOregon']);
    expect(flagged(stack, UNVERIFIED)).toEqual(['Stack/FromParameter']);
  });

  test('DynamoDB global tables, Secrets Manager, ECR, EFS and RDS backup replication', () => {
    const stack = tokyoStack();
    const attr = {
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    };
    new dynamodb.CfnGlobalTable(stack, 'GlobalJapan', {
      ...attr,
      replicas: [{ region: 'ap-northeast-1' }, { region: 'ap-northeast-3' }],
    });
    new dynamodb.CfnGlobalTable(stack, 'GlobalUs', {
      ...attr,
      replicas: [{ region: 'ap-northeast-1' }, { region: 'us-east-1' }],
    });
    new dynamodb.CfnGlobalTable(stack, 'GlobalOwnRegion', {
      ...attr,
      replicas: [{ region: stack.region }],
    });
    new secrets.CfnSecret(stack, 'SecretEu', { replicaRegions: [{ region: 'eu-west-1' }] });
    new secrets.CfnSecret(stack, 'SecretOsaka', { replicaRegions: [{ region: 'ap-northeast-3' }] });
    new ecr.CfnReplicationConfiguration(stack, 'EcrUs', {
      replicationConfiguration: {
        rules: [{ destinations: [{ region: 'us-east-1', registryId: '111122223333' }] }],
      },
    });
    new efs.CfnFileSystem(stack, 'EfsUs', {
      replicationConfiguration: { destinations: [{ region: 'us-east-1' }] },
    });
    new efs.CfnFileSystem(stack, 'EfsOsaka', {
      replicationConfiguration: { destinations: [{ region: 'ap-northeast-3' }] },
    });
    new rds.CfnDBInstance(stack, 'DbUs', {
      dbInstanceClass: 'db.t4g.micro',
      engine: 'postgres',
      automaticBackupReplicationRegion: 'us-west-2',
    });
    new rds.CfnDBInstance(stack, 'DbOsaka', {
      dbInstanceClass: 'db.t4g.micro',
      engine: 'postgres',
      automaticBackupReplicationRegion: 'ap-northeast-3',
    });
    expect(flagged(stack, COPY)).toEqual([
      'Stack/DbUs',
      'Stack/EcrUs',
      'Stack/EfsUs',
      'Stack/GlobalUs',
      'Stack/SecretEu',
    ]);
    expect(flagged(stack, UNVERIFIED)).toEqual([]);
  });

  test('the copy-destination warning does not fail the report', () => {
    const stack = tokyoStack();
    new s3.CfnBucket(stack, 'ToUnknown', {
      replicationConfiguration: {
        role: 'arn:aws:iam::111122223333:role/r',
        rules: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::x' } }],
      },
    });
    const report = validate(stack);
    expect(report.violations.find((v) => v.ruleName === UNVERIFIED)?.severity).toBe('warning');
  });
});
