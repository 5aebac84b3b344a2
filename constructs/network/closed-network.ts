import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { parseIpv4Cidr } from '../core/cidr';
import type { IPremisesConnectivity } from './connectivity';
import { DEFAULT_INTERFACE_ENDPOINTS, interfaceEndpointMonthlyUsd } from './endpoints';
import { HybridDns, type DnsForwardingRule } from './hybrid-dns';
import { VpcFlowLogs } from './vpc-flow-logs';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';
import { acknowledgeFindings } from '../core/nag-finding';
import { validateClosedNetwork } from './private/closed-network-validation';

/** Route 53 Resolver options of a closed network. */
export interface ClosedNetworkResolverOptions {
  /** @default false */
  readonly inbound?: boolean;
  /** @default - true when forwarding rules are given */
  readonly outbound?: boolean;
  /** @default [] */
  readonly forwardingRules?: readonly DnsForwardingRule[];
}

export interface ClosedNetworkProps {
  /** VPC CIDR, canonical IPv4, between /16 and /24. */
  readonly cidr: string;
  /**
   * Municipal premises networks (庁内): the only outside sources the network ACL admits, and
   * the destinations routed to the premises connection (NET-2, NET-4). May be empty for a
   * network that nobody outside reaches yet (e.g. a pilot-light DR network).
   */
  readonly premisesCidrs: readonly string[];
  /** Customer-managed key of the flow-log group (KEY-1). */
  readonly flowLogKey: kms.IKey;
  /**
   * Availability zones (two at least, BAK-4).
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * Interface endpoints (service names after `com.amazonaws.<region>.`). Each costs
   * about USD 0.014 per AZ-hour in Tokyo (≈ USD 20 a month per endpoint with two AZs).
   * @default DEFAULT_INTERFACE_ENDPOINTS (ecr.api, ecr.dkr, logs, kms, ssmmessages)
   */
  readonly interfaceEndpoints?: readonly string[];
  /**
   * TCP ports the network ACL admits from the premises CIDRs.
   * @default [443] (the internal ALB's HTTPS listener)
   */
  readonly premisesTcpPorts?: readonly number[];
  /**
   * Connection to the premises (Transit Gateway or virtual private gateway).
   * @default - none: the network is reachable from nowhere outside until one is added
   */
  readonly connectivity?: IPremisesConnectivity;
  /**
   * Route 53 Resolver endpoints for hybrid DNS (NET-5).
   * @default - none
   */
  readonly resolver?: ClosedNetworkResolverOptions;
  /**
   * Flow-log retention (RET-1).
   * @default logs.RetentionDays.THIRTEEN_MONTHS
   */
  readonly retention?: logs.RetentionDays;
  /**
   * Strip the rules of the VPC's default security group (Security Hub EC2.2). CDK does
   * this with a Lambda-backed custom resource, which brings an asset (so `cdk bootstrap`)
   * and a Lambda role into the template. Off by default: no resource of this library uses
   * the default security group, and the network ACL already limits what reaches it.
   * @default false
   */
  readonly restrictDefaultSecurityGroup?: boolean;
}

/** Subnet group names: application tier (ALB, tasks, endpoints) and data tier. */
export const APP_SUBNETS = 'app';
export const DATA_SUBNETS = 'data';

/** Ephemeral TCP ports replies may arrive on from outside the VPC (see buildNetworkAcl). */
const EPHEMERAL_PORT_FIRST = 32768;
const EPHEMERAL_PORT_LAST = 65535;

