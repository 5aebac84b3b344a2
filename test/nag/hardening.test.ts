import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { flagged, tokyoStack } from './support';

// Every resource here is written as L1, as a vendor's stack may be; none comes from the
// library's constructs, so the rules are judged on what they read, not on our defaults.

describe('GCJ-DET3-AlertDeadLetterQueue', () => {
  const RULE = 'GCJ-DET3-AlertDeadLetterQueue';
  const pattern = { source: ['aws.guardduty'] };
  const topicArn = 'arn:aws:sns:ap-northeast-1:111122223333:alerts';
  const queueArn = 'arn:aws:sqs:ap-northeast-1:111122223333:alerts-dlq';

  test('passes targets with a dead-letter queue and subscriptions with a redrive policy', () => {
    const stack = tokyoStack();
    new events.CfnRule(stack, 'WithDlq', {
      eventPattern: pattern,
      targets: [{ id: 't', arn: topicArn, deadLetterConfig: { arn: queueArn } }],
    });
    new events.CfnRule(stack, 'NoTargets', { eventPattern: pattern });
    new sns.CfnSubscription(stack, 'Redriven', {
      topicArn,
      protocol: 'email',
      endpoint: 'soc@example.lg.jp',
      redrivePolicy: { deadLetterTargetArn: queueArn },
    });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  test('flags a target without one, even beside one with, and a subscription without redrive', () => {
    const stack = tokyoStack();
    new events.CfnRule(stack, 'Mixed', {
      eventPattern: pattern,
      targets: [
        { id: 'a', arn: topicArn, deadLetterConfig: { arn: queueArn } },
        { id: 'b', arn: topicArn },
      ],
    });
    new events.CfnRule(stack, 'EmptyDlq', {
      eventPattern: pattern,
      targets: [{ id: 'a', arn: topicArn, deadLetterConfig: {} }],
    });
    new sns.CfnSubscription(stack, 'Bare', {
      topicArn,
      protocol: 'email',
      endpoint: 'soc@example.lg.jp',
    });
    expect(flagged(stack, RULE)).toEqual(['Stack/Bare', 'Stack/EmptyDlq', 'Stack/Mixed']);
  });
});

describe('GCJ-NET4-EndpointPolicy', () => {
  const RULE = 'GCJ-NET4-EndpointPolicy';

  test('passes gateway and interface endpoints with a policy; GWLB endpoints are not applicable', () => {
    const stack = tokyoStack();
    const policyDocument = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } },
        },
      ],
    };
    new ec2.CfnVPCEndpoint(stack, 'Gateway', {
      vpcId: 'vpc-1',
      serviceName: 'com.amazonaws.ap-northeast-1.s3',
      policyDocument,
    });
    new ec2.CfnVPCEndpoint(stack, 'Interface', {
      vpcId: 'vpc-1',
      serviceName: 'com.amazonaws.ap-northeast-1.logs',
      vpcEndpointType: 'Interface',
      policyDocument,
    });
    new ec2.CfnVPCEndpoint(stack, 'Gwlb', {
      vpcId: 'vpc-1',
      serviceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-1',
      vpcEndpointType: 'GatewayLoadBalancer',
    });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  test('flags endpoints without a policy, the L2 default included', () => {
    const stack = tokyoStack();
    new ec2.CfnVPCEndpoint(stack, 'Bare', {
      vpcId: 'vpc-1',
      serviceName: 'com.amazonaws.ap-northeast-1.s3',
    });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    expect(flagged(stack, RULE)).toEqual(['Stack/Bare', 'Stack/Vpc/S3/Resource']);
  });
});

