import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../network/encrypted-log-group';
import { acknowledgeFindings, nagResourceFinding } from '../core/nag-finding';
import { recordImplements } from '../core/implements';
import { validateDataTier } from './private/data-tier-validation';
import { hardenedBucketProps, logServerAccess } from '../core/bucket';
import { RDS_OS_METRICS_LOG_GROUP_NAME } from './rds-os-metrics-log-group';

/** PostgreSQL's port. A non-default port adds nothing behind security groups (see RDS11). */
const POSTGRES_PORT = 5432;

export interface DataTierProps {
  /** The VPC. */
  readonly vpc: ec2.IVpc;
  /** Subnets of the database (isolated, at least two AZs). */
  readonly subnets: ec2.SubnetSelection;
  /**
   * The municipality's data key (業務データ鍵): encrypts the database storage, its master
   * secret, its log group and the exchange bucket, so scheduling its deletion crypto-erases
   * exactly this municipality's data (KEY-4).
   */
  readonly encryptionKey: kms.IKey;
  /**
   * DB cluster identifier, lowercase. A fixed name is needed here: RDS exports logs to
   * `/aws/rds/cluster/<identifier>/postgresql`, and that log group must exist — encrypted and
   * with retention — before RDS creates it without either.
   */
  readonly clusterIdentifier: string;
  /** SSE-S3 bucket receiving the exchange bucket's server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Provisioned instance class, e.g. `db.r7g.large`.
   * @default - Aurora Serverless v2
   */
  readonly instanceClass?: string;
  /**
   * Serverless v2 minimum capacity (ACU).
   * @default 0.5
   */
  readonly minCapacity?: number;
  /**
   * Serverless v2 maximum capacity (ACU).
   * @default 2
   */
  readonly maxCapacity?: number;
  /**
   * Retention of the database log group (RET-1).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly retention?: logs.RetentionDays;
  /**
   * Enhanced Monitoring (OS メトリクス) interval of every instance, in seconds (1, 5, 10, 15, 30
   * or 60); 0 turns it off (LOG-5). RDS writes the metrics to the account-wide `RDSOSMetrics`
   * log group, which must exist before the first instance, encrypted and kept ≥ 1 year:
   * `RdsOsMetricsLogGroup`, created once per account and region (the baseline stack does).
   * Off by default: that group is a baseline resource, and the guard's tag-scoped deny
   * (`DenyTamperOnTaggedResources`) also refuses `logs:CreateLogStream` there to the
   * monitoring role when the role carries the baseline boundary (hardened bootstrap), so RDS
   * could not write. Turn it on where the system's roles carry no baseline boundary, or once
   * the guard lets writes into `RDSOSMetrics` through.
   * @default 0
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Prefix of the exchange bucket's server access logs.
   * @default 'exchange-bucket/'
   */
  readonly accessLogsPrefix?: string;
}

/**
 * The data tier of one municipality (データ層): an Aurora PostgreSQL cluster and an S3 bucket
 * for exchanged files (e.g. print output, 帳票), both encrypted with the municipality's key.
 *
 * - Aurora: writer and reader in different AZs (Multi-AZ), storage encrypted with the data key,
 *   TLS forced (`rds.force_ssl = 1`), IAM database authentication, deletion protection, a
 *   snapshot on stack deletion, PostgreSQL logs to a KMS-encrypted log group kept ≥ 1 year.
 *   The master password is managed and rotated by RDS in Secrets Manager, encrypted with the
 *   data key; no rotation Lambda is needed. Enhanced Monitoring (`monitoringIntervalSeconds`,
 *   off by default) writes OS metrics to the account-wide, pre-created `RDSOSMetrics` group
 *   (see RdsOsMetricsLogGroup).
 * - Exchange bucket: SSE-KMS with the data key, TLS 1.2+ only, public access blocked,
 *   versioned (AWS Backup for S3 needs it), server access logs, retained.
 *
 * Fixed cost: Serverless v2 at 0.5 ACU minimum × 2 instances (≈ USD 0.15/ACU-h in Tokyo ≈
 * USD 110 a month) or the provisioned class × 2, plus storage and I/O.
 *
 * Implements KEY-1, KEY-3 (TLS forced), LOG-5, BAK-4 (Multi-AZ); given the municipality's own key
 * and used once per municipality it serves KEY-4 and TEN-1, which `MunicipalityTenant` records.
 */
