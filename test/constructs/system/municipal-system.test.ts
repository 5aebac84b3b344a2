import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SnapshotExport } from '../../../constructs/exit/snapshot-export';
import { ApplicationTier } from '../../../constructs/system/application-tier';
import { DataTier } from '../../../constructs/system/data-tier';
import { MunicipalSystem } from '../../../constructs/system/municipal-system';
import { OperationsLogBucket } from '../../../constructs/system/operations-log-bucket';
import { CERT, closedNetwork, dataKey, PREMISES, resourcesOf, testStack } from '../system/fixtures';

function build(sizes = {}) {
  const stack = testStack();
  const network = closedNetwork(stack);
  const key = dataKey(stack);
  const system = new MunicipalSystem(stack, 'System', {
    network,
    encryptionKey: key.key,
    certificateArn: CERT,
    clusterIdentifier: 'sample-139998',
    municipalityCode: '139998',
    sizes,
  });
  return { stack, network, key, system, template: Template.fromStack(stack) };
}

const keyRef = { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey139998'), 'Arn'] };

describe('MunicipalSystem', () => {
  const { template, system, stack } = build();

  describe('application tier', () => {
    test('the ALB is internal, in the isolated app subnets, drops invalid headers and logs to S3', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Scheme: 'internal',
        Type: 'application',
        LoadBalancerAttributes: Match.arrayWith([
          { Key: 'deletion_protection.enabled', Value: 'true' },
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          {
            Key: 'access_logs.s3.bucket',
            Value: { Ref: Match.stringLikeRegexp('OperationsLogsBucket') },
          },
          { Key: 'access_logs.s3.prefix', Value: 'alb' },
        ]),
      });
    });

    test('the only listener is HTTPS with a TLS 1.2+ policy and the given certificate (KEY-3)', () => {
      const listeners = resourcesOf(template, 'AWS::ElasticLoadBalancingV2::Listener');
      expect(listeners).toHaveLength(1);
      expect(listeners[0][1].Properties).toMatchObject({
        Port: 443,
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        Certificates: [{ CertificateArn: CERT }],
      });
    });

    test('the ALB security group admits 443 from the premises only; tasks admit the ALB only (NET-4)', () => {
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Internal ALB'),
        SecurityGroupIngress: [
          {
            CidrIp: PREMISES,
            Description: Match.stringLikeRegexp('premises'),
            FromPort: 443,
            IpProtocol: 'tcp',
            ToPort: 443,
          },
        ],
      });
      const serviceIngress = resourcesOf(template, 'AWS::EC2::SecurityGroupIngress')
        .map(([, r]) => r.Properties as Record<string, unknown>)
        .filter((p) => JSON.stringify(p.GroupId).includes('ServiceSecurityGroup'));
      expect(serviceIngress).toEqual([
        expect.objectContaining({
          FromPort: 8443,
          ToPort: 8443,
          SourceSecurityGroupId: {
            'Fn::GetAtt': [expect.stringMatching(/LoadBalancerSecurityGroup/), 'GroupId'],
          },
        }),
      ]);
    });

    test('TLS goes on to the tasks: the target group and its health check use HTTPS on 8443 (KEY-3)', () => {
      const groups = resourcesOf(template, 'AWS::ElasticLoadBalancingV2::TargetGroup');
      expect(groups).toHaveLength(1);
      expect(groups[0][1].Properties).toMatchObject({
        Protocol: 'HTTPS',
        Port: 8443,
        HealthCheckProtocol: 'HTTPS',
        HealthCheckPath: '/health',
        TargetType: 'ip',
      });
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        ContainerDefinitions: [
          Match.objectLike({ PortMappings: [{ ContainerPort: 8443, Protocol: 'tcp' }] }),
        ],
      });
    });

    test("targetProtocol 'HTTP' ends TLS at the ALB: an HTTP target group on 8080", () => {
      const stack = testStack();
      new MunicipalSystem(stack, 'System', {
        network: closedNetwork(stack),
        encryptionKey: dataKey(stack).key,
        certificateArn: CERT,
        clusterIdentifier: 'sample-139998',
        municipalityCode: '139998',
        targetProtocol: 'HTTP',
      });
      const groups = resourcesOf(
        Template.fromStack(stack),
        'AWS::ElasticLoadBalancingV2::TargetGroup',
      );
      expect(groups.map(([, r]) => r.Properties)).toEqual([
        expect.objectContaining({ Protocol: 'HTTP', Port: 8080, HealthCheckProtocol: 'HTTP' }),
      ]);
    });

    test('tasks run on Fargate in two AZs without public IPs, with ECS Exec', () => {
      template.hasResourceProperties('AWS::ECS::Service', {
        LaunchType: 'FARGATE',
        DesiredCount: 2,
        EnableExecuteCommand: true,
        DeploymentConfiguration: Match.objectLike({
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          MinimumHealthyPercent: 100,
        }),
        NetworkConfiguration: {
          AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }),
        },
      });
    });

    test('the image comes from a private, KMS-encrypted, tag-immutable ECR repository', () => {
      template.hasResource('AWS::ECR::Repository', {
        DeletionPolicy: 'Retain',
        Properties: {
          EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: keyRef },
          ImageScanningConfiguration: { ScanOnPush: true },
          ImageTagMutability: 'IMMUTABLE',
        },
      });
      const task = resourcesOf(template, 'AWS::ECS::TaskDefinition')[0][1].Properties as {
        ContainerDefinitions: { Image: unknown; LogConfiguration: unknown; Environment: unknown }[];
        Cpu: string;
        Memory: string;
      };
      expect(JSON.stringify(task.ContainerDefinitions[0].Image)).toMatch(/dkr\.ecr/);
      expect(JSON.stringify(task.ContainerDefinitions[0].Image)).toMatch(/:1\.0\.0"/);
      expect(task.Cpu).toBe('256');
      expect(task.Memory).toBe('512');
    });

    test('application and ECS Exec session logs go to KMS-encrypted groups kept 400 days (LOG-5, NET-6)', () => {
      template.hasResourceProperties('AWS::ECS::Cluster', {
        ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
        Configuration: {
          ExecuteCommandConfiguration: {
            KmsKeyId: keyRef,
            Logging: 'OVERRIDE',
            LogConfiguration: {
              CloudWatchEncryptionEnabled: true,
              CloudWatchLogGroupName: { Ref: Match.stringLikeRegexp('ExecSessionLogs') },
            },
          },
        },
      });
      const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
      for (const [, g] of groups) {
        expect(g.DeletionPolicy).toBe('Retain');
        expect(g.Properties?.RetentionInDays).toBe(400);
        expect(g.Properties?.KmsKeyId).toBeDefined();
      }
    });

    test('the container learns where its data is through non-secret variables', () => {
      const task = resourcesOf(template, 'AWS::ECS::TaskDefinition')[0][1].Properties as {
        ContainerDefinitions: { Environment: { Name: string }[]; Secrets?: unknown }[];
      };
      expect(task.ContainerDefinitions[0].Environment.map((e) => e.Name).sort()).toEqual([
        'DB_HOST',
        'DB_PORT',
        'DB_READER_HOST',
        'EXCHANGE_BUCKET',
        'MUNICIPALITY_CODE',
      ]);
      expect(task.ContainerDefinitions[0].Secrets).toBeUndefined();
    });
  });

  describe('data tier', () => {
    test('Aurora PostgreSQL is Multi-AZ, encrypted with the data key, IAM auth, protected and snapshotted', () => {
      template.hasResource('AWS::RDS::DBCluster', {
        DeletionPolicy: 'Snapshot',
        UpdateReplacePolicy: 'Snapshot',
        DependsOn: Match.arrayWith([Match.stringLikeRegexp('PostgresLogs')]),
        Properties: Match.objectLike({
          Engine: 'aurora-postgresql',
          DBClusterIdentifier: 'sample-139998',
          StorageEncrypted: true,
          KmsKeyId: keyRef,
          EnableIAMDatabaseAuthentication: true,
          DeletionProtection: true,
          EnableCloudwatchLogsExports: ['postgresql'],
          ManageMasterUserPassword: true,
          MasterUserSecret: { KmsKeyId: keyRef },
          MasterUserPassword: Match.absent(),
          ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
          CopyTagsToSnapshot: true,
        }),
      });
      const instances = resourcesOf(template, 'AWS::RDS::DBInstance');
      expect(instances).toHaveLength(2);
      for (const [, i] of instances) {
        expect(i.Properties?.DBInstanceClass).toBe('db.serverless');
        expect(i.Properties?.PubliclyAccessible).toBe(false);
      }
      template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    });

    test('TLS is forced by the cluster parameter group (KEY-3)', () => {
      template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
        Parameters: { 'rds.force_ssl': '1', log_connections: '1', log_disconnections: '1' },
      });
    });

    test('the RDS log group exists beforehand under the name RDS writes to, encrypted and kept (LOG-5)', () => {
      template.hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'Retain',
        Properties: {
          LogGroupName: '/aws/rds/cluster/sample-139998/postgresql',
          KmsKeyId: keyRef,
          RetentionInDays: 400,
        },
      });
    });

    test('Enhanced Monitoring is off by default (the guarded RDSOSMetrics group refuses boundary-carrying writers)', () => {
      for (const [, instance] of resourcesOf(template, 'AWS::RDS::DBInstance')) {
        expect(instance.Properties).not.toHaveProperty('MonitoringInterval');
      }
      expect(
        resourcesOf(template, 'AWS::IAM::Role').filter(([id]) => id.includes('MonitoringRole')),
      ).toEqual([]);
    });

    test('the database security group admits PostgreSQL from the application tasks only', () => {
      const rules = resourcesOf(template, 'AWS::EC2::SecurityGroupIngress')
        .map(([, r]) => r.Properties as Record<string, unknown>)
        .filter((p) => JSON.stringify(p.GroupId).includes('DatabaseSecurityGroup'));
      expect(rules).toEqual([
        expect.objectContaining({
          FromPort: 5432,
          ToPort: 5432,
          SourceSecurityGroupId: {
            'Fn::GetAtt': [expect.stringMatching(/ServiceSecurityGroup/), 'GroupId'],
          },
        }),
      ]);
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Aurora PostgreSQL'),
        SecurityGroupIngress: Match.absent(),
      });
    });

    test('the exchange bucket is KMS-encrypted with the data key, TLS 1.2+ only, versioned, logged, retained', () => {
      template.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              {
                BucketKeyEnabled: true,
                ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyRef },
              },
            ],
          },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'exchange-bucket/' }),
        }),
      });
      const policies = resourcesOf(template, 'AWS::S3::BucketPolicy').map(([, p]) =>
        JSON.stringify(p.Properties),
      );
      expect(policies.filter((p) => p.includes('"aws:SecureTransport":"false"'))).toHaveLength(2);
      expect(policies.filter((p) => p.includes('"s3:TlsVersion":1.2'))).toHaveLength(2);
    });

    test('the task role may use exactly this bucket, key and database user', () => {
      const policy = resourcesOf(template, 'AWS::IAM::ManagedPolicy').find(([id]) =>
        id.includes('ApplicationAccess'),
      );
      const statements = (
        policy?.[1].Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }
      ).Statement;
      expect(statements.map((s) => s.Sid)).toEqual([
        'ExchangeBucketObjects',
        'ExchangeBucketList',
        'DataKey',
        'DatabaseIamAuth',
      ]);
      expect(statements[2].Resource).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^DataKey139998/), 'Arn'],
      });
      expect(JSON.stringify(statements[3].Resource)).toMatch(/:dbuser:/);
      expect(JSON.stringify(statements[3].Resource)).toMatch(/\/app_user"/);
      expect(policy?.[1].Properties?.Roles).toEqual([{ Ref: expect.stringMatching(/TaskRole/) }]);
    });
  });

  describe('Enhanced Monitoring turned on', () => {
    const stack = testStack();
    const network = closedNetwork(stack);
    new DataTier(stack, 'Data', {
      vpc: network.vpc,
      subnets: network.dataSubnets,
      encryptionKey: dataKey(stack).key,
      clusterIdentifier: 'sample-139998',
      accessLogsBucket: new OperationsLogBucket(stack, 'Logs').bucket,
      monitoringIntervalSeconds: 60,
    });
    const monitored = Template.fromStack(stack);

    test('monitoringIntervalSeconds 60: Enhanced Monitoring on each instance, with a role RDS of this account alone may assume (LOG-5)', () => {
      const instances = resourcesOf(monitored, 'AWS::RDS::DBInstance').map(([, r]) => r.Properties);
      expect(instances).toHaveLength(2);
      for (const instance of instances) {
        expect(instance).toMatchObject({
          MonitoringInterval: 60,
          MonitoringRoleArn: {
            'Fn::GetAtt': [expect.stringMatching(/DataMonitoringRole/), 'Arn'],
          },
        });
      }
      monitored.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { Service: 'monitoring.rds.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
      });
    });

    test('the monitoring role may write to RDSOSMetrics and nothing else; no system creates that group', () => {
      const policies = resourcesOf(monitored, 'AWS::IAM::ManagedPolicy')
        .map(
          ([, r]) =>
            r.Properties as {
              Roles: unknown;
              PolicyDocument: { Statement: Array<{ Resource: unknown }> };
            },
        )
        .filter((p) => JSON.stringify(p.Roles).includes('MonitoringRole'));
      expect(policies).toHaveLength(1);
      const resources = policies[0].PolicyDocument.Statement.map((st) => st.Resource);
      expect(resources.map((r) => JSON.stringify(r))).toEqual([
        expect.stringMatching(/:log-group:RDSOSMetrics"\]\]\}$/),
        expect.stringMatching(/:log-group:RDSOSMetrics:log-stream:\*"\]\]\}$/),
      ]);
      expect(
        monitored.findResources('AWS::Logs::LogGroup', {
          Properties: { LogGroupName: 'RDSOSMetrics' },
        }),
      ).toEqual({});
    });
  });

  test('the operations log bucket is SSE-S3 (the only kind ALB logs accept) and expires after the retention', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ ExpirationInDays: 400, Status: 'Enabled' })],
      },
    });
    expect(system.operationsLogs.bucket).toBeDefined();
    expect(stack.region).toBe('ap-northeast-1');
  });

  test('builds the same way without the CLI feature flags: access logs by bucket policy, never ACLs', () => {
    const stack = new Stack(new App(), 'NoFlags', { env: { region: 'ap-northeast-1' } });
    const network = closedNetwork(stack);
    const key = dataKey(stack);
    const system = new MunicipalSystem(stack, 'System', {
      network,
      encryptionKey: key.key,
      certificateArn: CERT,
      clusterIdentifier: 'sample-139998',
      municipalityCode: '139998',
    });
    new SnapshotExport(stack, 'Exit', {
      encryptionKey: key.key,
      accessLogsBucket: system.operationsLogs.bucket,
    });
    const t = Template.fromStack(stack);
    for (const [, b] of resourcesOf(t, 'AWS::S3::Bucket')) {
      expect(b.Properties?.AccessControl).toBeUndefined();
      expect(b.Properties?.OwnershipControls).toEqual({
        Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
      });
    }
    const logPolicy = JSON.stringify(
      resourcesOf(t, 'AWS::S3::BucketPolicy').find(([id]) =>
        id.startsWith('SystemOperationsLogs'),
      )?.[1],
    );
    for (const prefix of ['exchange-bucket/', 'snapshot-export/']) {
      expect(logPolicy).toContain(`/${prefix}*`);
    }
    expect(logPolicy).toContain('logging.s3.amazonaws.com');
    expect(logPolicy).toContain('aws:SourceArn');
  });

  test('a provisioned instance class replaces Serverless v2', () => {
    const { template: t } = build({ dbInstanceClass: 'db.r7g.large' });
    for (const [, i] of resourcesOf(t, 'AWS::RDS::DBInstance')) {
      expect(i.Properties?.DBInstanceClass).toBe('db.r7g.large');
    }
    t.hasResourceProperties('AWS::RDS::DBCluster', {
      ServerlessV2ScalingConfiguration: Match.absent(),
    });
  });

  test('an existing repository is used instead of creating one', () => {
    const stack = testStack();
    const network = closedNetwork(stack);
    new MunicipalSystem(stack, 'System', {
      network,
      encryptionKey: dataKey(stack).key,
      certificateArn: CERT,
      clusterIdentifier: 'sample-139998',
      municipalityCode: '139998',
      repository: ecr.Repository.fromRepositoryName(stack, 'Repo', 'vendor/juki'),
      imageTag: '2.3.1',
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ECR::Repository', 0);
    const image = JSON.stringify(
      (
        resourcesOf(t, 'AWS::ECS::TaskDefinition')[0][1].Properties as {
          ContainerDefinitions: { Image: unknown }[];
        }
      ).ContainerDefinitions[0].Image,
    );
    expect(image).toMatch(/vendor\/juki:2\.3\.1/);
  });

  describe('validation', () => {
    const appTier = (overrides: Record<string, unknown>) => () => {
      const stack = testStack();
      const network = closedNetwork(stack);
      new ApplicationTier(stack, 'App', {
        network,
        encryptionKey: dataKey(stack).key,
        certificateArn: CERT,
        accessLogsBucket: new OperationsLogBucket(stack, 'Logs').bucket,
        ...overrides,
      });
    };
    test.each([
      [
        {
          certificateArn:
            'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
        },
        'ApplicationTier certificateArn "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000" is not an ACM certificate ARN in Tokyo or Osaka [KEY-3]',
      ],
      [
        { certificateArn: CERT.replace('ap-northeast-1', 'ap-northeast-3') },
        'is in ap-northeast-3, but the load balancer is in ap-northeast-1 [KEY-3]',
      ],
      [
        { memoryMiB: 4096 },
        'ApplicationTier memoryMiB "4096" does not fit cpu 256 [BAK-4]: use one of 512, 1024, 2048.',
      ],
      [{ cpu: 300 }, 'ApplicationTier cpu "300" is not a Fargate size [BAK-4]'],
      [
        { desiredCount: 1 },
        'ApplicationTier desiredCount "1" is not allowed [BAK-4]: run at least 2 tasks',
      ],
      [{ containerPort: 80 }, 'ApplicationTier containerPort "80" is not allowed [NET-4]'],
      [
        { targetProtocol: 'TCP' },
        'ApplicationTier targetProtocol "TCP" is not allowed [KEY-3]: use \'HTTPS\'',
      ],
    ])('application tier %j is refused', (overrides, message) => {
      expect(appTier(overrides)).toThrow(message);
    });

    const dataTier = (overrides: Record<string, unknown>) => () => {
      const stack = testStack();
      const network = closedNetwork(stack);
      new DataTier(stack, 'Data', {
        vpc: network.vpc,
        subnets: network.dataSubnets,
        encryptionKey: dataKey(stack).key,
        clusterIdentifier: 'sample-139998',
        accessLogsBucket: new OperationsLogBucket(stack, 'Logs').bucket,
        ...overrides,
      });
    };
    test.each([
      [
        { clusterIdentifier: 'Sample_139998' },
        'DataTier clusterIdentifier "Sample_139998" is not a valid RDS identifier [LOG-5]',
      ],
      [
        { clusterIdentifier: 'a--b' },
        'DataTier clusterIdentifier "a--b" is not a valid RDS identifier',
      ],
      [
        { instanceClass: 'r7g.large' },
        'DataTier instanceClass "r7g.large" is not an RDS instance class [BAK-4]',
      ],
      [
        { minCapacity: 4, maxCapacity: 2 },
        'DataTier minCapacity/maxCapacity "4/2" are not allowed [BAK-4]',
      ],
      [{ minCapacity: 0.25 }, 'DataTier minCapacity/maxCapacity "0.25/2" are not allowed'],
      [
        { monitoringIntervalSeconds: 20 },
        'DataTier monitoringIntervalSeconds "20" is not allowed [LOG-5]: use 1, 5, 10, 15, 30 or 60',
      ],
    ])('data tier %j is refused', (overrides, message) => {
      expect(dataTier(overrides)).toThrow(message);
    });

    test('the operations log bucket refuses less than a year', () => {
      expect(() => new OperationsLogBucket(testStack(), 'L', { retentionDays: 90 })).toThrow(
        'OperationsLogBucket retentionDays "90" is too short [RET-1]: keep operations logs at least 365 days.',
      );
    });
  });

  test('grantApplicationAccess works for a role in another scope and names only this tenant', () => {
    const stack = testStack();
    const network = closedNetwork(stack);
    const data = new DataTier(stack, 'Data', {
      vpc: network.vpc,
      subnets: network.dataSubnets,
      encryptionKey: dataKey(stack).key,
      clusterIdentifier: 'sample-139998',
      accessLogsBucket: new OperationsLogBucket(stack, 'Logs').bucket,
    });
    const role = new iam.Role(stack, 'SharedRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    });
    const sg = new SecurityGroup(stack, 'SharedSg', {
      vpc: network.vpc,
      description: 'shared app',
    });
    data.grantApplicationAccess(role, sg, 'app_139998');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^SharedRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DatabaseIamAuth',
            Resource: Match.objectLike({
              'Fn::Join': ['', Match.arrayWith(['/app_139998'])],
            }),
          }),
        ]),
      },
    });
  });
});