/**
 * A closed network (閉域ネットワーク) for a municipal core-business system: a VPC with
 * isolated subnets only, in at least two AZs, with no Internet gateway, NAT gateway or public
 * IP; AWS services through VPC endpoints; all traffic recorded in flow logs; a network ACL
 * and security groups that admit only the municipal premises; an optional, pluggable premises
 * connection; optional hybrid DNS. Maintenance goes through Session Manager / ECS Exec over
 * the `ssmmessages` endpoint: no SSH or RDP is opened anywhere.
 *
 * ```ts
 * const network = new ClosedNetwork(this, 'Network', {
 *   cidr: '10.64.0.0/22',
 *   premisesCidrs: ['172.16.0.0/16'],
 *   flowLogKey: key.key,
 *   connectivity: PremisesConnectivity.transitGateway({ transitGatewayId: 'tgw-0123456789abcdef0' }),
 * });
 * ```
 *
 * Fixed cost: interface endpoints × AZs × USD 0.014/h (default 5 × 2 ≈ USD 102 a month),
 * plus resolver endpoints if requested; gateway endpoints (S3, DynamoDB) are free.
 *
 * Implements NET-1 (no Internet path), NET-4 (premises only), NET-6 (maintenance over
 * endpoints); its parts add NET-2/NET-3 (`connectivity`), NET-5 (`resolver`, a `HybridDns`) and
 * LOG-4 (`VpcFlowLogs`).
 */
