import type { Construct } from 'constructs';
import { GovCloudError } from '../../core/errors';
import { ipv4CidrProblem, parseIpv4Cidr } from '../../core/cidr';
import type { ClosedNetworkProps } from '../closed-network';
import { DEFAULT_INTERFACE_ENDPOINTS } from '../endpoints';

/** Network ACL quota per direction (default service quota). */
const NACL_RULE_QUOTA = 20;

/**
 * The checks of `ClosedNetwork`'s props: CIDR (NET-1), AZs (BAK-4), premises networks and
 * ports (NET-4, NET-6), endpoints (NET-1) and the network ACL quota (NET-4).
 */
export function validateClosedNetwork(
  scope: Construct,
  props: ClosedNetworkProps,
  maxAzs: number,
): void {
  const cidrProblem = ipv4CidrProblem(props.cidr);
  if (cidrProblem) {
    throw new GovCloudError({
      code: 'ClosedNetworkCidrInvalid',
      problem: `ClosedNetwork cidr "${props.cidr}" ${cidrProblem}`,
      requirement: 'NET-1',
      fix: `give a canonical IPv4 CIDR between /16 and /24.`,
      scope: scope,
    });
  }
  const { prefix } = parseIpv4Cidr(props.cidr);
  if (prefix < 16 || prefix > 24) {
    throw new GovCloudError({
      code: 'ClosedNetworkCidrPrefixOutOfRange',
      problem: `ClosedNetwork cidr "${props.cidr}" has prefix /${prefix}`,
      requirement: 'NET-1',
      fix: `use /16 to /24 (a VPC allows /16-/28, and two tiers in each AZ must fit).`,
      scope: scope,
    });
  }
  if (!Number.isInteger(maxAzs) || maxAzs < 2 || maxAzs > 3) {
    throw new GovCloudError({
      code: 'ClosedNetworkMaxAzsNotAllowed',
      problem: `ClosedNetwork maxAzs "${maxAzs}" is not allowed`,
      requirement: 'BAK-4',
      fix: `use 2 or 3 availability zones for redundancy.`,
      scope: scope,
    });
  }
  for (const cidr of props.premisesCidrs) {
    const problem = ipv4CidrProblem(cidr);
    if (problem || parseIpv4Cidr(cidr).prefix < 8) {
      throw new GovCloudError({
        code: 'ClosedNetworkPremisesCidrInvalid',
        problem: `ClosedNetwork premisesCidrs "${cidr}" ${problem ?? 'is broader than /8'}`,
        requirement: 'NET-4',
        fix: `list the municipal premises networks as canonical CIDRs no broader than /8; never 0.0.0.0/0.`,
        scope: scope,
      });
    }
  }
  for (const port of props.premisesTcpPorts ?? [443]) {
    if (port === 22 || port === 3389 || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new GovCloudError({
        code: 'ClosedNetworkPremisesPortNotAllowed',
        problem: `ClosedNetwork premisesTcpPorts "${port}" is not allowed`,
        requirement: 'NET-6',
        fix: `SSH (22) and RDP (3389) are never opened; maintain through Session Manager / ECS Exec over the ssmmessages endpoint.`,
        scope: scope,
      });
    }
  }
  const endpoints = props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
  const bad = endpoints.find((e) => !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(e));
  if (bad !== undefined || new Set(endpoints).size !== endpoints.length) {
    throw new GovCloudError({
      code: 'ClosedNetworkInterfaceEndpointsInvalid',
      problem: `ClosedNetwork interfaceEndpoints "${bad ?? endpoints.join(',')}" is invalid`,
      requirement: 'NET-1',
      fix: `list service names like "ecr.api" once each.`,
      scope: scope,
    });
  }
  const dnsIn = props.resolver?.inbound ? 2 : 0;
  const dnsOut = props.resolver?.outbound || props.resolver?.forwardingRules?.length ? 1 : 0;
  const inboundRules =
    2 + props.premisesCidrs.length * ((props.premisesTcpPorts ?? [443]).length + dnsIn + dnsOut);
  if (inboundRules > NACL_RULE_QUOTA) {
    throw new GovCloudError({
      code: 'ClosedNetworkNaclRuleQuotaExceeded',
      problem: `ClosedNetwork premisesCidrs "${props.premisesCidrs.join(',')}" need ${inboundRules} inbound network ACL rules`,
      requirement: 'NET-4',
      fix: `the quota is ${NACL_RULE_QUOTA}; summarize the premises networks into fewer CIDRs.`,
      scope: scope,
    });
  }
}
