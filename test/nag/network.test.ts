import { App, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { flagged, rulesFor, tokyoStack, validate } from './support';

const NET1 = [
  'GCJ-NET1-NoInternetGateway',
  'GCJ-NET1-NoNatGateway',
  'GCJ-NET1-NoPublicIp',
  'GCJ-NET1-NoInternetFacingEndpoint',
];

function isolatedVpc(stack: ReturnType<typeof tokyoStack>, id = 'Vpc'): ec2.Vpc {
  return new ec2.Vpc(stack, id, {
    natGateways: 0,
    subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
}

describe('NET-1 closed network (core-business profile)', () => {
  test('the default ec2.Vpc (public subnets, IGW, NAT, EIP) is flagged', () => {
    const stack = tokyoStack();
    new ec2.Vpc(stack, 'Default', { maxAzs: 1 });
    expect(flagged(stack, 'GCJ-NET1-NoInternetGateway')).toEqual(['Stack/Default/IGW']);
    expect(flagged(stack, 'GCJ-NET1-NoNatGateway')).toEqual([
      'Stack/Default/PublicSubnet1/NATGateway',
    ]);
    expect(flagged(stack, 'GCJ-NET1-NoPublicIp')).toEqual([
      'Stack/Default/PublicSubnet1/EIP',
      'Stack/Default/PublicSubnet1/Subnet',
    ]);
  });

  test('an isolated VPC passes; a private NAT gateway is allowed; an egress-only gateway is not', () => {
    const stack = tokyoStack();
    const vpc = isolatedVpc(stack);
    new ec2.CfnNatGateway(stack, 'PrivateNat', {
      subnetId: vpc.isolatedSubnets[0].subnetId,
      connectivityType: 'private',
    });
    new ec2.CfnEgressOnlyInternetGateway(stack, 'Eigw', { vpcId: vpc.vpcId });
    const report = validate(stack);
    const net1 = report.violations.filter((v) => NET1.includes(v.ruleName));
    expect(
      net1.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
    ).toEqual(['GCJ-NET1-NoInternetGateway Stack/Eigw']);
  });

  test('public IP association on instances, launch templates and subnets', () => {
    const stack = tokyoStack();
    new ec2.CfnInstance(stack, 'PublicInstance', {
      imageId: 'ami-1',
      networkInterfaces: [
        { deviceIndex: '0', subnetId: 'subnet-1', associatePublicIpAddress: true },
      ],
    });
    new ec2.CfnInstance(stack, 'PrivateInstance', {
      imageId: 'ami-1',
      networkInterfaces: [{ deviceIndex: '0', subnetId: 'subnet-1' }],
    });
    new ec2.CfnLaunchTemplate(stack, 'PublicTemplate', {
      launchTemplateData: {
        networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: true }],
      },
    });
    new ec2.CfnSubnet(stack, 'PrivateSubnet', {
      vpcId: 'vpc-1',
      cidrBlock: '10.0.0.0/24',
      mapPublicIpOnLaunch: false,
    });
    expect(flagged(stack, 'GCJ-NET1-NoPublicIp')).toEqual([
      'Stack/PublicInstance',
      'Stack/PublicTemplate',
    ]);
  });

  test('Internet-facing endpoints: load balancer, public DB, function URL, non-private REST API', () => {
    const stack = tokyoStack();
    const vpc = isolatedVpc(stack);
    new elbv2.ApplicationLoadBalancer(stack, 'Internal', { vpc });
    new elbv2.CfnLoadBalancer(stack, 'Facing', {
      scheme: 'internet-facing',
      subnets: ['subnet-1'],
    });
    new elbv2.CfnLoadBalancer(stack, 'SchemeUnset', { subnets: ['subnet-1'] });
    new rds.CfnDBInstance(stack, 'PublicDb', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
      publiclyAccessible: true,
    });
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'i.h',
      code: lambda.Code.fromInline('exports.h=1'),
    });
    fn.addFunctionUrl();
    new apigw.CfnRestApi(stack, 'RegionalApi', {
      name: 'r',
      endpointConfiguration: { types: ['REGIONAL'] },
    });
    new apigw.CfnRestApi(stack, 'PrivateApi', {
      name: 'p',
      endpointConfiguration: { types: ['PRIVATE'] },
    });
    expect(flagged(stack, 'GCJ-NET1-NoInternetFacingEndpoint')).toEqual([
      'Stack/Facing',
      'Stack/Fn/FunctionUrl/Resource',
      'Stack/PublicDb',
      'Stack/RegionalApi',
      'Stack/SchemeUnset',
    ]);
  });

  test('the baseline profile leaves NET-1 and NET-4 out, but keeps NET-6 and LOG-4', () => {
    const stack = tokyoStack();
    const vpc = new ec2.Vpc(stack, 'Default', { maxAzs: 1 });
    const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
    const rules = new Set(
      validate(stack, { profile: 'baseline' }).violations.map((v) => v.ruleName),
    );
    for (const id of [...NET1, 'GCJ-NET4-NoOpenIngress']) expect(rules.has(id)).toBe(false);
    expect(rules.has('GCJ-NET6-NoSshRdpIngress')).toBe(true);
    expect(rules.has('GCJ-LOG4-VpcFlowLogs')).toBe(true);
  });
});