export class ClosedNetwork extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** Application-tier subnets (ALB, tasks, interface endpoints), one per AZ. */
  public readonly appSubnets: ec2.SubnetSelection;
  /** Data-tier subnets (databases), one per AZ. */
  public readonly dataSubnets: ec2.SubnetSelection;
  /**
   * The S3 gateway endpoint. Its policy admits requests to this account's buckets and the ECR
   * image-layer bucket only (NET-4): code in the VPC cannot write to another account's bucket
   * through it. Add a statement with `s3Endpoint.addToPolicy(...)` for another bucket a
   * workload needs.
   */
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** The DynamoDB gateway endpoint: this account's tables only (NET-4). */
  public readonly dynamoDbEndpoint: ec2.GatewayVpcEndpoint;
  /** Security group of the interface endpoints (HTTPS from inside the VPC). */
  public readonly endpointSecurityGroup?: ec2.SecurityGroup;
  /** The flow logs (LOG-4). */
  public readonly flowLogs: VpcFlowLogs;
  /** The network ACL of every subnet. */
  public readonly networkAcl: ec2.NetworkAcl;
  /** The premises networks this network admits. */
  public readonly premisesCidrs: readonly string[];
  /** Hybrid DNS endpoints, when requested. */
  public readonly hybridDns?: HybridDns;
  /** Interface endpoint service names created. */
  public readonly interfaceEndpointNames: readonly string[];
  /** Approximate fixed monthly USD of the interface endpoints (for cost notes). */
  public readonly interfaceEndpointMonthlyUsd: number;

  constructor(scope: Construct, id: string, props: ClosedNetworkProps) {
    super(scope, id);
    recordImplements(this, 'NET-1', 'NET-4', 'NET-6');
    const maxAzs = props.maxAzs ?? 2;
    validateClosedNetwork(this, props, maxAzs);
    const known = Stack.of(this).availabilityZones.length;
    if (known < maxAzs) {
      // An account-agnostic stack names only two AZs (Fn::GetAZs); Vpc would quietly use two.
      throw new GovCloudError({
        code: 'ClosedNetworkMaxAzsUnknown',
        problem: `ClosedNetwork maxAzs "${maxAzs}" exceeds the ${known} availability zones this stack can name`,
        requirement: 'BAK-4',
        fix: `set the stack's env.account (accountId in config) so that CDK looks the zones up, or use 2.`,
        scope: this,
      });
    }
    this.premisesCidrs = [...props.premisesCidrs];
    const { prefix } = parseIpv4Cidr(props.cidr);
    // Two tiers per AZ: the smallest power of two that holds them decides the subnet size.
    const cidrMask = prefix + Math.ceil(Math.log2(2 * maxAzs));

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      maxAzs,
      natGateways: 0,
      createInternetGateway: false,
      restrictDefaultSecurityGroup: props.restrictDefaultSecurityGroup ?? false,
      subnetConfiguration: [
        { name: APP_SUBNETS, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask },
        { name: DATA_SUBNETS, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask },
      ],
    });
    // Same construct ids as Vpc's own gatewayEndpoints prop would use: logical IDs unchanged.
    this.s3Endpoint = this.vpc.addGatewayEndpoint('S3', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
    });
    this.dynamoDbEndpoint = this.vpc.addGatewayEndpoint('DynamoDB', {
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
    });
    const account = Stack.of(this).account;
    const region = Stack.of(this).region;
    for (const endpoint of [this.s3Endpoint, this.dynamoDbEndpoint]) {
      endpoint.addToPolicy(ownAccountResources(account));
    }
    // ECR keeps image layers in an AWS-owned bucket per region; Fargate pulls them through the
    // S3 gateway endpoint (ECR user guide, "Amazon ECR interface VPC endpoints").
    this.s3Endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'EcrImageLayers',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [`arn:${Stack.of(this).partition}:s3:::prod-${region}-starport-layer-bucket/*`],
      }),
    );
    if (!(props.restrictDefaultSecurityGroup ?? false)) {
      acknowledgeFindings(this.vpc, {
        id: 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
        reason:
          'No resource uses the default security group and the network ACL limits what can reach it; closing it needs a Lambda-backed custom resource, available with restrictDefaultSecurityGroup: true.',
        reasonJa:
          'デフォルトのセキュリティグループを使うリソースはなく、そこへ到達できる通信もネットワーク ACL が制限している。これを閉じるには Lambda によるカスタムリソースが必要で、restrictDefaultSecurityGroup: true で有効にできる。',
      });
    }
    this.appSubnets = { subnetGroupName: APP_SUBNETS };
    this.dataSubnets = { subnetGroupName: DATA_SUBNETS };

    this.flowLogs = new VpcFlowLogs(this, 'FlowLogs', {
      vpc: this.vpc,
      encryptionKey: props.flowLogKey,
      retention: props.retention,
    });

    const endpoints = [...(props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS)];
    this.interfaceEndpointNames = endpoints;
    this.interfaceEndpointMonthlyUsd = interfaceEndpointMonthlyUsd(endpoints.length, maxAzs);
    if (endpoints.length > 0) {
      const sg = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc: this.vpc,
        description: 'Interface VPC endpoints: HTTPS from inside this VPC only (NET-1, NET-4)',
        allowAllOutbound: false,
      });
      sg.addIngressRule(
        ec2.Peer.ipv4(props.cidr),
        ec2.Port.tcp(443),
        'HTTPS to AWS APIs from this VPC',
      );
      this.endpointSecurityGroup = sg;
      for (const name of endpoints) {
        const endpoint = this.vpc.addInterfaceEndpoint(`Endpoint-${name.replace(/\./g, '-')}`, {
          service: new ec2.InterfaceVpcEndpointAwsService(name),
          subnets: this.appSubnets,
          securityGroups: [sg],
          privateDnsEnabled: true,
          open: false,
        });
        endpoint.addToPolicy(ownAccountPrincipalsAndResources(account));
      }
    }

    const isolated = this.vpc.isolatedSubnets;
    const attachmentSubnets = this.vpc.selectSubnets(this.appSubnets).subnets;
    props.connectivity?.bind(this, {
      vpc: this.vpc,
      attachmentSubnets,
      routeTableIds: isolated.map((s) => s.routeTable.routeTableId),
      premisesCidrs: this.premisesCidrs,
    });

    if (
      props.resolver &&
      (props.resolver.inbound || props.resolver.outbound || props.resolver.forwardingRules?.length)
    ) {
      this.hybridDns = new HybridDns(this, 'HybridDns', {
        vpc: this.vpc,
        subnets: attachmentSubnets,
        premisesCidrs: this.premisesCidrs,
        ...props.resolver,
      });
    }

    this.networkAcl = this.buildNetworkAcl(props);
  }

  /**
   * Admits `port` (TCP) on `securityGroup` from each premises CIDR and nothing else (NET-4).
   */
  public allowFromPremises(securityGroup: ec2.ISecurityGroup, port: number, what: string): void {
    for (const cidr of this.premisesCidrs) {
      securityGroup.addIngressRule(
        ec2.Peer.ipv4(cidr),
        ec2.Port.tcp(port),
        `${what} from municipal premises ${cidr} (NET-4)`,
      );
    }
  }

  /**
   * One stateless ACL on every subnet. Inbound: anything from inside the VPC; from each
   * premises CIDR only the listed TCP ports (plus DNS when the resolver needs it); and TCP
   * replies on ephemeral ports (32768-65535) from anywhere, because the S3/DynamoDB gateway endpoints answer
   * from AWS public ranges an ACL cannot name by prefix list. Security groups, which are
   * stateful, do the precise filtering; with no Internet gateway nothing else can arrive.
   * Outbound: everything (routes, not the ACL, keep traffic off the Internet).
   */
  private buildNetworkAcl(props: ClosedNetworkProps): ec2.NetworkAcl {
    const acl = new ec2.NetworkAcl(this, 'NetworkAcl', {
      vpc: this.vpc,
      subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    const ingress = ec2.TrafficDirection.INGRESS;
    let rule = 100;
    const add = (id: string, cidr: string, traffic: ec2.AclTraffic, direction = ingress): void => {
      acl.addEntry(id, {
        ruleNumber: rule,
        cidr: ec2.AclCidr.ipv4(cidr),
        traffic,
        direction,
        ruleAction: ec2.Action.ALLOW,
      });
      rule += 10;
    };
    add('FromVpc', props.cidr, ec2.AclTraffic.allTraffic());
    const dnsIn = props.resolver?.inbound ?? false;
    const dnsOut = props.resolver?.outbound ?? (props.resolver?.forwardingRules?.length ?? 0) > 0;
    props.premisesCidrs.forEach((cidr, i) => {
      for (const port of props.premisesTcpPorts ?? [443]) {
        add(`Premises${i}Tcp${port}`, cidr, ec2.AclTraffic.tcpPort(port));
      }
      if (dnsIn) {
        add(`Premises${i}DnsTcp`, cidr, ec2.AclTraffic.tcpPort(53));
        add(`Premises${i}DnsUdp`, cidr, ec2.AclTraffic.udpPort(53));
      }
      if (dnsOut) {
        add(`Premises${i}DnsReplies`, cidr, ec2.AclTraffic.udpPortRange(1024, 65535));
      }
    });
    // Replies arrive on the client's ephemeral port: Linux (Fargate) picks 32768-60999 and
    // Windows 49152-65535. Starting at 32768 keeps SSH (22) and RDP (3389) out (CT.EC2.PR.5).
    add(
      'TcpReplies',
      '0.0.0.0/0',
      ec2.AclTraffic.tcpPortRange(EPHEMERAL_PORT_FIRST, EPHEMERAL_PORT_LAST),
    );
    rule = 100;
    add('ToAnywhere', '0.0.0.0/0', ec2.AclTraffic.allTraffic(), ec2.TrafficDirection.EGRESS);
    acknowledgeFindings(acl, {
      id: 'AwsSolutions-VPC3',
      reason:
        'Deliberate (NET-4): the ACL is a second, stateless fence that admits only the premises CIDRs on the listed ports besides VPC-internal traffic and TCP replies; security groups remain the primary control.',
      reasonJa:
        '意図した構成である（NET-4）。この ACL はステートレスな第 2 の防御線であり、VPC 内の通信と TCP の応答のほかは、庁内 CIDR から指定ポートへの通信だけを通す。主たる制御は引き続きセキュリティグループが担う。',
    });
    return acl;
  }
}

/**
 * A gateway endpoint admits requests for this account's resources only (`aws:ResourceAccount`),
 * whoever signs them: the exfiltration path is a bucket or table of another account (NET-4).
 */
function ownAccountResources(account: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'OwnAccountResources',
    principals: [new iam.AnyPrincipal()],
    actions: ['*'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:ResourceAccount': account } },
  });
}

/**
 * An interface endpoint admits this account's principals, and resources of this account where
 * the request names one (`IfExists`: e.g. ecr:GetAuthorizationToken has no resource) (NET-4).
 */
function ownAccountPrincipalsAndResources(account: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'OwnAccountOnly',
    principals: [new iam.AnyPrincipal()],
    actions: ['*'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:PrincipalAccount': account },
      StringEqualsIfExists: { 'aws:ResourceAccount': account },
    },
  });
}
