import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ClosedNetwork } from '../network/closed-network';
import { EncryptedLogGroup } from '../network/encrypted-log-group';
import { acknowledgeFindings, nagResourceFinding } from '../core/nag-finding';
import { recordImplements } from '../core/implements';
import {
  DEFAULT_CONTAINER_USER,
  validateApplicationTier,
} from './private/application-tier-validation';

/** Name of the writable scratch volume of the task. */
const SCRATCH_VOLUME = 'scratch';

/**
 * Protocol from the ALB to the tasks (KEY-3).
 * - `HTTPS`: TLS end to end. The container serves TLS with its own certificate; the ALB
 *   encrypts the hop but does not validate the target's certificate, so a certificate the
 *   container generates at start (e.g. self-signed with `openssl req -x509` into the scratch
 *   volume) works in the closed network without any Internet access (NET-1). Who may be a
 *   target is decided by the security groups (only the ALB's group reaches the tasks, NET-4),
 *   not by the certificate. Source: "Target groups for your Application Load Balancers",
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html
 * - `HTTP`: TLS ends at the ALB; the hop inside the VPC is plain text (GovCloudChecks warns
 *   with GCJ-KEY3-TargetGroupTls).
 */
export type TargetProtocol = 'HTTPS' | 'HTTP';

export interface ApplicationTierProps {
  /** The closed network: tasks and the ALB go into its application subnets. */
  readonly network: ClosedNetwork;
  /** Customer-managed key for the log groups, the ECS Exec session and the image repository. */
  readonly encryptionKey: kms.IKey;
  /** ACM certificate of the HTTPS listener, in the stack's region (KEY-3). */
  readonly certificateArn: string;
  /** SSE-S3 bucket for the ALB access logs (see OperationsLogBucket). */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Private ECR repository holding the image. The network is closed, so images come from a
   * repository in the account through the ecr.api/ecr.dkr endpoints, never from a public
   * registry.
   * @default - a new KMS-encrypted, tag-immutable repository with scan on push and a lifecycle
   * rule that expires untagged images after 30 days (CT.ECR.PR.1; tagged images, which the
   * service runs, are never expired)
   */
  readonly repository?: ecr.IRepository;
  /**
   * Image tag to run.
   * @default '1.0.0'
   */
  readonly imageTag?: string;
  /**
   * How the ALB talks to the tasks: `HTTPS` keeps the hop inside the closed network encrypted
   * (KEY-3, 伝送路の暗号化), with a certificate the container generates at start, since nothing
   * can be fetched from the Internet (NET-1); the ALB does not validate it. `HTTP` ends TLS
   * at the ALB. The health check uses the same protocol. See {@link TargetProtocol}.
   * @default 'HTTPS'
   */
  readonly targetProtocol?: TargetProtocol;
  /**
   * Container port the application listens on, with `targetProtocol`.
   * @default 8443 with HTTPS, 8080 with HTTP
   */
  readonly containerPort?: number;
  /**
   * Target-group health-check path.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * User (and group) the application runs as, `uid[:gid]` or a name the image defines; never
   * root (CT.ECS.PR.3). The image must let this user read the application.
   * @default '1000:1000'
   */
  readonly containerUser?: string;
  /**
   * Where the writable scratch volume (task ephemeral storage) is mounted; the rest of the root
   * filesystem is read-only (CT.ECS.PR.6).
   * @default '/tmp'
   */
  readonly scratchPath?: string;
  /**
   * Fargate CPU units.
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Fargate memory in MiB, valid for `cpu`.
   * @default 512
   */
  readonly memoryMiB?: number;
  /**
   * Running tasks: at least 2 (spread over the AZs, BAK-4), or 0 before an image exists.
   * @default 2
   */
  readonly desiredCount?: number;
  /**
   * Retention of the application and ECS Exec log groups (RET-1).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly retention?: logs.RetentionDays;
  /**
   * Prefix of the ALB access-log objects in `accessLogsBucket`.
   * @default 'alb'
   */
  readonly accessLogsPrefix?: string;
}

