import type * as ecr from 'aws-cdk-lib/aws-ecr';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ClosedNetwork } from '../network/closed-network';
import { ApplicationTier, type TargetProtocol } from './application-tier';
import { DataTier } from './data-tier';
import { OperationsLogBucket } from './operations-log-bucket';

/** Sizes of the sample; the defaults are small (a sample, not a sizing recommendation). */
export interface MunicipalSystemSizes {
  /** @default - Aurora Serverless v2 */
  readonly dbInstanceClass?: string;
  /** @default 0.5 */
  readonly dbMinCapacity?: number;
  /** @default 2 */
  readonly dbMaxCapacity?: number;
  /** @default 256 */
  readonly taskCpu?: number;
  /** @default 512 */
  readonly taskMemoryMiB?: number;
  /** @default 2 */
  readonly desiredCount?: number;
}

export interface MunicipalSystemProps {
  /** The municipality's closed network. */
  readonly network: ClosedNetwork;
  /** The municipality's data key (KEY-4): database, bucket, logs, sessions, images. */
  readonly encryptionKey: kms.IKey;
  /** ACM certificate of the HTTPS listener, in the stack's region. */
  readonly certificateArn: string;
  /** DB cluster identifier (see DataTierProps.clusterIdentifier). */
  readonly clusterIdentifier: string;
  /** The municipality code, given to the application as `MUNICIPALITY_CODE`. */
  readonly municipalityCode: string;
  /** @default - each tier's defaults */
  readonly sizes?: MunicipalSystemSizes;
  /** @default - a repository is created (see ApplicationTierProps.repository) */
  readonly repository?: ecr.IRepository;
  /** @default '1.0.0' */
  readonly imageTag?: string;
  /**
   * Protocol from the load balancer to the tasks (KEY-3, see ApplicationTierProps.targetProtocol).
   * @default 'HTTPS'
   */
  readonly targetProtocol?: TargetProtocol;
  /** @default 8443 with HTTPS, 8080 with HTTP */
  readonly containerPort?: number;
  /** @default '/health' */
  readonly healthCheckPath?: string;
  /**
   * Retention of every log group and of the operations log bucket (RET-1).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly retention?: logs.RetentionDays;
}

/**
 * A municipal standard-conformant system (標準準拠システム) for one municipality: the
 * internal application tier and the data tier in its closed network, wired together.
 *
 * ```ts
 * const system = new MunicipalSystem(this, 'System', {
 *   network, encryptionKey: dataKey.key, municipalityCode: '139998',
 *   certificateArn: 'arn:aws:acm:ap-northeast-1:111122223333:certificate/…',
 *   clusterIdentifier: 'juki-139998',
 * });
 * ```
 *
 * The application reaches the database with IAM authentication as `app_user` (create that
 * role in PostgreSQL and `GRANT rds_iam TO app_user`), over TLS; environment variables
 * `DB_HOST`, `DB_PORT`, `DB_READER_HOST`, `EXCHANGE_BUCKET` and `MUNICIPALITY_CODE` tell it
 * where things are.
 *
 * Records no requirement itself; its parts implement KEY-1, KEY-3, LOG-5, NET-1, NET-4, NET-6,
 * BAK-4, and with the municipality's own key and database KEY-4 and TEN-1.
 */
export class MunicipalSystem extends Construct {
  /** Application tier. */
  public readonly application: ApplicationTier;
  /** Data tier. */
  public readonly data: DataTier;
  /** SSE-S3 bucket of ALB and S3 access logs. */
  public readonly operationsLogs: OperationsLogBucket;

  constructor(scope: Construct, id: string, props: MunicipalSystemProps) {
    super(scope, id);
    const retention = props.retention ?? logs.RetentionDays.THIRTEEN_MONTHS;
    const sizes = props.sizes ?? {};
    this.operationsLogs = new OperationsLogBucket(this, 'OperationsLogs', {
      retentionDays: retention,
    });
    this.data = new DataTier(this, 'Data', {
      vpc: props.network.vpc,
      subnets: props.network.dataSubnets,
      encryptionKey: props.encryptionKey,
      clusterIdentifier: props.clusterIdentifier,
      accessLogsBucket: this.operationsLogs.bucket,
      instanceClass: sizes.dbInstanceClass,
      minCapacity: sizes.dbMinCapacity,
      maxCapacity: sizes.dbMaxCapacity,
      retention,
    });
    this.application = new ApplicationTier(this, 'Application', {
      network: props.network,
      encryptionKey: props.encryptionKey,
      certificateArn: props.certificateArn,
      accessLogsBucket: this.operationsLogs.bucket,
      repository: props.repository,
      imageTag: props.imageTag,
      targetProtocol: props.targetProtocol,
      containerPort: props.containerPort,
      healthCheckPath: props.healthCheckPath,
      cpu: sizes.taskCpu,
      memoryMiB: sizes.taskMemoryMiB,
      desiredCount: sizes.desiredCount,
      retention,
    });
    this.data.grantApplicationAccess(
      this.application.taskRole,
      this.application.serviceSecurityGroup,
    );
    const env: Record<string, string> = {
      MUNICIPALITY_CODE: props.municipalityCode,
      DB_HOST: this.data.cluster.clusterEndpoint.hostname,
      DB_READER_HOST: this.data.cluster.clusterReadEndpoint.hostname,
      DB_PORT: String(this.data.port),
      EXCHANGE_BUCKET: this.data.bucket.bucketName,
    };
    for (const [name, value] of Object.entries(env)) {
      this.application.container.addEnvironment(name, value);
    }
  }
}