describe('GCJ-NET4-NoOpenIngress', () => {
  test('flags 0.0.0.0/0 and ::/0, inline or separate; passes CIDR and peer rules', () => {
    const stack = tokyoStack();
    const vpc = isolatedVpc(stack);
    const open = new ec2.SecurityGroup(stack, 'Open', { vpc });
    open.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
    const open6 = new ec2.SecurityGroup(stack, 'Open6', { vpc, allowAllOutbound: false });
    open6.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(443));
    const closed = new ec2.SecurityGroup(stack, 'Closed', { vpc });
    closed.addIngressRule(ec2.Peer.ipv4('10.10.0.0/16'), ec2.Port.tcp(443));
    closed.addIngressRule(open, ec2.Port.tcp(5432));
    new ec2.CfnSecurityGroupIngress(stack, 'SeparateOpen', {
      groupId: closed.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 80,
      toPort: 80,
      cidrIp: '0.0.0.0/0',
    });
    expect(flagged(stack, 'GCJ-NET4-NoOpenIngress')).toEqual([
      'Stack/Open/Resource',
      'Stack/Open6/Resource',
      'Stack/SeparateOpen',
    ]);
  });
});

describe('GCJ-NET6-NoSshRdpIngress', () => {
  test('flags SSH/RDP from any source and all traffic from anywhere; passes other ports and all traffic between peers', () => {
    const stack = tokyoStack();
    const vpc = isolatedVpc(stack);
    const peer = new ec2.SecurityGroup(stack, 'Peer', { vpc });
    const ssh = new ec2.SecurityGroup(stack, 'SshFromOffice', { vpc });
    ssh.addIngressRule(ec2.Peer.ipv4('10.10.0.0/16'), ec2.Port.tcp(22));
    const rdp = new ec2.SecurityGroup(stack, 'RdpRange', { vpc });
    rdp.addIngressRule(ec2.Peer.ipv4('10.10.0.0/16'), ec2.Port.tcpRange(3000, 4000));
    const everything = new ec2.SecurityGroup(stack, 'AllFromAnywhere', { vpc });
    everything.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.allTraffic());
    const internal = new ec2.SecurityGroup(stack, 'AllFromPeer', { vpc });
    internal.addIngressRule(peer, ec2.Port.allTraffic());
    const https = new ec2.SecurityGroup(stack, 'Https', { vpc });
    https.addIngressRule(ec2.Peer.ipv4('10.10.0.0/16'), ec2.Port.tcp(443));
    new ec2.CfnSecurityGroupIngress(stack, 'SeparateSsh', {
      groupId: https.securityGroupId,
      ipProtocol: '6',
      fromPort: 22,
      toPort: 22,
      sourceSecurityGroupId: peer.securityGroupId,
    });
    expect(flagged(stack, 'GCJ-NET6-NoSshRdpIngress')).toEqual([
      'Stack/AllFromAnywhere/Resource',
      'Stack/RdpRange/Resource',
      'Stack/SeparateSsh',
      'Stack/SshFromOffice/Resource',
    ]);
  });
});

describe('GCJ-LOG4-VpcFlowLogs', () => {
  test('passes a VPC with an ALL-traffic flow log (Ref), flags none or REJECT-only', () => {
    const stack = tokyoStack();
    isolatedVpc(stack, 'WithFlowLog').addFlowLog('All');
    isolatedVpc(stack, 'Without');
    isolatedVpc(stack, 'RejectOnly').addFlowLog('Reject', {
      trafficType: ec2.FlowLogTrafficType.REJECT,
    });
    const l1 = new ec2.CfnVPC(stack, 'L1Vpc', { cidrBlock: '10.1.0.0/16' });
    new ec2.CfnFlowLog(stack, 'L1FlowLog', {
      resourceId: l1.attrVpcId,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logGroupName: 'x',
      deliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/f',
    });
    expect(flagged(stack, 'GCJ-LOG4-VpcFlowLogs')).toEqual([
      'Stack/RejectOnly/Resource',
      'Stack/Without/Resource',
    ]);
  });

  test('a flow log in another stack of the app counts', () => {
    const stack = tokyoStack();
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.1.0.0/16' });
    const other = new Stack(stack.node.root as App, 'Logging', {
      env: { region: 'ap-northeast-1' },
    });
    new ec2.CfnFlowLog(other, 'FlowLog', {
      resourceId: vpc.ref,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logGroupName: 'x',
      deliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/f',
    });
    expect(rulesFor(stack.node.root, 'Stack/Vpc')).not.toContain('GCJ-LOG4-VpcFlowLogs');
  });
});
