import type { CfnResource } from 'aws-cdk-lib';
import {
  CfnSecurityGroup,
  CfnSecurityGroupEgress,
  CfnSecurityGroupIngress,
} from 'aws-cdk-lib/aws-ec2';
import { asList, isObject, resolve } from './values';

/** One ingress permission of a security group, resolved. */
export interface IngressRule {
  readonly cidrIp?: unknown;
  readonly cidrIpv6?: unknown;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
}

/**
 * The ingress rules a resource defines: the inline `SecurityGroupIngress` of an
 * `AWS::EC2::SecurityGroup`, or an `AWS::EC2::SecurityGroupIngress` itself. Other resources
 * have none.
 */
export function ingressRulesOf(node: CfnResource): IngressRule[] {
  return rulesOf(node, 'ingress');
}

/**
 * The egress rules a resource defines: the inline `SecurityGroupEgress` of an
 * `AWS::EC2::SecurityGroup`, or an `AWS::EC2::SecurityGroupEgress` itself (destination CIDRs
 * in `cidrIp` / `cidrIpv6`). Other resources have none.
 */
export function egressRulesOf(node: CfnResource): IngressRule[] {
  return rulesOf(node, 'egress');
}

function rulesOf(node: CfnResource, direction: 'ingress' | 'egress'): IngressRule[] {
  if (node instanceof CfnSecurityGroup) {
    const inline = direction === 'ingress' ? node.securityGroupIngress : node.securityGroupEgress;
    return asList(resolve(node, inline))
      .filter(isObject)
      .map((r) => toRule(r));
  }
  const standalone = direction === 'ingress' ? CfnSecurityGroupIngress : CfnSecurityGroupEgress;
  if (node instanceof standalone) {
    return [
      toRule({
        cidrIp: resolve(node, node.cidrIp),
        cidrIpv6: resolve(node, node.cidrIpv6),
        ipProtocol: resolve(node, node.ipProtocol),
        fromPort: resolve(node, node.fromPort),
        toPort: resolve(node, node.toPort),
      }),
    ];
  }
  return [];
}

/** True when the rule covers every protocol, or every TCP or UDP port. */
export function isAllTraffic(rule: IngressRule): boolean {
  if (rule.ipProtocol === '-1' || rule.ipProtocol === 'all') return true;
  if (!['tcp', '6', 'udp', '17'].includes(rule.ipProtocol)) return false;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return from === -1 || to === -1 || (from <= 0 && to >= 65535);
}

function toRule(r: Record<string, unknown>): IngressRule {
  const port = (v: unknown): number | undefined =>
    v === undefined || v === null || v === '' ? undefined : Number(v);
  return {
    cidrIp: r.cidrIp,
    cidrIpv6: r.cidrIpv6,
    ipProtocol: String(r.ipProtocol ?? '').toLowerCase(),
    fromPort: port(r.fromPort),
    toPort: port(r.toPort),
  };
}

/** True when the rule admits traffic from any IPv4 or IPv6 address. */
export function isFromAnywhere(rule: IngressRule): boolean {
  return rule.cidrIp === '0.0.0.0/0' || rule.cidrIpv6 === '::/0';
}

/** True when the rule admits TCP traffic to `port` (also through "all traffic"). */
export function admitsTcpPort(rule: IngressRule, port: number): boolean {
  if (rule.ipProtocol === '-1' || rule.ipProtocol === 'all') return true;
  if (rule.ipProtocol !== 'tcp' && rule.ipProtocol !== '6') return false;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  // FromPort/ToPort of -1 mean "all ports" for TCP in the EC2 API.
  if (from === -1 || to === -1) return true;
  return from <= port && port <= to;
}
