import { z } from 'zod';
import {
  blockCount,
  cidrContains,
  cidrsOverlap,
  ipv4CidrProblem,
  nthBlock,
  parseIpv4,
  parseIpv4Cidr,
} from '../../../constructs/network/cidr';
import { DEFAULT_INTERFACE_ENDPOINTS } from '../../../constructs/network/endpoints';
import type { GuidanceTable } from '../guidance';
import { municipalitySchema, type Municipality } from '../municipality';
import { JAPAN_REGIONS, type JapanRegion } from '../../../domain/regions';
import { FARGATE_MEMORY } from '../../../domain/fargate';

/** Separation models for shared use (共同利用方式), TEN-1/TEN-2. */
export const TENANCY_MODES = ['account', 'vpc', 'application'] as const;
/** How municipalities are separated. */
export type TenancyMode = (typeof TENANCY_MODES)[number];

const cidr = z.string().superRefine((value, ctx) => {
  const problem = ipv4CidrProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: `CIDR ${problem}`, input: value });
  }
});

/** Narrowest prefix that still names a network rather than "almost anywhere" (NET-4). */
const BROADEST_PREMISES_PREFIX = 8;

const premisesCidr = cidr.superRefine((value, ctx) => {
  if (ipv4CidrProblem(value) === undefined) {
    const { prefix } = parseIpv4Cidr(value);
    if (prefix < BROADEST_PREMISES_PREFIX) {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message:
          prefix === 0
            ? '0.0.0.0/0 would admit every address, not only the municipal premises'
            : `/${prefix} is broader than /${BROADEST_PREMISES_PREFIX} and admits far more than the municipal premises`,
      });
    }
  }
});

const ipv4Address = z.string().refine((s) => parseIpv4(s) !== undefined, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an IPv4 address`,
});

const acmCertificateArn = z
  .string()
  .regex(/^arn:aws:acm:ap-northeast-[13]:\d{12}:certificate\/[0-9a-f-]{36}$/, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an ACM certificate ARN in ap-northeast-1 or ap-northeast-3`,
  });

