import type { z } from 'zod';
import {
  blockCount,
  cidrContains,
  cidrsOverlap,
  ipv4CidrProblem,
  parseIpv4,
  parseIpv4Cidr,
} from '../../../../constructs/core/cidr';
import type { JapanRegion } from '../../../../domain/regions';
import { backupCopyRegion, systemTenants, type SystemRootView } from './plan';
import { FARGATE_MEMORY } from '../../../../domain/fargate';
import type { SystemConfig } from './schema';

/** Checks across the fields of the system section (Fargate sizes, backup, tenancy, DNS). */
export function refineSystem(s: SystemConfig, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], input: unknown, message: string): void => {
    ctx.addIssue({ code: 'custom', path, input, message });
  };
  const allowed = FARGATE_MEMORY[s.sizes.taskCpu];
  if (allowed && !allowed.includes(s.sizes.taskMemoryMiB)) {
    issue(
      ['sizes', 'taskMemoryMiB'],
      s.sizes.taskMemoryMiB,
      allowed.length > 4
        ? `Fargate with ${s.sizes.taskCpu} CPU units takes ${allowed[0]}-${allowed[allowed.length - 1]} MiB in steps of 1024`
        : `Fargate with ${s.sizes.taskCpu} CPU units takes one of ${allowed.join(', ')} MiB`,
    );
  }
  if (s.sizes.desiredCount === 1) {
    issue(
      ['sizes', 'desiredCount'],
      1,
      'one task is a single point of failure; run at least one per availability zone',
    );
  }
  if (s.sizes.dbMinCapacity > s.sizes.dbMaxCapacity) {
    issue(['sizes', 'dbMinCapacity'], s.sizes.dbMinCapacity, 'exceeds dbMaxCapacity');
  }
  if (s.backup.retentionDays < s.backup.vaultLockMinRetentionDays) {
    issue(
      ['backup', 'retentionDays'],
      s.backup.retentionDays,
      `is shorter than vaultLockMinRetentionDays (${s.backup.vaultLockMinRetentionDays}); the locked vault would refuse every recovery point`,
    );
  }
  if (s.tenancy === 'application' && !s.applicationSeparationApproval) {
    issue(
      ['tenancy'],
      s.tenancy,
      'separation other than a dedicated VPC per municipality needs the Digital Agency approval (デジタル庁の承認)',
    );
  }
  if (s.transitGatewayId && s.vpnGatewayId) {
    issue(['vpnGatewayId'], s.vpnGatewayId, 'give transitGatewayId or vpnGatewayId, not both');
  }
  if (s.defaultRouteToPremises && !s.transitGatewayId && !s.vpnGatewayId) {
    issue(
      ['defaultRouteToPremises'],
      true,
      'a default route needs a premises connection (transitGatewayId or vpnGatewayId)',
    );
  }
  const seen = new Set<string>();
  s.municipalities.forEach((m, i) => {
    if (seen.has(m.code)) {
      issue(['municipalities', i, 'code'], m.code, 'is listed twice');
    }
    seen.add(m.code);
  });
  const endpoints = new Set<string>();
  s.interfaceEndpoints.forEach((e, i) => {
    if (endpoints.has(e)) {
      issue(['interfaceEndpoints', i], e, 'is listed twice');
    }
    endpoints.add(e);
  });
  if (s.resolver) {
    if (s.resolver.forwardingRules.length > 0 && !s.resolver.outbound) {
      issue(
        ['resolver', 'forwardingRules'],
        s.resolver.forwardingRules.map((r) => r.domainName),
        'forwarding rules need the outbound endpoint ("outbound": true)',
      );
    }
    s.resolver.forwardingRules.forEach((rule, r) =>
      rule.targetIps.forEach((ip, t) => {
        const valid = parseIpv4(ip) !== undefined && premisesCidrsValid(s.premisesCidrs);
        if (valid && !s.premisesCidrs.some((c) => cidrContains(c, ip))) {
          issue(
            ['resolver', 'forwardingRules', r, 'targetIps', t],
            ip,
            'is not inside any premisesCidrs; the closed network has no route to it',
          );
        }
      }),
    );
  }
  if (!s.enabled) {
    return;
  }
  if (s.premisesCidrs.length === 0) {
    issue(['premisesCidrs'], [], 'the enabled system needs the premises networks that may use it');
  }
  if (!s.certificateArn && s.municipalities.some((m) => !m.certificateArn)) {
    issue(['certificateArn'], undefined, 'the HTTPS listener needs a certificate');
  }
}

function premisesCidrsValid(cidrs: readonly string[]): boolean {
  return cidrs.every((c) => ipv4CidrProblem(c) === undefined);
}

/** What `refineSystemAgainstRoot` needs from the whole config. */
interface RootView extends SystemRootView {
  readonly accountId?: string;
  readonly primaryRegion: JapanRegion;
}

/**
 * Checks of the system section that need the rest of the config (regions, the tenant-area
 * owner). Called from the root schema's superRefine.
 */