/**
 * The internal application tier of a municipal system (業務アプリケーション層): an ECS
 * Fargate service behind an internal Application Load Balancer with an HTTPS listener (TLS
 * 1.2/1.3 policy), reachable only from the municipal premises.
 *
 * - The ALB is internal, in isolated subnets; its security group admits 443 from the premises
 *   CIDRs only (NET-4); there is no HTTP listener. Access logs go to the SSE-S3 operations
 *   log bucket (ALB log delivery supports no SSE-KMS). Deletion protection is on: turn it off
 *   (`aws elbv2 modify-load-balancer-attributes`) before removing the stack.
 * - TLS goes on to the tasks by default (`targetProtocol: 'HTTPS'`): the target group and its
 *   health check use HTTPS to a certificate the container generates at start. The ALB does
 *   not validate target certificates, so no CA or Internet access is needed.
 * - Tasks run in at least two AZs with no public IP, pull the image from a private ECR
 *   repository over endpoints, and log to a KMS-encrypted log group kept ≥ 1 year.
 * - Maintenance is ECS Exec (Session Manager) over the ssmmessages endpoint: sessions are
 *   encrypted with the customer key and logged to an encrypted log group (NET-6).
 *
 * Fixed cost: the ALB (≈ USD 0.0243/h in Tokyo plus LCUs ≈ USD 18+ a month), the Fargate
 * tasks (desiredCount × size), Container Insights metrics.
 *
 * Implements KEY-3, LOG-5, NET-1, NET-4, NET-6, BAK-4 (two AZs).
 */
