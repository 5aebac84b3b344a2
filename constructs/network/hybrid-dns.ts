import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { cidrContains, parseIpv4 } from '../core/cidr';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';

/** A domain the closed network resolves through premises DNS servers. */
export interface DnsForwardingRule {
  /** Domain, e.g. `city.example.lg.jp`. */
  readonly domainName: string;
  /** Premises DNS servers (IPv4, port 53), each inside one of the premises CIDRs. */
  readonly targetIps: readonly string[];
}

export interface HybridDnsProps {
  /** The VPC the endpoints live in. */
  readonly vpc: ec2.IVpc;
  /** One subnet per AZ (at least two) for the endpoints' network interfaces. */
  readonly subnets: readonly ec2.ISubnet[];
  /** Premises networks: the only sources the inbound endpoint admits (NET-4). */
  readonly premisesCidrs: readonly string[];
  /**
   * Inbound endpoint: premises DNS servers forward queries for the closed network's names.
   * @default false
   */
  readonly inbound?: boolean;
  /**
   * Outbound endpoint: names of the premises are resolved by premises DNS servers.
   * @default - true when forwarding rules are given
   */
  readonly outbound?: boolean;
  /**
   * Forwarding rules through the outbound endpoint, associated with the VPC.
   * @default []
   */
  readonly forwardingRules?: readonly DnsForwardingRule[];
}

/**
 * Route 53 Resolver endpoints for name resolution both ways between the municipal premises
 * and the closed network (ハイブリッド DNS).
 *
 * Cost: each endpoint has one network interface per subnet, billed per hour (about
 * USD 0.125 per interface-hour; two interfaces ≈ USD 180 a month per endpoint) plus queries.
 *
 * Implements NET-5 (two-way names), NET-4 (DNS admitted only from premises CIDRs).
 */
export class HybridDns extends Construct {
  /** The inbound endpoint, when requested. */
  public readonly inboundEndpoint?: route53resolver.CfnResolverEndpoint;
  /** The outbound endpoint, when requested. */
  public readonly outboundEndpoint?: route53resolver.CfnResolverEndpoint;

  constructor(scope: Construct, id: string, props: HybridDnsProps) {
    super(scope, id);
    recordImplements(this, 'NET-5', 'NET-4');
    const rules = props.forwardingRules ?? [];
    const outbound = props.outbound ?? rules.length > 0;
    if (props.subnets.length < 2) {
      throw new GovCloudError({
        code: 'HybridDnsTooFewSubnets',
        problem: `HybridDns subnets "${props.subnets.length}" are too few`,
        requirement: 'NET-5',
        fix: `Route 53 Resolver endpoints need one subnet in each of at least two AZs.`,
        scope: this,
      });
    }
    if (rules.length > 0 && !outbound) {
      throw new GovCloudError({
        code: 'HybridDnsForwardingWithoutOutbound',
        problem: `HybridDns outbound "false" with ${rules.length} forwarding rules`,
        requirement: 'NET-5',
        fix: `forwarding rules need the outbound endpoint; set outbound: true.`,
        scope: this,
      });
    }
    for (const rule of rules) {
      for (const ip of rule.targetIps) {
        if (parseIpv4(ip) === undefined || !props.premisesCidrs.some((c) => cidrContains(c, ip))) {
          throw new GovCloudError({
            code: 'HybridDnsForwardTargetOutsidePremises',
            problem: `HybridDns forwardingRules target "${ip}" of ${rule.domainName} is not in the premises CIDRs`,
            requirement: 'NET-5',
            fix: `forward only to premises DNS servers inside ${props.premisesCidrs.join(', ') || '(none)'}.`,
            scope: this,
          });
        }
      }
    }
    const ipAddresses = props.subnets.map((s) => ({ subnetId: s.subnetId }));

    if (props.inbound) {
      const sg = new ec2.SecurityGroup(this, 'InboundSecurityGroup', {
        vpc: props.vpc,
        description:
          'Route 53 Resolver inbound endpoint: DNS from municipal premises only (NET-4, NET-5)',
        allowAllOutbound: false,
      });
      for (const cidr of props.premisesCidrs) {
        sg.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(53), `DNS/TCP from premises ${cidr}`);
        sg.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.udp(53), `DNS/UDP from premises ${cidr}`);
      }
      this.inboundEndpoint = new route53resolver.CfnResolverEndpoint(this, 'Inbound', {
        direction: 'INBOUND',
        ipAddresses,
        securityGroupIds: [sg.securityGroupId],
      });
    }

    if (outbound) {
      const sg = new ec2.SecurityGroup(this, 'OutboundSecurityGroup', {
        vpc: props.vpc,
        description:
          'Route 53 Resolver outbound endpoint: DNS to premises DNS servers only (NET-5)',
        allowAllOutbound: false,
      });
      const targets = [...new Set(rules.flatMap((r) => r.targetIps))];
      for (const ip of targets) {
        sg.addEgressRule(ec2.Peer.ipv4(`${ip}/32`), ec2.Port.tcp(53), `DNS/TCP to ${ip}`);
        sg.addEgressRule(ec2.Peer.ipv4(`${ip}/32`), ec2.Port.udp(53), `DNS/UDP to ${ip}`);
      }
      const endpoint = new route53resolver.CfnResolverEndpoint(this, 'Outbound', {
        direction: 'OUTBOUND',
        ipAddresses,
        securityGroupIds: [sg.securityGroupId],
      });
      this.outboundEndpoint = endpoint;
      rules.forEach((rule, i) => {
        const r = new route53resolver.CfnResolverRule(this, `Rule${i}`, {
          ruleType: 'FORWARD',
          domainName: rule.domainName,
          resolverEndpointId: endpoint.attrResolverEndpointId,
          targetIps: rule.targetIps.map((ip) => ({ ip, port: '53' })),
        });
        new route53resolver.CfnResolverRuleAssociation(this, `Rule${i}Association`, {
          resolverRuleId: r.attrResolverRuleId,
          vpcId: props.vpc.vpcId,
        });
      });
    }
  }
}
