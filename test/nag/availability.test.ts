import { Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { scheduleIntervalHours } from '../../lib/nag/utils/schedule';
import { flagged, tokyoStack } from './support';

const SCHEDULE = 'GCJ-AVL1-BackupScheduleMeetsRpo';
const MULTI_AZ = 'GCJ-AVL1-DatabaseMultiAz';
const REMOTE = 'GCJ-AVL2-RemoteCopyMeetsRpo';
const OSAKA = 'arn:aws:backup:ap-northeast-3:111122223333:backup-vault:dr';

interface RuleSpec {
  readonly schedule?: string;
  readonly continuous?: boolean;
  readonly copyTo?: string;
}

function plan(stack: Stack, id: string, rules: RuleSpec[]): void {
  new backup.CfnBackupPlan(stack, id, {
    backupPlan: {
      backupPlanName: id,
      backupPlanRule: rules.map((r, i) => ({
        ruleName: `r${i}`,
        targetBackupVault: 'local',
        scheduleExpression: r.schedule,
        enableContinuousBackup: r.continuous,
        copyActions: r.copyTo ? [{ destinationBackupVaultArn: r.copyTo }] : undefined,
      })),
    },
  });
}

describe('schedule intervals, read from the expression as AWS Backup runs it', () => {
  test.each([
    ['cron(0 18 * * ? *)', 24],
    ['cron(0 3,15 * * ? *)', 12],
    ['cron(0 */6 * * ? *)', 6],
    ['cron(0 * * * ? *)', 1],
    ['cron(0,30 * * * ? *)', 0.5],
    ['cron(0 18 ? * MON-FRI *)', 72],
    ['cron(0 18 ? * SUN *)', 168],
    ['cron(0 18 1 * ? *)', 744],
    ['rate(12 hours)', 12],
    ['rate(1 day)', 24],
  ])('%s → at most %s hours between recovery points', (expression, hours) => {
    expect(scheduleIntervalHours(expression)).toBe(hours);
  });

  test('an expression that cannot be read gives no interval', () => {
    expect(scheduleIntervalHours('at(2026-01-01T00:00:00)')).toBeUndefined();
  });
});

describe('GCJ-AVL1-BackupScheduleMeetsRpo', () => {
  test('a daily plan meets the standard RPO (24 h); weekly, weekday-only and unscheduled plans do not', () => {
    const stack = tokyoStack();
    plan(stack, 'Daily', [{ schedule: 'cron(0 18 * * ? *)', copyTo: OSAKA }]);
    plan(stack, 'Weekly', [{ schedule: 'cron(0 18 ? * SUN *)', copyTo: OSAKA }]);
    plan(stack, 'Weekdays', [{ schedule: 'cron(0 18 ? * MON-FRI *)', copyTo: OSAKA }]);
    plan(stack, 'NoSchedule', [{ copyTo: OSAKA }]);
    expect(flagged(stack, SCHEDULE)).toEqual([
      'Stack/NoSchedule',
      'Stack/Weekdays',
      'Stack/Weekly',
    ]);
  });

  test('with rpoHours 1 a daily plan fails; an hourly or continuous rule meets it', () => {
    const stack = tokyoStack();
    plan(stack, 'Daily', [{ schedule: 'cron(0 18 * * ? *)' }]);
    plan(stack, 'Hourly', [{ schedule: 'cron(0 * * * ? *)' }]);
    plan(stack, 'Continuous', [{ schedule: 'cron(0 18 * * ? *)' }, { continuous: true }]);
    expect(flagged(stack, SCHEDULE, { nonFunctional: { rpoHours: 1 } })).toEqual(['Stack/Daily']);
  });
});

describe('GCJ-AVL2-RemoteCopyMeetsRpo', () => {
  test('the copy to Osaka must ride on a rule that runs at least every RPO', () => {
    const stack = tokyoStack();
    plan(stack, 'DailyCopy', [{ schedule: 'cron(0 18 * * ? *)', copyTo: OSAKA }]);
    plan(stack, 'WeeklyCopy', [
      { schedule: 'cron(0 18 * * ? *)' },
      { schedule: 'cron(0 18 ? * SUN *)', copyTo: OSAKA },
    ]);
    plan(stack, 'NoCopy', [{ schedule: 'cron(0 18 * * ? *)' }]);
    plan(stack, 'SameRegion', [
      {
        schedule: 'cron(0 18 * * ? *)',
        copyTo: `arn:aws:backup:${stack.region}:111122223333:backup-vault:local`,
      },
    ]);
    plan(stack, 'Oregon', [
      {
        schedule: 'cron(0 18 * * ? *)',
        copyTo: 'arn:aws:backup:us-west-2:111122223333:backup-vault:dr',
      },
    ]);
    expect(flagged(stack, REMOTE)).toEqual([
      'Stack/NoCopy',
      'Stack/Oregon',
      'Stack/SameRegion',
      'Stack/WeeklyCopy',
    ]);
  });

  test('does not apply when the configured disaster level needs no remote copy', () => {
    const stack = tokyoStack();
    plan(stack, 'NoCopy', [{ schedule: 'cron(0 18 * * ? *)' }]);
    expect(flagged(stack, REMOTE, { nonFunctional: { remoteCopy: false } })).toEqual([]);
  });
});

describe('GCJ-AVL1-DatabaseMultiAz', () => {
  function databases(): Stack {
    const stack = tokyoStack();
    new rds.CfnDBInstance(stack, 'MultiAzInstance', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
      multiAz: true,
    });
    new rds.CfnDBInstance(stack, 'SingleAzInstance', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
    });
    new rds.CfnDBCluster(stack, 'MultiAzDbCluster', {
      engine: 'postgres',
      dbClusterInstanceClass: 'db.m6gd.large',
    });
    const aurora = (id: string, zones: (string | undefined)[]) => {
      const cluster = new rds.CfnDBCluster(stack, id, { engine: 'aurora-postgresql' });
      zones.forEach(
        (zone, i) =>
          new rds.CfnDBInstance(stack, `${id}Instance${i}`, {
            engine: 'aurora-postgresql',
            dbInstanceClass: 'db.serverless',
            dbClusterIdentifier: cluster.ref,
            availabilityZone: zone,
          }),
      );
    };
    aurora('AuroraWithReader', [undefined, undefined]);
    aurora('AuroraWriterOnly', [undefined]);
    aurora('AuroraOneZone', ['ap-northeast-1a', 'ap-northeast-1a']);
    aurora('AuroraTwoZones', ['ap-northeast-1a', 'ap-northeast-1c']);
    return stack;
  }

  test('at the standard availability, single-AZ instances and one-zone Aurora clusters are flagged', () => {
    expect(flagged(databases(), MULTI_AZ)).toEqual([
      'Stack/AuroraOneZone',
      'Stack/AuroraWriterOnly',
      'Stack/SingleAzInstance',
    ]);
  });

  test('an Aurora cluster built by the L2 construct with a reader is Multi-AZ', () => {
    const stack = tokyoStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const engine = rds.DatabaseClusterEngine.auroraPostgres({
      version: rds.AuroraPostgresEngineVersion.VER_16_4,
    });
    new rds.DatabaseCluster(stack, 'WithReader', {
      engine,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.serverlessV2('writer'),
      readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true })],
    });
    new rds.DatabaseCluster(stack, 'WriterOnly', {
      engine,
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      writer: rds.ClusterInstance.serverlessV2('writer'),
    });
    expect(flagged(stack, MULTI_AZ)).toEqual(['Stack/WriterOnly/Resource']);
  });

  test('does not apply below the availability that needs Multi-AZ', () => {
    expect(flagged(databases(), MULTI_AZ, { nonFunctional: { availabilityPercent: 99 } })).toEqual(
      [],
    );
  });
});