export function refineSystemAgainstRoot(root: RootView, ctx: z.RefinementCtx): void {
  const s = root.system;
  const issue = (path: PropertyKey[], input: unknown, message: string): void => {
    ctx.addIssue({ code: 'custom', path: ['system', ...path], input, message });
  };
  const copy = backupCopyRegion(root);
  if (s.backup.copyToRegion !== undefined && copy === root.primaryRegion) {
    issue(
      ['backup', 'copyToRegion'],
      copy,
      `equals primaryRegion (${root.primaryRegion}); the copy must go to the other Japanese region (東西2センター)`,
    );
  }
  if (!s.enabled) {
    return;
  }
  const certs = [
    ['certificateArn', s.certificateArn] as const,
    ...s.municipalities.map((m, i) => [i, m.certificateArn] as const),
  ];
  for (const [where, arn] of certs) {
    if (arn && arn.split(':')[3] !== root.primaryRegion) {
      const path =
        where === 'certificateArn' ? [where] : ['municipalities', where, 'certificateArn'];
      issue(
        path,
        arn,
        `is in ${arn.split(':')[3]}, but the load balancer runs in primaryRegion ${root.primaryRegion}`,
      );
    }
  }
  if (s.tenancy === 'account') {
    const other = s.municipalities.find((m) => m.code !== root.municipality.code);
    if (s.municipalities.length > 1 || other) {
      issue(
        ['municipalities'],
        s.municipalities.map((m) => m.code),
        `account mode serves only the account's own municipality (${root.municipality.code}); write one config per municipality`,
      );
      return;
    }
  }
  if (s.maxAzs > 2 && !root.accountId && !s.availabilityZones) {
    issue(
      ['maxAzs'],
      s.maxAzs,
      'a template without accountId can name only two availability zones; set accountId (the fixed zones are used, no lookup) or list system.availabilityZones',
    );
  }
  for (const region of [root.primaryRegion, root.drRegion]) {
    const zones = (s.availabilityZones ?? []).filter((az) => az.startsWith(region));
    if (zones.length > 0 && zones.length < s.maxAzs) {
      issue(
        ['availabilityZones'],
        s.availabilityZones,
        `maxAzs is ${s.maxAzs} but only ${zones.length} zone(s) of ${region} are listed`,
      );
    }
  }
  if (s.vpnGatewayId && s.tenancy === 'vpc' && s.municipalities.length > 1) {
    issue(
      ['vpnGatewayId'],
      s.vpnGatewayId,
      'a virtual private gateway attaches to one VPC, but vpc mode creates one VPC per municipality; use transitGatewayId',
    );
  }
  if (!premisesCidrsValid(s.premisesCidrs)) {
    return;
  }
  const bases: [string, string[]][] = [[s.vpcCidr, ['vpcCidr']]];
  if (s.dr.pilotLightNetwork) {
    bases.push([s.dr.vpcCidr, ['dr', 'vpcCidr']]);
  }
  const count = Math.max(s.municipalities.length, 1);
  for (const [base, field] of bases) {
    const { prefix } = parseIpv4Cidr(base);
    if (prefix > 24) {
      issue(field, base, 'is smaller than /24; the subnets of two or three AZs would not fit');
      return;
    }
    const blocks = blockCount(base, s.tenantVpcPrefixLength);
    if (s.tenancy === 'vpc' && blocks < count) {
      issue(
        field,
        base,
        `holds ${blocks} blocks of /${s.tenantVpcPrefixLength}, but ${count} municipalities need one each`,
      );
      return;
    }
  }
  const tenants = systemTenants(root);
  if (s.tenancy === 'vpc') {
    tenants.forEach((b, j) =>
      tenants.slice(0, j).forEach((a) => {
        if (cidrsOverlap(a.vpcCidr, b.vpcCidr)) {
          issue(
            ['municipalities', j, 'vpcCidr'],
            b.vpcCidr,
            `overlaps ${a.vpcCidr} of ${a.code}; VPCs behind one Transit Gateway need distinct address space`,
          );
        }
      }),
    );
  }
  const used: [string, string[]][] = tenants.map((t, i) => [
    t.vpcCidr,
    s.municipalities[i]?.vpcCidr ? ['municipalities', String(i), 'vpcCidr'] : ['vpcCidr'],
  ]);
  if (s.dr.pilotLightNetwork) {
    used.push(...tenants.map((t): [string, string[]] => [t.drVpcCidr, ['dr', 'vpcCidr']]));
  }
  const reported = new Set<string>();
  for (const [block, field] of used) {
    for (const p of s.premisesCidrs) {
      if (cidrsOverlap(block, p) && !reported.has(`${block} ${p}`)) {
        reported.add(`${block} ${p}`);
        issue(field, block, `overlaps premises network ${p}; routes to the premises would break`);
      }
    }
  }
  if (s.dr.pilotLightNetwork) {
    for (const t of tenants) {
      for (const u of tenants) {
        if (cidrsOverlap(t.drVpcCidr, u.vpcCidr) && !reported.has(t.drVpcCidr)) {
          reported.add(t.drVpcCidr);
          issue(
            ['dr', 'vpcCidr'],
            t.drVpcCidr,
            `overlaps primary VPC ${u.vpcCidr}; East and West must not share addresses`,
          );
        }
      }
    }
  }
}
