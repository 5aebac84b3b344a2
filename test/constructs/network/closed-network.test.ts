import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Stack } from 'aws-cdk-lib';
import { SecurityGroup, Vpc } from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ClosedNetwork } from '../../../constructs/network/closed-network';
import { EncryptedLogGroup } from '../../../constructs/network/encrypted-log-group';
import { VpcFlowLogs } from '../../../constructs/network/vpc-flow-logs';
import { PremisesConnectivity } from '../../../constructs/network/connectivity';
import { appLikeCli } from '../../support/app';
import { closedNetwork, dataKey, PREMISES, resourcesOf, testStack } from '../system/fixtures';

type Props = Record<string, unknown>;

function subnetIdsOf(template: Template, group: string): string[] {
  return resourcesOf(template, 'AWS::EC2::Subnet')
    .filter(([, r]) =>
      (r.Properties?.Tags as { Key: string; Value: string }[]).some(
        (t) => t.Key === 'aws-cdk:subnet-name' && t.Value === group,
      ),
    )
    .map(([id]) => id);
}

describe('ClosedNetwork', () => {
  describe('with defaults', () => {
    const stack = testStack();
    const network = closedNetwork(stack);
    const template = Template.fromStack(stack);

    test('has no Internet path: no IGW, NAT, EIP, egress-only IGW or gateway attachment (NET-1)', () => {
      for (const type of [
        'AWS::EC2::InternetGateway',
        'AWS::EC2::NatGateway',
        'AWS::EC2::EIP',
        'AWS::EC2::EgressOnlyInternetGateway',
        'AWS::EC2::VPCGatewayAttachment',
        'AWS::EC2::Route',
      ]) {
        template.resourceCountIs(type, 0);
      }
    });

    test('has only isolated subnets without public IPs, two tiers in two AZs', () => {
      const subnets = resourcesOf(template, 'AWS::EC2::Subnet');
      expect(subnets).toHaveLength(4);
      for (const [, s] of subnets) {
        expect(s.Properties?.MapPublicIpOnLaunch).toBe(false);
        expect(s.Properties?.Tags).toEqual(
          expect.arrayContaining([{ Key: 'aws-cdk:subnet-type', Value: 'Isolated' }]),
        );
      }
      const azs = new Set(subnets.map(([, s]) => JSON.stringify(s.Properties?.AvailabilityZone)));
      expect(azs.size).toBe(2);
      expect(subnetIdsOf(template, 'app')).toHaveLength(2);
      expect(subnetIdsOf(template, 'data')).toHaveLength(2);
      expect(subnets.map(([, s]) => s.Properties?.CidrBlock).sort()).toEqual([
        '10.64.0.0/24',
        '10.64.1.0/24',
        '10.64.2.0/24',
        '10.64.3.0/24',
      ]);
    });

    test('does not add the Lambda-backed default-SG custom resource', () => {
      expect(JSON.stringify(template.toJSON())).not.toContain('RestrictDefaultSecurityGroup');
      template.resourceCountIs('AWS::Lambda::Function', 0);
    });

    test('reaches S3 and DynamoDB through gateway endpoints on every subnet', () => {
      for (const service of ['s3', 'dynamodb']) {
        template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
          VpcEndpointType: 'Gateway',
          ServiceName: {
            'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]],
          },
        });
      }
      const gateways = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(
        ([, e]) => e.Properties?.VpcEndpointType === 'Gateway',
      );
      for (const [, g] of gateways) {
        expect(g.Properties?.RouteTableIds).toHaveLength(4);
      }
    });

    test('creates the five default interface endpoints with private DNS in the app subnets', () => {
      const app = subnetIdsOf(template, 'app').map((id) => ({ Ref: id }));
      const interfaces = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(
        ([, e]) => e.Properties?.VpcEndpointType === 'Interface',
      );
      expect(interfaces).toHaveLength(5);
      const names = interfaces.map(([, e]) => JSON.stringify(e.Properties?.ServiceName));
      for (const service of ['ecr.api', 'ecr.dkr', 'logs', 'kms', 'ssmmessages']) {
        expect(names).toContain(`"com.amazonaws.ap-northeast-1.${service}"`);
      }
      for (const [, e] of interfaces) {
        expect(e.Properties?.PrivateDnsEnabled).toBe(true);
        expect(e.Properties?.SubnetIds).toEqual(app);
      }
      expect(network.interfaceEndpointMonthlyUsd).toBeCloseTo(102.2, 1);
    });

    test('endpoint security group admits HTTPS from the VPC only', () => {
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('^Interface VPC endpoints'),
        SecurityGroupIngress: [
          Match.objectLike({
            CidrIp: '10.64.0.0/22',
            FromPort: 443,
            ToPort: 443,
            IpProtocol: 'tcp',
          }),
        ],
      });
    });

    test('records all traffic into a KMS-encrypted, retained log group kept 400 days (LOG-4, RET-1)', () => {
      template.hasResourceProperties('AWS::EC2::FlowLog', {
        ResourceType: 'VPC',
        ResourceId: { Ref: Match.stringLikeRegexp('^NetworkVpc') },
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
      });
      template.hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'Retain',
        Properties: {
          RetentionInDays: 400,
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKeynet'), 'Arn'] },
        },
      });
    });

    test('opens the flow-log key to CloudWatch Logs of this account only', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'logs.ap-northeast-1.amazonaws.com' },
              Condition: {
                ArnLike: {
                  'kms:EncryptionContext:aws:logs:arn': {
                    'Fn::Join': [
                      '',
                      Match.arrayWith([
                        ':logs:ap-northeast-1:',
                        { Ref: 'AWS::AccountId' },
                        ':log-group:*',
                      ]),
                    ],
                  },
                },
              },
            }),
          ]),
        },
      });
    });

    test('network ACL admits premises only on 443, and TCP replies above SSH and RDP; nothing else from outside (NET-4, CT.EC2.PR.5)', () => {
      const entries = resourcesOf(template, 'AWS::EC2::NetworkAclEntry').map(
        ([, e]) => e.Properties as Props,
      );
      const ingress = entries.filter((e) => e.Egress === false);
      expect(ingress).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ CidrBlock: '10.64.0.0/22', Protocol: -1, RuleAction: 'allow' }),
          expect.objectContaining({
            CidrBlock: PREMISES,
            Protocol: 6,
            PortRange: { From: 443, To: 443 },
          }),
          expect.objectContaining({
            CidrBlock: '0.0.0.0/0',
            Protocol: 6,
            PortRange: { From: 32768, To: 65535 },
          }),
        ]),
      );
      expect(ingress).toHaveLength(3);
      for (const e of ingress.filter((x) => x.CidrBlock === '0.0.0.0/0')) {
        const range = e.PortRange as { From: number; To: number };
        for (const port of [22, 3389]) {
          expect(port >= range.From && port <= range.To).toBe(false);
        }
      }
      template.resourceCountIs('AWS::EC2::SubnetNetworkAclAssociation', 4);
    });

    test('opens no SSH or RDP anywhere (NET-6)', () => {
      const json = JSON.stringify(template.toJSON());
      for (const port of [22, 3389]) {
        expect(json).not.toMatch(new RegExp(`"(FromPort|ToPort|From|To)":${port}[,}]`));
      }
    });
  });

  test('allowFromPremises adds one ingress rule per premises CIDR on the given port', () => {
    const stack = testStack();
    const network = closedNetwork(stack, { premisesCidrs: [PREMISES, '192.168.10.0/24'] });
    const sg = new SecurityGroup(stack, 'Sg', { vpc: network.vpc, description: 'test' });
    network.allowFromPremises(sg, 8443, 'Test');
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'test',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: PREMISES, FromPort: 8443 }),
        Match.objectLike({ CidrIp: '192.168.10.0/24', FromPort: 8443 }),
      ],
    });
  });

  test('interface endpoints can be turned off entirely (pilot light)', () => {
    const stack = testStack();
    const network = closedNetwork(stack, { interfaceEndpoints: [] });
    const template = Template.fromStack(stack);
    expect(network.endpointSecurityGroup).toBeUndefined();
    expect(
      resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(
        ([, e]) => e.Properties?.VpcEndpointType === 'Interface',
      ),
    ).toHaveLength(0);
  });

  test('three AZs cut six subnets of /25 from a /22 when the account (and so its AZs) is known', () => {
    const stack = new Stack(appLikeCli(), 'ThreeAz', {
      env: { region: 'ap-northeast-1', account: '111122223333' },
    });
    closedNetwork(stack, { maxAzs: 3 });
    const subnets = resourcesOf(Template.fromStack(stack), 'AWS::EC2::Subnet');
    expect(subnets).toHaveLength(6);
    expect(new Set(subnets.map(([, s]) => String(s.Properties?.CidrBlock).split('/')[1]))).toEqual(
      new Set(['25']),
    );
  });

  test('three AZs in an account-agnostic stack are refused instead of silently becoming two', () => {
    expect(() => closedNetwork(testStack(), { maxAzs: 3 })).toThrow(
      'ClosedNetwork maxAzs "3" exceeds the 2 availability zones this stack can name [BAK-4]: set the stack\'s env.account (accountId in config) so that CDK looks the zones up, or use 2.',
    );
  });

  describe('Transit Gateway connectivity (NET-2, NET-3)', () => {
    test('attaches in the app subnets and routes only the premises CIDRs by default', () => {
      const stack = testStack();
      closedNetwork(stack, {
        connectivity: PremisesConnectivity.transitGateway({
          transitGatewayId: 'tgw-0123456789abcdef0',
        }),
      });
      const template = Template.fromStack(stack);
      const app = subnetIdsOf(template, 'app').map((id) => ({ Ref: id }));
      template.hasResourceProperties('AWS::EC2::TransitGatewayAttachment', {
        TransitGatewayId: 'tgw-0123456789abcdef0',
        SubnetIds: app,
      });
      const routes = resourcesOf(template, 'AWS::EC2::Route');
      expect(routes).toHaveLength(4);
      for (const [id, r] of routes) {
        expect(r.Properties).toMatchObject({
          DestinationCidrBlock: PREMISES,
          TransitGatewayId: 'tgw-0123456789abcdef0',
        });
        expect(template.toJSON().Resources[id].DependsOn).toEqual([
          expect.stringMatching(/TgwAttachment/),
        ]);
      }
    });

    test('routes 0.0.0.0/0 to the Transit Gateway only when asked, never to an IGW', () => {
      const stack = testStack();
      closedNetwork(stack, {
        connectivity: PremisesConnectivity.transitGateway({
          transitGatewayId: 'tgw-0123456789abcdef0',
          defaultRoute: true,
        }),
      });
      const routes = resourcesOf(Template.fromStack(stack), 'AWS::EC2::Route').map(
        ([, r]) => r.Properties as Props,
      );
      expect(routes).toHaveLength(8);
      const defaults = routes.filter((r) => r.DestinationCidrBlock === '0.0.0.0/0');
      expect(defaults).toHaveLength(4);
      for (const r of defaults) {
        expect(r.TransitGatewayId).toBe('tgw-0123456789abcdef0');
        expect(r.GatewayId).toBeUndefined();
      }
    });

    test('refuses an id that is not a Transit Gateway', () => {
      expect(() =>
        PremisesConnectivity.transitGateway({ transitGatewayId: 'vgw-0123456789abcdef0' }),
      ).toThrow(
        'PremisesConnectivity transitGatewayId "vgw-0123456789abcdef0" is not a tgw- id [NET-2]',
      );
    });
  });

  test('a virtual private gateway is the pluggable alternative', () => {
    const stack = testStack();
    closedNetwork(stack, {
      connectivity: PremisesConnectivity.vpnGateway({ vpnGatewayId: 'vgw-0123456789abcdef0' }),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPCGatewayAttachment', {
      VpnGatewayId: 'vgw-0123456789abcdef0',
      InternetGatewayId: Match.absent(),
    });
    const routes = resourcesOf(template, 'AWS::EC2::Route');
    expect(routes).toHaveLength(4);
    for (const [, r] of routes) {
      expect(r.Properties).toMatchObject({
        DestinationCidrBlock: PREMISES,
        GatewayId: 'vgw-0123456789abcdef0',
      });
    }
  });

  describe('hybrid DNS (NET-5)', () => {
    const stack = testStack();
    closedNetwork(stack, {
      resolver: {
        inbound: true,
        outbound: true,
        forwardingRules: [{ domainName: 'city.example.lg.jp', targetIps: ['172.16.0.53'] }],
      },
    });
    const template = Template.fromStack(stack);

    test('inbound endpoint admits DNS from the premises only', () => {
      template.hasResourceProperties('AWS::Route53Resolver::ResolverEndpoint', {
        Direction: 'INBOUND',
        IpAddresses: [
          Match.objectLike({ SubnetId: Match.anyValue() }),
          Match.objectLike({ SubnetId: Match.anyValue() }),
        ],
      });
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('inbound endpoint'),
        SecurityGroupIngress: [
          Match.objectLike({ CidrIp: PREMISES, IpProtocol: 'tcp', FromPort: 53 }),
          Match.objectLike({ CidrIp: PREMISES, IpProtocol: 'udp', FromPort: 53 }),
        ],
      });
    });

    test('outbound endpoint forwards the domain to the premises server and talks to nothing else', () => {
      template.hasResourceProperties('AWS::Route53Resolver::ResolverRule', {
        RuleType: 'FORWARD',
        DomainName: 'city.example.lg.jp',
        TargetIps: [{ Ip: '172.16.0.53', Port: '53' }],
      });
      template.resourceCountIs('AWS::Route53Resolver::ResolverRuleAssociation', 1);
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('outbound endpoint'),
        SecurityGroupEgress: [
          Match.objectLike({ CidrIp: '172.16.0.53/32', IpProtocol: 'tcp', FromPort: 53 }),
          Match.objectLike({ CidrIp: '172.16.0.53/32', IpProtocol: 'udp', FromPort: 53 }),
        ],
      });
    });

    test('the network ACL admits DNS and its replies from the premises', () => {
      const ingress = resourcesOf(template, 'AWS::EC2::NetworkAclEntry')
        .map(([, e]) => e.Properties as Props)
        .filter((e) => e.Egress === false && e.CidrBlock === PREMISES);
      expect(ingress).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Protocol: 6, PortRange: { From: 53, To: 53 } }),
          expect.objectContaining({ Protocol: 17, PortRange: { From: 53, To: 53 } }),
          expect.objectContaining({ Protocol: 17, PortRange: { From: 1024, To: 65535 } }),
        ]),
      );
    });

    test('refuses a forwarding target outside the premises', () => {
      const other = testStack();
      expect(() =>
        closedNetwork(other, {
          resolver: {
            outbound: true,
            forwardingRules: [{ domainName: 'x.example', targetIps: ['8.8.8.8'] }],
          },
        }),
      ).toThrow(
        'HybridDns forwardingRules target "8.8.8.8" of x.example is not in the premises CIDRs [NET-5]: forward only to premises DNS servers inside 172.16.0.0/16.',
      );
    });
  });

  describe('validation', () => {
    const build = (props: Partial<ConstructorParameters<typeof ClosedNetwork>[2]>) => () => {
      const stack = testStack();
      new ClosedNetwork(stack, 'N', {
        cidr: '10.64.0.0/22',
        premisesCidrs: [PREMISES],
        flowLogKey: new kms.Key(stack, 'K'),
        ...props,
      });
    };
    test.each([
      [
        { cidr: '10.64.0.1/22' },
        'ClosedNetwork cidr "10.64.0.1/22" has host bits set; write its network address 10.64.0.0/22 [NET-1]',
      ],
      [
        { cidr: '10.0.0.0/8' },
        'ClosedNetwork cidr "10.0.0.0/8" has prefix /8 [NET-1]: use /16 to /24',
      ],
      [
        { maxAzs: 1 },
        'ClosedNetwork maxAzs "1" is not allowed [BAK-4]: use 2 or 3 availability zones',
      ],
      [
        { premisesCidrs: ['0.0.0.0/0'] },
        'ClosedNetwork premisesCidrs "0.0.0.0/0" is broader than /8 [NET-4]',
      ],
      [
        { premisesTcpPorts: [22] },
        'ClosedNetwork premisesTcpPorts "22" is not allowed [NET-6]: SSH (22) and RDP (3389) are never opened',
      ],
      [
        { premisesTcpPorts: [3389] },
        'ClosedNetwork premisesTcpPorts "3389" is not allowed [NET-6]',
      ],
      [
        { interfaceEndpoints: ['logs', 'logs'] },
        'ClosedNetwork interfaceEndpoints "logs,logs" is invalid [NET-1]',
      ],
      [
        {
          premisesCidrs: Array.from({ length: 10 }, (_, i) => `192.168.${i}.0/24`),
          premisesTcpPorts: [443, 8443],
        },
        'need 22 inbound network ACL rules [NET-4]: the quota is 20',
      ],
    ])('%j is refused', (props, message) => {
      expect(build(props as never)).toThrow(message);
    });
  });

  test('VPC flow logs construct works on any VPC and refuses retention below a year', () => {
    const stack = testStack();
    const key = dataKey(stack);
    const vpc = new Vpc(stack, 'VendorVpc', {
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
    });
    expect(
      () => new VpcFlowLogs(stack, 'Short', { vpc, encryptionKey: key.key, retention: 90 }),
    ).toThrow(
      'EncryptedLogGroup retention "90" is not allowed [RET-1]: keep logs at least 365 days',
    );
    expect(
      () => new VpcFlowLogs(stack, 'Forever', { vpc, encryptionKey: key.key, retention: 9999 }),
    ).toThrow('EncryptedLogGroup retention "9999" is not allowed [RET-1]');
    new VpcFlowLogs(stack, 'Ok', { vpc, encryptionKey: key.key, retention: 731 });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 731,
    });
  });

  test('a log group on an imported key warns that its owner must open the key to CloudWatch Logs', () => {
    const stack = testStack();
    const imported = kms.Key.fromKeyArn(
      stack,
      'Imported',
      'arn:aws:kms:ap-northeast-1:111122223333:key/00000000-0000-0000-0000-000000000000',
    );
    new EncryptedLogGroup(stack, 'OnImported', { encryptionKey: imported });
    const own = dataKey(stack).key;
    new EncryptedLogGroup(stack, 'First', { encryptionKey: own });
    new EncryptedLogGroup(stack, 'Second', { encryptionKey: own });
    Annotations.fromStack(stack).hasWarning(
      `/${stack.node.id}/OnImported`,
      Match.stringLikeRegexp(
        'statement "AllowCloudWatchLogsOfThisAccount".*to the key policy yourself',
      ),
    );
    const sids = Template.fromStack(stack)
      .toJSON()
      .Resources[
        stack.getLogicalId(own.node.defaultChild as kms.CfnKey)
      ].Properties.KeyPolicy.Statement.map((st: { Sid?: string }) => st.Sid);
    expect(sids.filter((sid?: string) => sid?.startsWith('AllowCloudWatchLogs'))).toEqual([
      'AllowCloudWatchLogsOfThisAccount',
    ]);
  });
});