export class ApplicationTier extends Construct {
  /** The ECS cluster. */
  public readonly cluster: ecs.Cluster;
  /** The Fargate service. */
  public readonly service: ecs.FargateService;
  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The application container (add environment with `addEnvironment`). */
  public readonly container: ecs.ContainerDefinition;
  /** Role the application runs as: grant data access to this. */
  public readonly taskRole: iam.IRole;
  /** Security group of the tasks: data stores admit this. */
  public readonly serviceSecurityGroup: ec2.SecurityGroup;
  /** The internal ALB. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** Security group of the ALB (443 from premises only). */
  public readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
  /** The HTTPS listener. */
  public readonly listener: elbv2.ApplicationListener;
  /** The image repository. */
  public readonly repository: ecr.IRepository;
  /** Application log group. */
  public readonly logGroup: logs.ILogGroup;
  /** ECS Exec session log group (NET-6). */
  public readonly execLogGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: ApplicationTierProps) {
    super(scope, id);
    recordImplements(this, 'KEY-3', 'LOG-5', 'NET-1', 'NET-4', 'NET-6', 'BAK-4');
    const cpu = props.cpu ?? 256;
    const memoryMiB = props.memoryMiB ?? 512;
    const desiredCount = props.desiredCount ?? 2;
    const targetProtocol = props.targetProtocol ?? 'HTTPS';
    const containerPort = props.containerPort ?? (targetProtocol === 'HTTPS' ? 8443 : 8080);
    validateApplicationTier(
      this,
      props,
      cpu,
      memoryMiB,
      desiredCount,
      containerPort,
      targetProtocol,
    );
    const { network } = props;
    const vpc = network.vpc;

    this.repository =
      props.repository ??
      new ecr.Repository(this, 'Repository', {
        encryption: ecr.RepositoryEncryption.KMS,
        encryptionKey: props.encryptionKey,
        imageScanOnPush: true,
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        removalPolicy: RemovalPolicy.RETAIN,
        lifecycleRules: [
          {
            description: 'Untagged images (failed or superseded pushes) after 30 days',
            tagStatus: ecr.TagStatus.UNTAGGED,
            maxImageAge: Duration.days(30),
          },
        ],
      });

    this.logGroup = new EncryptedLogGroup(this, 'AppLogs', {
      encryptionKey: props.encryptionKey,
      retention: props.retention,
    }).logGroup;
    this.execLogGroup = new EncryptedLogGroup(this, 'ExecSessionLogs', {
      encryptionKey: props.encryptionKey,
      retention: props.retention,
    }).logGroup;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      executeCommandConfiguration: {
        kmsKey: props.encryptionKey,
        logging: ecs.ExecuteCommandLogging.OVERRIDE,
        logConfiguration: {
          cloudWatchLogGroup: this.execLogGroup,
          cloudWatchEncryptionEnabled: true,
        },
      },
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu,
      memoryLimitMiB: memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.taskRole = this.taskDefinition.taskRole;
    // Writable scratch space on the task's ephemeral storage: the root filesystem is read-only.
    this.taskDefinition.addVolume({ name: SCRATCH_VOLUME });
    this.container = this.taskDefinition.addContainer('App', {
      image: ecs.ContainerImage.fromEcrRepository(this.repository, props.imageTag ?? '1.0.0'),
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'app' }),
      portMappings: [{ containerPort, protocol: ecs.Protocol.TCP }],
      essential: true,
      // Not root, and the image cannot be altered at run time (CT.ECS.PR.3, CT.ECS.PR.6).
      user: props.containerUser ?? DEFAULT_CONTAINER_USER,
      readonlyRootFilesystem: true,
      memoryLimitMiB: memoryMiB,
    });
    this.container.addMountPoints({
      sourceVolume: SCRATCH_VOLUME,
      containerPath: props.scratchPath ?? '/tmp',
      readOnly: false,
    });

    this.serviceSecurityGroup = new ec2.SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc,
      description: 'Application tasks: traffic from the internal ALB only (NET-4)',
      // Egress is what the tier needs (NET-4): HTTPS to the AWS APIs (interface endpoints in
      // the VPC, ECR layers through the S3 gateway endpoint); the database adds its port.
      allowAllOutbound: false,
    });
    this.serviceSecurityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'HTTPS to the VPC endpoints and, through the S3 gateway endpoint, ECR image layers',
    );
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      vpcSubnets: network.appSubnets,
      securityGroups: [this.serviceSecurityGroup],
      assignPublicIp: false,
      enableExecuteCommand: true,
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
    });

    this.loadBalancerSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc,
      description: 'Internal ALB: HTTPS from municipal premises only (NET-4, KEY-3)',
      allowAllOutbound: false,
    });
    network.allowFromPremises(this.loadBalancerSecurityGroup, 443, 'HTTPS');
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: false,
      vpcSubnets: network.appSubnets,
      securityGroup: this.loadBalancerSecurityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: true,
    });
    this.loadBalancer.logAccessLogs(props.accessLogsBucket, props.accessLogsPrefix ?? 'alb');
    this.listener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
      open: false,
    });
    const protocol =
      targetProtocol === 'HTTPS' ? elbv2.ApplicationProtocol.HTTPS : elbv2.ApplicationProtocol.HTTP;
    this.listener.addTargets('App', {
      port: containerPort,
      protocol,
      targets: [this.service],
      healthCheck: {
        path: props.healthCheckPath ?? '/health',
        protocol: targetProtocol === 'HTTPS' ? elbv2.Protocol.HTTPS : elbv2.Protocol.HTTP,
        healthyHttpCodes: '200',
      },
      deregistrationDelay: Duration.seconds(30),
    });

    this.acknowledgeFindings();
  }

  private acknowledgeFindings(): void {
    const stack = Stack.of(this);
    acknowledgeFindings(this.loadBalancer, {
      id: 'NIST.800.53.R5-ALBWAFEnabled',
      reason:
        'Internal ALB in a closed network, reachable only from the municipal premises CIDRs over the Government Cloud connection (NET-1, NET-4); attach an AWS WAF web ACL if the application needs request filtering.',
      reasonJa:
        '閉域ネットワーク内の内部 ALB であり、ガバメントクラウド接続サービスを経由した庁内 CIDR からしか到達できない（NET-1、NET-4）。アプリケーションにリクエストのフィルタリングが必要な場合は AWS WAF のウェブ ACL を関連付ける。',
    });
    acknowledgeFindings(
      this.taskDefinition,
      {
        id: 'NIST.800.53.R5-IAMNoInlinePolicy',
        reason:
          'Policies CDK generates for the task and execution roles (image pull, logs, ECS Exec), scoped to the resources of this construct and attached to one role each.',
        reasonJa:
          'CDK がタスクロールとタスク実行ロールに生成するポリシー（イメージの取得、ログ、ECS Exec）であり、この構成要素のリソースに範囲を限り、それぞれ 1 つのロールにだけ付与される。',
      },
      {
        id: 'AwsSolutions-ECS2',
        reason:
          'Environment variables carry only non-secret identifiers (municipality code, database host, bucket name); credentials are never passed: the database uses IAM authentication.',
        reasonJa:
          '環境変数には秘密でない識別子（団体コード、データベースのホスト名、バケット名）だけを渡し、認証情報は渡さない。データベースへは IAM 認証で接続する。',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ECR GetAuthorizationToken, ECS Exec (ssmmessages:*Channel) and logs:DescribeLogGroups support no resource-level permissions; AWS documents Resource "*" for them.',
        reasonJa:
          'ECR の GetAuthorizationToken、ECS Exec（ssmmessages:*Channel）、logs:DescribeLogGroups はリソースレベルの権限に対応しておらず、AWS はこれらに Resource "*" を指定するよう記載している。',
      },
      {
        // The ARN exactly as the ECS service builds it for the session-log statement.
        id: nagResourceFinding(
          this,
          'AwsSolutions-IAM5',
          `arn:${stack.partition}:logs:${this.service.env.region}:${this.service.env.account}:log-group:${this.execLogGroup.logGroupName}:*`,
        ),
        reason:
          'Log streams of the ECS Exec session log group only: stream names are created per session, so the ARN ends in ":*".',
        reasonJa:
          '対象は ECS Exec のセッションログ用ロググループのログストリームに限る。ストリーム名はセッションごとに作られるため、ARN の末尾は ":*" となる。',
      },
    );
  }
}