export class DataTier extends Construct {
  /** The Aurora cluster. */
  public readonly cluster: rds.DatabaseCluster;
  /** Security group of the cluster: admits only what `grantApplicationAccess` adds. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The exchange bucket. */
  public readonly bucket: s3.Bucket;
  /** The database log group. */
  public readonly logGroup: logs.ILogGroup;
  /** The data key. */
  public readonly encryptionKey: kms.IKey;
  /** Port of the database. */
  public readonly port = POSTGRES_PORT;
  /** Role RDS Enhanced Monitoring writes the OS metrics with, unless it is turned off. */
  public readonly monitoringRole?: iam.Role;
  private grants = 0;

  constructor(scope: Construct, id: string, props: DataTierProps) {
    super(scope, id);
    recordImplements(this, 'KEY-1', 'KEY-3', 'LOG-5', 'BAK-4');
    validateDataTier(this, props);
    this.encryptionKey = props.encryptionKey;

    this.securityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc: props.vpc,
      description:
        'Aurora PostgreSQL: only the application tier of this municipality (TEN-1, NET-4)',
      allowAllOutbound: false,
    });

    this.logGroup = new EncryptedLogGroup(this, 'PostgresLogs', {
      encryptionKey: props.encryptionKey,
      retention: props.retention,
      logGroupName: `/aws/rds/cluster/${props.clusterIdentifier}/postgresql`,
    }).logGroup;

    const engine = rds.DatabaseClusterEngine.auroraPostgres({
      version: rds.AuroraPostgresEngineVersion.VER_16_6,
    });
    const parameterGroup = new rds.ParameterGroup(this, 'ClusterParameters', {
      engine,
      description: 'TLS forced (KEY-3); connections logged (LOG-5)',
      parameters: {
        'rds.force_ssl': '1',
        log_connections: '1',
        log_disconnections: '1',
      },
    });
    const monitoringInterval = props.monitoringIntervalSeconds ?? 0;
    this.monitoringRole =
      monitoringInterval > 0 ? this.createMonitoringRole(props.clusterIdentifier) : undefined;
    const serverless = props.instanceClass === undefined;
    const instance = (name: string, reader: boolean): rds.IClusterInstance =>
      serverless
        ? rds.ClusterInstance.serverlessV2(name, { scaleWithWriter: reader })
        : rds.ClusterInstance.provisioned(name, {
            instanceType: new ec2.InstanceType(props.instanceClass!.replace(/^db\./, '')),
          });

    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine,
      clusterIdentifier: props.clusterIdentifier,
      credentials: rds.Credentials.fromUsername('govcloud_admin', {
        encryptionKey: props.encryptionKey,
      }),
      manageMasterUserPassword: true,
      writer: instance('writer', false),
      readers: [instance('reader', true)],
      serverlessV2MinCapacity: serverless ? (props.minCapacity ?? 0.5) : undefined,
      serverlessV2MaxCapacity: serverless ? (props.maxCapacity ?? 2) : undefined,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      port: POSTGRES_PORT,
      storageEncrypted: true,
      storageEncryptionKey: props.encryptionKey,
      iamAuthentication: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      parameterGroup,
      monitoringInterval: this.monitoringRole ? Duration.seconds(monitoringInterval) : undefined,
      monitoringRole: this.monitoringRole,
      cloudwatchLogsExports: ['postgresql'],
      copyTagsToSnapshot: true,
      // 01:00-02:00 JST, before the daily AWS Backup window.
      backup: { retention: Duration.days(7), preferredWindow: '16:00-17:00' },
      preferredMaintenanceWindow: 'sat:18:00-sat:19:00',
    });
    this.cluster.node.addDependency(this.logGroup);

    this.bucket = new s3.Bucket(this, 'ExchangeBucket', {
      ...hardenedBucketProps(props.encryptionKey),
      lifecycleRules: [
        { id: 'AbortUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    logServerAccess(
      this.bucket,
      props.accessLogsBucket,
      props.accessLogsPrefix ?? 'exchange-bucket/',
    );
    acknowledgeFindings(this.bucket, {
      id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      reason:
        'AWS Backup copies this bucket daily to a locked vault in the other Japanese region (BAK-2), encrypted with the municipality backup key there; replication would add a second, unlocked copy.',
      reasonJa:
        'AWS Backup がこのバケットを毎日、国内のもう一方のリージョンにあるロックされたボールトへコピーし、そこで団体のバックアップ鍵で暗号化している（BAK-2）。レプリケーションはロックのない 2 つ目のコピーを増やすことになる。',
    });

    if (!this.monitoringRole) {
      acknowledgeFindings(this.cluster, {
        id: 'NIST.800.53.R5-RDSEnhancedMonitoringEnabled',
        reason:
          'Enhanced Monitoring is off (monitoringIntervalSeconds 0): under the hardened bootstrap the monitoring role carries the baseline boundary, whose tag-scoped deny refuses logs:CreateLogStream on the guarded RDSOSMetrics group. CloudWatch metrics and the exported PostgreSQL log cover operations.',
        reasonJa:
          '拡張モニタリング（Enhanced Monitoring）は無効である（monitoringIntervalSeconds 0）。強化ブートストラップの下では監視ロールにベースライン権限境界が付き、そのタグで対象を絞った拒否文が、保護された RDSOSMetrics ロググループへの logs:CreateLogStream を許さないためである。運用に必要な情報は CloudWatch のメトリクスとエクスポートした PostgreSQL のログで得られる。',
      });
    }
    acknowledgeFindings(
      this.cluster,
      {
        id: 'NIST.800.53.R5-RDSInBackupPlan',
        reason:
          'AWS Backup protects Aurora per cluster: the cluster ARN is selected by the ProtectedBackupPlan (BAK-1), which covers its instances.',
        reasonJa:
          'AWS Backup は Aurora をクラスター単位で保護する。クラスターの ARN は ProtectedBackupPlan が選択しており（BAK-1）、そのインスタンスも対象に含まれる。',
      },
      {
        id: 'AwsSolutions-RDS11',
        reason:
          'The cluster is reachable only from its own application security group inside a closed network; a non-default port would add obscurity, not protection, and break tooling defaults.',
        reasonJa:
          'クラスターへは、閉域ネットワーク内にある自身のアプリケーション用セキュリティグループからしか到達できない。既定以外のポートにしても分かりにくくなるだけで保護にはならず、ツールの既定設定も使えなくなる。',
      },
      {
        id: 'AwsSolutions-SMG4',
        reason: 'RDS manages and rotates the master password itself (manageMasterUserPassword).',
        reasonJa:
          'マスターパスワードは RDS 自身が管理し、ローテーションする（manageMasterUserPassword）。',
      },
    );
  }

  /**
   * The Enhanced Monitoring role: assumable by RDS for this account only (the confused-deputy
   * protection of the RDS User Guide, "Setting up and enabling Enhanced Monitoring"), with the
   * actions of the AWS managed policy AmazonRDSEnhancedMonitoringRole narrowed to the one
   * `RDSOSMetrics` group. A customer-managed policy, no inline policy.
   */
  private createMonitoringRole(clusterIdentifier: string): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'MonitoringRole', {
      description: `RDS Enhanced Monitoring of ${clusterIdentifier}: OS metrics to RDSOSMetrics (LOG-5)`,
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const logGroupArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: RDS_OS_METRICS_LOG_GROUP_NAME,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const streams = `${logGroupArn}:log-stream:*`;
    const policy = new iam.ManagedPolicy(this, 'MonitoringPolicy', {
      description: `Enhanced Monitoring of ${clusterIdentifier}: write OS metrics to RDSOSMetrics only`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'OsMetricsLogGroup',
          actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
          resources: [logGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'OsMetricsLogStreams',
          actions: [
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:DescribeLogStreams',
            'logs:GetLogEvents',
          ],
          resources: [streams],
        }),
      ],
    });
    acknowledgeFindings(policy, {
      id: nagResourceFinding(this, 'AwsSolutions-IAM5', streams),
      reason:
        'Log streams of the RDSOSMetrics group only: RDS names one stream per DB instance resource ID, which does not exist before the instance.',
      reasonJa:
        '対象は RDSOSMetrics ロググループのログストリームに限る。RDS は DB インスタンスのリソース ID ごとにストリームを 1 つ作成し、その ID はインスタンスができるまで存在しない。',
    });
    return role;
  }

  /**
   * Lets an application reach this database and bucket: the database security group admits
   * `securityGroup` on the PostgreSQL port (and `securityGroup` may send to it there, for a
   * group without all-outbound egress), and a policy created here (so a shared role in
   * another stack needs no change there) grants read/write on the exchange bucket, use of the
   * data key, and `rds-db:connect` as `dbUser` (IAM authentication, no password).
   */
  public grantApplicationAccess(
    role: iam.IRole,
    securityGroup: ec2.ISecurityGroup,
    dbUser = 'app_user',
  ): iam.ManagedPolicy {
    this.securityGroup.addIngressRule(
      securityGroup,
      ec2.Port.tcp(POSTGRES_PORT),
      'PostgreSQL from the application tier',
    );
    const stack = Stack.of(this);
    this.grants += 1;
    // The application's security group sends only what its tier needs (NET-4). The rule is
    // created here, beside the ingress rule, so that a group in a shared stack needs no
    // reference back to this stack.
    new ec2.CfnSecurityGroupEgress(this, `ApplicationEgress${this.grants > 1 ? this.grants : ''}`, {
      groupId: securityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      destinationSecurityGroupId: this.securityGroup.securityGroupId,
      description: 'PostgreSQL to the data tier',
    });
    // A customer-managed policy, not an inline one: reviewable on its own, and created here so
    // that a role in another stack (application mode) needs no change in that stack.
    const policy = new iam.ManagedPolicy(
      this,
      `ApplicationAccess${this.grants > 1 ? this.grants : ''}`,
      {
        description: `Access of the application to the data of one municipality (${this.cluster.clusterIdentifier})`,
        roles: [role],
        statements: [
          new iam.PolicyStatement({
            sid: 'ExchangeBucketObjects',
            actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectVersion'],
            resources: [this.bucket.arnForObjects('*')],
          }),
          new iam.PolicyStatement({
            sid: 'ExchangeBucketList',
            actions: ['s3:ListBucket', 's3:GetBucketLocation'],
            resources: [this.bucket.bucketArn],
          }),
          new iam.PolicyStatement({
            sid: 'DataKey',
            actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
            resources: [this.encryptionKey.keyArn],
          }),
          new iam.PolicyStatement({
            sid: 'DatabaseIamAuth',
            actions: ['rds-db:connect'],
            resources: [
              stack.formatArn({
                service: 'rds-db',
                resource: 'dbuser',
                resourceName: `${this.cluster.clusterResourceIdentifier}/${dbUser}`,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        ],
      },
    );
    acknowledgeFindings(policy, {
      id: nagResourceFinding(this, 'AwsSolutions-IAM5', this.bucket.arnForObjects('*')),
      reason:
        "Objects of this municipality's own exchange bucket; object keys are chosen by the application at runtime.",
      reasonJa:
        '対象はこの団体自身の交換用バケットのオブジェクトに限る。オブジェクトキーは実行時にアプリケーションが決める。',
    });
    return policy;
  }
}