describe('GCJ-NET4-NoUnrestrictedEgress', () => {
  const RULE = 'GCJ-NET4-NoUnrestrictedEgress';

  test('passes egress to one port, to the VPC, or to another group', () => {
    const stack = tokyoStack();
    new ec2.CfnSecurityGroup(stack, 'Https', {
      groupDescription: 'https',
      securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/0' }],
    });
    new ec2.CfnSecurityGroup(stack, 'Vpc', {
      groupDescription: 'vpc',
      securityGroupEgress: [{ ipProtocol: '-1', cidrIp: '10.0.0.0/16' }],
    });
    new ec2.CfnSecurityGroupEgress(stack, 'ToDb', {
      groupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 5432,
      toPort: 5432,
      destinationSecurityGroupId: 'sg-2',
    });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  test('flags all traffic or all ports to anywhere, the CDK default included; baseline profile off', () => {
    const stack = tokyoStack();
    new ec2.CfnSecurityGroup(stack, 'AllV4', {
      groupDescription: 'all',
      securityGroupEgress: [{ ipProtocol: '-1', cidrIp: '0.0.0.0/0' }],
    });
    new ec2.CfnSecurityGroupEgress(stack, 'AllTcpV6', {
      groupId: 'sg-1',
      ipProtocol: 'tcp',
      fromPort: 0,
      toPort: 65535,
      cidrIpv6: '::/0',
    });
    const vpc = new ec2.Vpc(stack, 'Net', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    new ec2.SecurityGroup(stack, 'Default', { vpc, allowAllOutbound: true });
    expect(flagged(stack, RULE)).toEqual([
      'Stack/AllTcpV6',
      'Stack/AllV4',
      'Stack/Default/Resource',
    ]);
    expect(flagged(stack, RULE, { profile: 'baseline' })).toEqual([]);
  });
});

describe('GCJ-DET2-ContainerNotRoot and GCJ-DET2-ContainerReadOnlyRoot', () => {
  const ROOT = 'GCJ-DET2-ContainerNotRoot';
  const WRITABLE = 'GCJ-DET2-ContainerReadOnlyRoot';

  function task(
    stack: ReturnType<typeof tokyoStack>,
    id: string,
    containers: ecs.CfnTaskDefinition.ContainerDefinitionProperty[],
    windows = false,
  ): void {
    new ecs.CfnTaskDefinition(stack, id, {
      containerDefinitions: containers,
      ...(windows
        ? { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }
        : {}),
    });
  }
  const image = '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0.0';

  test('pass a non-root user and a read-only root; Windows tasks are not applicable', () => {
    const stack = tokyoStack();
    task(stack, 'Hardened', [
      { name: 'app', image, user: '1000:1000', readonlyRootFilesystem: true },
      { name: 'sidecar', image, user: 'app', readonlyRootFilesystem: true },
    ]);
    task(stack, 'Windows', [{ name: 'app', image }], true);
    expect(flagged(stack, ROOT)).toEqual([]);
    expect(flagged(stack, WRITABLE)).toEqual([]);
  });

  test('flag an unset user, root, uid 0, and a writable root in any container', () => {
    const stack = tokyoStack();
    task(stack, 'Unset', [{ name: 'app', image, readonlyRootFilesystem: true }]);
    task(stack, 'Root', [{ name: 'app', image, user: 'root', readonlyRootFilesystem: true }]);
    task(stack, 'Uid0', [{ name: 'app', image, user: '0:1000', readonlyRootFilesystem: true }]);
    task(stack, 'Writable', [
      { name: 'app', image, user: '1000', readonlyRootFilesystem: true },
      { name: 'sidecar', image, user: '1000' },
    ]);
    expect(flagged(stack, ROOT)).toEqual(['Stack/Root', 'Stack/Uid0', 'Stack/Unset']);
    expect(flagged(stack, WRITABLE)).toEqual(['Stack/Writable']);
  });
});

describe('GCJ-RET3-BucketLifecycle and GCJ-RET3-RepositoryLifecycle', () => {
  test('pass an enabled rule; flag none or only disabled ones', () => {
    const stack = tokyoStack();
    new s3.CfnBucket(stack, 'WithRule', {
      lifecycleConfiguration: {
        rules: [{ status: 'Enabled', noncurrentVersionExpiration: { noncurrentDays: 90 } }],
      },
    });
    new s3.CfnBucket(stack, 'Disabled', {
      lifecycleConfiguration: { rules: [{ status: 'Disabled', expirationInDays: 30 }] },
    });
    new s3.CfnBucket(stack, 'None');
    new ecr.CfnRepository(stack, 'RepoWithPolicy', {
      lifecyclePolicy: {
        lifecyclePolicyText: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              selection: {
                tagStatus: 'untagged',
                countType: 'sinceImagePushed',
                countUnit: 'days',
                countNumber: 30,
              },
              action: { type: 'expire' },
            },
          ],
        }),
      },
    });
    new ecr.CfnRepository(stack, 'RepoBare');
    expect(flagged(stack, 'GCJ-RET3-BucketLifecycle')).toEqual(['Stack/Disabled', 'Stack/None']);
    expect(flagged(stack, 'GCJ-RET3-RepositoryLifecycle')).toEqual(['Stack/RepoBare']);
  });
});

describe('GCJ-KEY3-TargetGroupTls', () => {
  const RULE = 'GCJ-KEY3-TargetGroupTls';
  const vpcId = 'vpc-0123456789abcdef0';

  test('passes HTTPS target groups; Lambda and Network Load Balancer groups are not applicable', () => {
    const stack = tokyoStack();
    new elbv2.CfnTargetGroup(stack, 'Https', {
      protocol: 'HTTPS',
      port: 8443,
      targetType: 'ip',
      vpcId,
    });
    new elbv2.CfnTargetGroup(stack, 'Lambda', { targetType: 'lambda' });
    new elbv2.CfnTargetGroup(stack, 'Tcp', { protocol: 'TCP', port: 443, vpcId });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  test('warns on an HTTP target group: TLS would end at the load balancer', () => {
    const stack = tokyoStack();
    new elbv2.CfnTargetGroup(stack, 'Plain', {
      protocol: 'HTTP',
      port: 8080,
      targetType: 'ip',
      vpcId,
    });
    expect(flagged(stack, RULE)).toEqual(['Stack/Plain']);
  });
});
