import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { flagged, tokyoStack } from './support';

describe('GCJ-RET1-LogStoreRetained', () => {
  test('passes retained log groups and access-log buckets, flags destroyed ones', () => {
    const stack = tokyoStack();
    new logs.LogGroup(stack, 'Kept', { removalPolicy: RemovalPolicy.RETAIN });
    new logs.LogGroup(stack, 'Destroyed', { removalPolicy: RemovalPolicy.DESTROY });
    const accessLogs = new s3.Bucket(stack, 'AccessLogs', { removalPolicy: RemovalPolicy.DESTROY });
    new s3.Bucket(stack, 'Data', {
      serverAccessLogsBucket: accessLogs,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(flagged(stack, 'GCJ-RET1-LogStoreRetained')).toEqual([
      'Stack/AccessLogs/Resource',
      'Stack/Destroyed/Resource',
    ]);
  });
});

describe('GCJ-BAK3-VaultRetained', () => {
  test('passes RETAIN, flags DESTROY', () => {
    const stack = tokyoStack();
    new backup.BackupVault(stack, 'Kept', { removalPolicy: RemovalPolicy.RETAIN });
    new backup.BackupVault(stack, 'Destroyed', { removalPolicy: RemovalPolicy.DESTROY });
    expect(flagged(stack, 'GCJ-BAK3-VaultRetained')).toEqual(['Stack/Destroyed/Resource']);
  });
});

describe('GCJ-BAK1-DataStoreRetained', () => {
  test('buckets, tables, file systems retained; databases retained or snapshotted; cluster members skipped', () => {
    const stack = tokyoStack();
    new s3.Bucket(stack, 'BucketKept', { removalPolicy: RemovalPolicy.RETAIN });
    new s3.Bucket(stack, 'BucketDestroyed', { removalPolicy: RemovalPolicy.DESTROY });
    const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
    new dynamodb.Table(stack, 'TableKept', { partitionKey });
    new dynamodb.Table(stack, 'TableDestroyed', {
      partitionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fs = new efs.CfnFileSystem(stack, 'FsDestroyed', {});
    fs.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const snap = new rds.CfnDBCluster(stack, 'ClusterSnapshot', { engine: 'aurora-postgresql' });
    snap.applyRemovalPolicy(RemovalPolicy.SNAPSHOT);
    const gone = new rds.CfnDBCluster(stack, 'ClusterDestroyed', { engine: 'aurora-postgresql' });
    gone.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const member = new rds.CfnDBInstance(stack, 'Member', {
      engine: 'aurora-postgresql',
      dbInstanceClass: 'db.r6g.large',
      dbClusterIdentifier: snap.ref,
    });
    member.applyRemovalPolicy(RemovalPolicy.DESTROY);
    expect(flagged(stack, 'GCJ-BAK1-DataStoreRetained')).toEqual([
      'Stack/BucketDestroyed/Resource',
      'Stack/ClusterDestroyed',
      'Stack/FsDestroyed',
      'Stack/TableDestroyed/Resource',
    ]);
  });

  test('the L2 DatabaseCluster defaults (SNAPSHOT) pass', () => {
    const stack = tokyoStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    new rds.DatabaseCluster(stack, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({
        version: rds.AuroraPostgresEngineVersion.VER_16_4,
      }),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    expect(flagged(stack, 'GCJ-BAK1-DataStoreRetained')).toEqual([]);
  });
});

describe('GCJ-BAK2-BackupCrossRegionCopy', () => {
  test('passes a copy to the other Japanese region; flags no copy and a same-region copy', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const tokyo = new Stack(app, 'Tokyo', { env: { region: 'ap-northeast-1' } });
    const osaka = new Stack(app, 'Osaka', { env: { region: 'ap-northeast-3' } });
    const drVault = new backup.CfnBackupVault(osaka, 'DrVault', { backupVaultName: 'dr' });
    const localVault = new backup.CfnBackupVault(tokyo, 'Local', { backupVaultName: 'local' });
    const plan = (
      id: string,
      copyActions?: backup.CfnBackupPlan.CopyActionResourceTypeProperty[],
    ) =>
      new backup.CfnBackupPlan(tokyo, id, {
        backupPlan: {
          backupPlanName: id,
          backupPlanRule: [{ ruleName: 'daily', targetBackupVault: 'local', copyActions }],
        },
      });
    plan('ToOsakaArn', [
      { destinationBackupVaultArn: 'arn:aws:backup:ap-northeast-3:111122223333:backup-vault:dr' },
    ]);
    plan('ToOsakaRef', [{ destinationBackupVaultArn: drVault.attrBackupVaultArn }]);
    plan('NoCopy');
    plan('SameRegion', [{ destinationBackupVaultArn: localVault.attrBackupVaultArn }]);
    expect(flagged(app, 'GCJ-BAK2-BackupCrossRegionCopy')).toEqual([
      'Tokyo/NoCopy',
      'Tokyo/SameRegion',
    ]);
  });
});