const japanRegion = z.enum(JAPAN_REGIONS, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is outside Japan: backup copies may only go to ${JAPAN_REGIONS.join(' or ')}`,
});

function inRange(prefix: number): boolean {
  return prefix >= 16 && prefix <= 24;
}

/** A tenant municipality: name and code, optionally its own VPC CIDR and certificate. */
const tenantSchema = municipalitySchema.extend({
  /** Pins this municipality's VPC CIDR instead of the positional allocation. */
  vpcCidr: cidr
    .refine((c) => ipv4CidrProblem(c) !== undefined || inRange(parseIpv4Cidr(c).prefix), {
      error: (issue) => `${JSON.stringify(issue.input)} must be between /16 and /24`,
    })
    .optional(),
  /** Certificate of this municipality's own host name, instead of `certificateArn`. */
  certificateArn: acmCertificateArn.optional(),
});

/** The municipal standard-conformant sample system (標準準拠システム). */
export const systemSchema = z
  .strictObject({
    /** Deploy the sample system stacks besides the baseline. */
    enabled: z.boolean().default(false),
    /**
     * Separation model (TEN-1): `vpc` (one VPC, DB and keys per municipality; the rules'
     * default), `account` (this config is one municipality's own account), `application`
     * (shared network and application tier; needs the Digital Agency's approval, TEN-2).
     */
    tenancy: z.enum(TENANCY_MODES).default('vpc'),
    /** Reference of the Digital Agency's approval of application-level separation (TEN-2). */
    applicationSeparationApproval: z.string().trim().min(1).optional(),
    /** The municipalities served; empty means only the tenant-area owner (`municipality`). */
    municipalities: z.array(tenantSchema).default([]),
    /** The municipal premises' networks that may reach the system (NET-4). */
    premisesCidrs: z.array(premisesCidr).default([]),
    /** Address space for the VPCs; `vpc` mode cuts one block per municipality from it. */
    vpcCidr: cidr.default('10.64.0.0/16'),
    /** Size of each municipality's VPC in `vpc` mode (16-24). */
    tenantVpcPrefixLength: z.number().int().min(16).max(24).default(22),
    /** Availability zones per VPC (BAK-4: at least 2). */
    maxAzs: z.number().int().min(2).max(3).default(2),
    /**
     * Zones to use, per region (e.g. `["ap-northeast-1a", "ap-northeast-1c"]`); a region not
     * listed uses the fixed default (Tokyo a/c/d, Osaka a/b/c). Never looked up (BAK-4).
     */
    availabilityZones: z.array(z.string().regex(/^ap-northeast-[13][a-d]$/)).optional(),
    /** Transit Gateway of the Government Cloud connection service (NET-2). */
    transitGatewayId: z
      .string()
      .regex(/^tgw-[0-9a-f]{8,17}$/)
      .optional(),
    /** A virtual private gateway instead of a Transit Gateway (one VPC only). */
    vpnGatewayId: z
      .string()
      .regex(/^vgw-[0-9a-f]{8,17}$/)
      .optional(),
    /** Route 0.0.0.0/0 to the premises connection, to reach outside through 庁内 (NET-3). */
    defaultRouteToPremises: z.boolean().default(false),
    /** Hybrid DNS with the premises (NET-5). */
    resolver: z
      .strictObject({
        /** Inbound endpoint: premises resolve names of the closed network. */
        inbound: z.boolean().default(false),
        /** Outbound endpoint: the closed network resolves premises names. */
        outbound: z.boolean().default(false),
        /** Domains forwarded to premises DNS servers through the outbound endpoint. */
        forwardingRules: z
          .array(
            z.strictObject({
              domainName: z
                .string()
                .regex(/^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9-]+\.?$/i),
              targetIps: z.array(ipv4Address).min(1).max(6),
            }),
          )
          .default([]),
      })
      .optional(),
    /** Interface endpoints per VPC (each costs money per AZ and hour, see ClosedNetwork). */
    interfaceEndpoints: z
      .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/))
      .default([...DEFAULT_INTERFACE_ENDPOINTS]),
    /** ACM certificate for the internal ALB's HTTPS listener (KEY-3). */
    certificateArn: acmCertificateArn.optional(),
    /** The application container. */
    application: z
      .strictObject({
        /** Existing private ECR repository in the account; else each system creates one. */
        repositoryName: z
          .string()
          .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/)
          .min(2)
          .max(256)
          .optional(),
        /** Image tag to run (repositories are tag-immutable, so use versions). */
        imageTag: z
          .string()
          .regex(/^[\w][\w.-]{0,127}$/)
          .default('1.0.0'),
        /** Port the container listens on (plain HTTP inside the VPC, TLS ends at the ALB). */
        containerPort: z.number().int().min(1024).max(65535).default(8080),
        /** Health-check path of the target group. */
        healthCheckPath: z
          .string()
          .regex(/^\/[\x21-\x7e]*$/)
          .default('/health'),
      })
      .prefault({}),
    /** Sizes; small by default (a sample, not a sizing recommendation). */
    sizes: z
      .strictObject({
        /** Provisioned Aurora instance class, e.g. "db.r7g.large"; leave out for Serverless v2. */
        dbInstanceClass: z
          .string()
          .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/)
          .optional(),
        /** Serverless v2 minimum ACU. */
        dbMinCapacity: z.number().min(0.5).max(256).multipleOf(0.5).default(0.5),
        /** Serverless v2 maximum ACU. */
        dbMaxCapacity: z.number().min(1).max(256).multipleOf(0.5).default(2),
        /** Fargate task CPU units. */
        taskCpu: z
          .number()
          .int()
          .refine((n) => n in FARGATE_MEMORY, {
            error: (issue) =>
              `${JSON.stringify(issue.input)} is not a Fargate CPU size (${Object.keys(FARGATE_MEMORY).join(', ')})`,
          })
          .default(256),
        /** Fargate task memory in MiB (must suit taskCpu). */
        taskMemoryMiB: z.number().int().default(512),
        /** Running tasks: 0 (not started yet) or at least 2, one per AZ (BAK-4). */
        desiredCount: z.number().int().min(0).max(100).default(2),
      })
      .prefault({}),
    /** AWS Backup (BAK-1..3, REG-3). */
    backup: z
      .strictObject({
        /** Days each daily recovery point (and its copy) is kept. */
        retentionDays: z.number().int().min(1).max(36500).default(400),
        /** Vault Lock minimum retention: no one can delete a recovery point earlier (BAK-3). */
        vaultLockMinRetentionDays: z.number().int().min(1).max(36500).default(365),
        /** Days after the first deploy in which the lock can still be removed; then compliance. */
        vaultLockChangeableForDays: z.number().int().min(3).max(36500).default(3),
        /** Region of the copy (REG-3, BAK-2); defaults to drRegion. */
        copyToRegion: japanRegion.optional(),
      })
      .prefault({}),
    /** The DR region (Osaka by default): destination vaults and keys, optional network. */
    dr: z
      .strictObject({
        /** Also create a pilot-light closed network (no endpoints, no compute) per VPC. */
        pilotLightNetwork: z.boolean().default(false),
        /** Address space of the DR VPCs; must not overlap the primary one or the premises. */
        vpcCidr: cidr.default('10.80.0.0/16'),
        /** Transit Gateway in the DR region (East/West redundancy, NET-2). */
        transitGatewayId: z
          .string()
          .regex(/^tgw-[0-9a-f]{8,17}$/)
          .optional(),
      })
      .prefault({}),
    /** Monthly AWS Budgets amount per municipality, filtered on its tag (TEN-3, DET-4). */
    perTenantMonthlyBudgetUsd: z.number().positive().optional(),
    /** Create the exit path: snapshot export bucket and role per municipality (PORT-1). */
    exportSnapshots: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
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
      issue(
        ['premisesCidrs'],
        [],
        'the enabled system needs the premises networks that may use it',
      );
    }
    if (!s.certificateArn && s.municipalities.some((m) => !m.certificateArn)) {
      issue(['certificateArn'], undefined, 'the HTTPS listener needs a certificate');
    }
  })
  .prefault({});

function premisesCidrsValid(cidrs: readonly string[]): boolean {
  return cidrs.every((c) => ipv4CidrProblem(c) === undefined);
}

/** The system section as validated. */
export type SystemConfig = z.output<typeof systemSchema>;

/** What `refineSystemAgainstRoot` needs from the whole config. */
interface RootView {
  readonly municipality: Municipality;
  readonly accountId?: string;
  readonly primaryRegion: JapanRegion;
  readonly drRegion: JapanRegion;
  readonly system: SystemConfig;
}

/** One municipality served by the sample system, with its resolved network and certificate. */
export interface SystemTenant extends Municipality {
  /** VPC CIDR in the primary region (its own VPC; the shared one in `application` mode). */
  readonly vpcCidr: string;
  /** VPC CIDR of the pilot-light network in the DR region. */
  readonly drVpcCidr: string;
  /** Certificate of its HTTPS listener (unused in `application` mode: the ALB is shared). */
  readonly certificateArn: string;
}

/**
 * The municipalities of the sample system with their VPC CIDRs: in `vpc` mode the tenant
 * at position i gets the i-th `/tenantVpcPrefixLength` block of `vpcCidr` unless it pins its
 * own; in `account` and `application` mode there is one VPC with the whole `vpcCidr`.
 * Append new municipalities at the end of the list: moving one would move its VPC.
 */
export function systemTenants(root: RootView): readonly SystemTenant[] {
  const s = root.system;
  const listed: readonly (Municipality & { vpcCidr?: string; certificateArn?: string })[] =
    s.municipalities.length > 0 ? s.municipalities : [root.municipality];
  return listed.map((m, i) => {
    const own = m.vpcCidr;
    const cert = m.certificateArn ?? s.certificateArn;
    const perTenant = s.tenancy === 'vpc';
    return {
      name: m.name,
      code: m.code,
      vpcCidr: own ?? (perTenant ? nthBlock(s.vpcCidr, s.tenantVpcPrefixLength, i) : s.vpcCidr),
      // Only used with dr.pilotLightNetwork, which validation checks for fit.
      drVpcCidr: !perTenant
        ? s.dr.vpcCidr
        : i < blockCount(s.dr.vpcCidr, s.tenantVpcPrefixLength)
          ? nthBlock(s.dr.vpcCidr, s.tenantVpcPrefixLength, i)
          : '',
      certificateArn: cert ?? '',
    };
  });
}

/** The region backups are copied to (REG-3): `backup.copyToRegion`, else `drRegion`. */
export function backupCopyRegion(root: RootView): JapanRegion {
  return root.system.backup.copyToRegion ?? root.drRegion;
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

export const SYSTEM_GUIDANCE: GuidanceTable = {
  system: {
    requirement: 'TEN-1',
    fix: 'see constructs/system/README.md for the system section',
  },
  'system.enabled': { requirement: 'TEN-1', fix: 'use true or false' },
  'system.tenancy': {
    requirement: 'TEN-2',
    fix: 'use "vpc" (default: one VPC per municipality), "account", or "application" together with "applicationSeparationApproval": "<reference of the Digital Agency approval>"',
  },
  'system.applicationSeparationApproval': {
    requirement: 'TEN-2',
    fix: "give the reference of the Digital Agency's approval of application-level separation",
  },
  'system.municipalities': {
    requirement: 'TEN-1',
    fix: 'list the municipalities served as [{ "name": "<name>", "code": "<6-digit code>" }], each once; in account mode only the account owner',
  },
  'system.municipalities.*.name': {
    requirement: 'TEN-3',
    fix: 'give the municipality name in at most 100 characters',
  },
  'system.municipalities.*.code': {
    requirement: 'TEN-3',
    fix: 'use the 6-digit 全国地方公共団体コード with its check digit, each municipality once',
  },
  'system.municipalities.*.vpcCidr': {
    requirement: 'TEN-1',
    fix: 'give a canonical IPv4 CIDR (e.g. "10.64.4.0/22") overlapping no other VPC and no premises network, or leave it out',
  },
  'system.municipalities.*.certificateArn': {
    requirement: 'KEY-3',
    fix: 'give an ACM certificate ARN in primaryRegion, or leave it out to use certificateArn',
  },
  'system.premisesCidrs': {
    requirement: 'NET-4',
    fix: 'list the municipal premises networks as canonical IPv4 CIDRs no broader than /8, e.g. ["172.16.0.0/16"]; never 0.0.0.0/0',
  },
  'system.vpcCidr': {
    requirement: 'TEN-1',
    fix: 'give a canonical IPv4 CIDR between /16 and /24 large enough for one block per municipality and overlapping no premises network',
  },
  'system.tenantVpcPrefixLength': {
    requirement: 'TEN-1',
    fix: 'use a prefix length between 16 and 24 (default 22)',
  },
  'system.maxAzs': {
    requirement: 'BAK-4',
    fix: 'use 2, or 3 together with accountId or system.availabilityZones (zones are never looked up)',
  },
  'system.availabilityZones': {
    requirement: 'BAK-4',
    fix: 'list at least maxAzs zones per region, e.g. ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-3a", "ap-northeast-3b"], or leave it out for the default (Tokyo a/c/d, Osaka a/b/c)',
  },
  'system.transitGatewayId': {
    requirement: 'NET-2',
    fix: 'give the Transit Gateway id of the connection service ("tgw-" and 8-17 hex digits), or leave it out',
  },
  'system.vpnGatewayId': {
    requirement: 'NET-2',
    fix: 'give a virtual private gateway id ("vgw-…") for a single VPC, or use transitGatewayId',
  },
  'system.defaultRouteToPremises': {
    requirement: 'NET-3',
    fix: 'set true only together with transitGatewayId or vpnGatewayId',
  },
  'system.resolver': {
    requirement: 'NET-5',
    fix: 'give { "inbound": true|false, "outbound": true|false, "forwardingRules": [{ "domainName": "<zone>", "targetIps": ["<premises DNS>"] }] }',
  },
  'system.resolver.forwardingRules': {
    requirement: 'NET-5',
    fix: 'forward only through the outbound endpoint to DNS servers inside premisesCidrs',
  },
  'system.interfaceEndpoints': {
    requirement: 'NET-1',
    fix: `list interface endpoint service names once each, e.g. ${JSON.stringify(DEFAULT_INTERFACE_ENDPOINTS)}`,
  },
  'system.certificateArn': {
    requirement: 'KEY-3',
    fix: 'give the ARN of an ACM certificate in primaryRegion (arn:aws:acm:<region>:<account>:certificate/<uuid>)',
  },
  'system.application': {
    requirement: 'LOG-5',
    fix: 'see constructs/system/README.md for the application section',
  },
  'system.application.repositoryName': {
    requirement: 'NET-1',
    fix: 'give the name of a private ECR repository in the account, or leave it out',
  },
  'system.application.imageTag': {
    requirement: 'PORT-2',
    fix: 'give an image tag of letters, digits, ".", "_" and "-", e.g. "1.0.0"',
  },
  'system.application.containerPort': {
    requirement: 'NET-4',
    fix: 'use an unprivileged port 1024-65535 (default 8080)',
  },
  'system.application.healthCheckPath': {
    requirement: 'BAK-4',
    fix: 'give a path starting with "/", e.g. "/health"',
  },
  'system.sizes': { requirement: 'BAK-4', fix: 'see constructs/system/README.md for sizes' },
  'system.sizes.dbInstanceClass': {
    requirement: 'BAK-4',
    fix: 'give an Aurora PostgreSQL instance class such as "db.r7g.large", or leave it out for Serverless v2',
  },
  'system.sizes.dbMinCapacity': {
    requirement: 'BAK-4',
    fix: 'use 0.5-256 ACU in steps of 0.5, not above dbMaxCapacity',
  },
  'system.sizes.dbMaxCapacity': {
    requirement: 'BAK-4',
    fix: 'use 1-256 ACU in steps of 0.5',
  },
  'system.sizes.taskCpu': { requirement: 'BAK-4', fix: 'use 256, 512, 1024, 2048 or 4096' },
  'system.sizes.taskMemoryMiB': {
    requirement: 'BAK-4',
    fix: 'use a memory size Fargate accepts for taskCpu (256 → 512/1024/2048, 512 → 1024-4096, …)',
  },
  'system.sizes.desiredCount': {
    requirement: 'BAK-4',
    fix: 'use 2 or more (one task per AZ), or 0 before the first image is pushed',
  },
  'system.backup': { requirement: 'BAK-1', fix: 'see constructs/system/README.md for backup' },
  'system.backup.retentionDays': {
    requirement: 'BAK-3',
    fix: 'keep recovery points at least vaultLockMinRetentionDays days (default 400)',
  },
  'system.backup.vaultLockMinRetentionDays': {
    requirement: 'BAK-3',
    fix: 'give the minimum retention in days (default 365), not above retentionDays',
  },
  'system.backup.vaultLockChangeableForDays': {
    requirement: 'BAK-3',
    fix: 'use 3 or more days; after them the Vault Lock can never be removed (compliance mode)',
  },
  'system.backup.copyToRegion': {
    requirement: 'REG-3',
    fix: 'use the other Japanese region: "ap-northeast-3" (Osaka) when primaryRegion is Tokyo, "ap-northeast-1" when it is Osaka, or leave it out to use drRegion',
  },
  'system.dr': { requirement: 'BAK-4', fix: 'see constructs/system/README.md for dr' },
  'system.dr.pilotLightNetwork': { requirement: 'BAK-4', fix: 'use true or false' },
  'system.dr.vpcCidr': {
    requirement: 'BAK-4',
    fix: 'give a canonical IPv4 CIDR overlapping neither the primary VPCs nor the premises networks',
  },
  'system.dr.transitGatewayId': {
    requirement: 'NET-2',
    fix: 'give the DR-region Transit Gateway id ("tgw-…"), or leave it out',
  },
  'system.perTenantMonthlyBudgetUsd': {
    requirement: 'TEN-3',
    fix: 'give a positive number of US dollars per municipality and month, or leave it out',
  },
  'system.exportSnapshots': { requirement: 'PORT-1', fix: 'use true or false' },
};
