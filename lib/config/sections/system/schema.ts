import { z } from 'zod';
import { ipv4CidrProblem, parseIpv4, parseIpv4Cidr } from '../../../../constructs/core/cidr';
import { DEFAULT_INTERFACE_ENDPOINTS } from '../../../../constructs/network/endpoints';
import { municipalitySchema } from '../../municipality';
import { JAPAN_REGIONS } from '../../../../domain/regions';
import { FARGATE_MEMORY } from '../../../../domain/fargate';

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
  name: municipalitySchema.shape.name.meta({
    requirement: 'TEN-3',
    fix: 'give the municipality name in at most 100 characters',
  }),
  code: municipalitySchema.shape.code.meta({
    requirement: 'TEN-3',
    fix: 'use the 6-digit 全国地方公共団体コード with its check digit, each municipality once',
  }),
  /** Pins this municipality's VPC CIDR instead of the positional allocation. */
  vpcCidr: cidr
    .refine((c) => ipv4CidrProblem(c) !== undefined || inRange(parseIpv4Cidr(c).prefix), {
      error: (issue) => `${JSON.stringify(issue.input)} must be between /16 and /24`,
    })
    .optional()
    .meta({
      requirement: 'TEN-1',
      fix: 'give a canonical IPv4 CIDR (e.g. "10.64.4.0/22") overlapping no other VPC and no premises network, or leave it out',
    }),
  /** Certificate of this municipality's own host name, instead of `certificateArn`. */
  certificateArn: acmCertificateArn.optional().meta({
    requirement: 'KEY-3',
    fix: 'give an ACM certificate ARN in primaryRegion, or leave it out to use certificateArn',
  }),
});

/**
 * The fields of the municipal standard-conformant sample system (標準準拠システム), each with
 * its guidance; the checks across fields are in `refinements.ts`.
 */
export const systemFields = z.strictObject({
  /** Deploy the sample system stacks besides the baseline. */
  enabled: z.boolean().default(false).meta({ requirement: 'TEN-1', fix: 'use true or false' }),
  /**
   * Separation model (TEN-1): `vpc` (one VPC, DB and keys per municipality; the rules'
   * default), `account` (this config is one municipality's own account), `application`
   * (shared network and application tier; needs the Digital Agency's approval, TEN-2).
   */
  tenancy: z.enum(TENANCY_MODES).default('vpc').meta({
    requirement: 'TEN-2',
    fix: 'use "vpc" (default: one VPC per municipality), "account", or "application" together with "applicationSeparationApproval": "<reference of the Digital Agency approval>"',
  }),
  /** Reference of the Digital Agency's approval of application-level separation (TEN-2). */
  applicationSeparationApproval: z.string().trim().min(1).optional().meta({
    requirement: 'TEN-2',
    fix: "give the reference of the Digital Agency's approval of application-level separation",
  }),
  /** The municipalities served; empty means only the tenant-area owner (`municipality`). */
  municipalities: z.array(tenantSchema).default([]).meta({
    requirement: 'TEN-1',
    fix: 'list the municipalities served as [{ "name": "<name>", "code": "<6-digit code>" }], each once; in account mode only the account owner',
  }),
  /** The municipal premises' networks that may reach the system (NET-4). */
  premisesCidrs: z.array(premisesCidr).default([]).meta({
    requirement: 'NET-4',
    fix: 'list the municipal premises networks as canonical IPv4 CIDRs no broader than /8, e.g. ["172.16.0.0/16"]; never 0.0.0.0/0',
  }),
  /** Address space for the VPCs; `vpc` mode cuts one block per municipality from it. */
  vpcCidr: cidr.default('10.64.0.0/16').meta({
    requirement: 'TEN-1',
    fix: 'give a canonical IPv4 CIDR between /16 and /24 large enough for one block per municipality and overlapping no premises network',
  }),
  /** Size of each municipality's VPC in `vpc` mode (16-24). */
  tenantVpcPrefixLength: z.number().int().min(16).max(24).default(22).meta({
    requirement: 'TEN-1',
    fix: 'use a prefix length between 16 and 24 (default 22)',
  }),
  /** Availability zones per VPC (BAK-4: at least 2). */
  maxAzs: z.number().int().min(2).max(3).default(2).meta({
    requirement: 'BAK-4',
    fix: 'use 2, or 3 together with accountId or system.availabilityZones (zones are never looked up)',
  }),
  /**
   * Zones to use, per region (e.g. `["ap-northeast-1a", "ap-northeast-1c"]`); a region not
   * listed uses the fixed default (Tokyo a/c/d, Osaka a/b/c). Never looked up (BAK-4).
   */
  availabilityZones: z
    .array(z.string().regex(/^ap-northeast-[13][a-d]$/))
    .optional()
    .meta({
      requirement: 'BAK-4',
      fix: 'list at least maxAzs zones per region, e.g. ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-3a", "ap-northeast-3b"], or leave it out for the default (Tokyo a/c/d, Osaka a/b/c)',
    }),
  /** Transit Gateway of the Government Cloud connection service (NET-2). */
  transitGatewayId: z
    .string()
    .regex(/^tgw-[0-9a-f]{8,17}$/)
    .optional()
    .meta({
      requirement: 'NET-2',
      fix: 'give the Transit Gateway id of the connection service ("tgw-" and 8-17 hex digits), or leave it out',
    }),
  /** A virtual private gateway instead of a Transit Gateway (one VPC only). */
  vpnGatewayId: z
    .string()
    .regex(/^vgw-[0-9a-f]{8,17}$/)
    .optional()
    .meta({
      requirement: 'NET-2',
      fix: 'give a virtual private gateway id ("vgw-…") for a single VPC, or use transitGatewayId',
    }),
  /** Route 0.0.0.0/0 to the premises connection, to reach outside through 庁内 (NET-3). */
  defaultRouteToPremises: z.boolean().default(false).meta({
    requirement: 'NET-3',
    fix: 'set true only together with transitGatewayId or vpnGatewayId',
  }),
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
        .default([])
        .meta({
          requirement: 'NET-5',
          fix: 'forward only through the outbound endpoint to DNS servers inside premisesCidrs',
        }),
    })
    .optional()
    .meta({
      requirement: 'NET-5',
      fix: 'give { "inbound": true|false, "outbound": true|false, "forwardingRules": [{ "domainName": "<zone>", "targetIps": ["<premises DNS>"] }] }',
    }),
  /** Interface endpoints per VPC (each costs money per AZ and hour, see ClosedNetwork). */
  interfaceEndpoints: z
    .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/))
    .default([...DEFAULT_INTERFACE_ENDPOINTS])
    .meta({
      requirement: 'NET-1',
      fix: `list interface endpoint service names once each, e.g. ${JSON.stringify(DEFAULT_INTERFACE_ENDPOINTS)}`,
    }),
  /** ACM certificate for the internal ALB's HTTPS listener (KEY-3). */
  certificateArn: acmCertificateArn.optional().meta({
    requirement: 'KEY-3',
    fix: 'give the ARN of an ACM certificate in primaryRegion (arn:aws:acm:<region>:<account>:certificate/<uuid>)',
  }),
  /** The application container. */
  application: z
    .strictObject({
      /** Existing private ECR repository in the account; else each system creates one. */
      repositoryName: z
        .string()
        .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/)
        .min(2)
        .max(256)
        .optional()
        .meta({
          requirement: 'NET-1',
          fix: 'give the name of a private ECR repository in the account, or leave it out',
        }),
      /** Image tag to run (repositories are tag-immutable, so use versions). */
      imageTag: z
        .string()
        .regex(/^[\w][\w.-]{0,127}$/)
        .default('1.0.0')
        .meta({
          requirement: 'PORT-2',
          fix: 'give an image tag of letters, digits, ".", "_" and "-", e.g. "1.0.0"',
        }),
      /** Port the container listens on (plain HTTP inside the VPC, TLS ends at the ALB). */
      containerPort: z.number().int().min(1024).max(65535).default(8080).meta({
        requirement: 'NET-4',
        fix: 'use an unprivileged port 1024-65535 (default 8080)',
      }),
      /** Health-check path of the target group. */
      healthCheckPath: z
        .string()
        .regex(/^\/[\x21-\x7e]*$/)
        .default('/health')
        .meta({
          requirement: 'BAK-4',
          fix: 'give a path starting with "/", e.g. "/health"',
        }),
    })
    .prefault({})
    .meta({
      requirement: 'LOG-5',
      fix: 'see constructs/system/README.md for the application section',
    }),
  /** Sizes; small by default (a sample, not a sizing recommendation). */
  sizes: z
    .strictObject({
      /** Provisioned Aurora instance class, e.g. "db.r7g.large"; leave out for Serverless v2. */
      dbInstanceClass: z
        .string()
        .regex(/^db\.[a-z0-9-]+\.[a-z0-9]+$/)
        .optional()
        .meta({
          requirement: 'BAK-4',
          fix: 'give an Aurora PostgreSQL instance class such as "db.r7g.large", or leave it out for Serverless v2',
        }),
      /** Serverless v2 minimum ACU. */
      dbMinCapacity: z.number().min(0.5).max(256).multipleOf(0.5).default(0.5).meta({
        requirement: 'BAK-4',
        fix: 'use 0.5-256 ACU in steps of 0.5, not above dbMaxCapacity',
      }),
      /** Serverless v2 maximum ACU. */
      dbMaxCapacity: z.number().min(1).max(256).multipleOf(0.5).default(2).meta({
        requirement: 'BAK-4',
        fix: 'use 1-256 ACU in steps of 0.5',
      }),
      /** Fargate task CPU units. */
      taskCpu: z
        .number()
        .int()
        .refine((n) => n in FARGATE_MEMORY, {
          error: (issue) =>
            `${JSON.stringify(issue.input)} is not a Fargate CPU size (${Object.keys(FARGATE_MEMORY).join(', ')})`,
        })
        .default(256)
        .meta({ requirement: 'BAK-4', fix: 'use 256, 512, 1024, 2048 or 4096' }),
      /** Fargate task memory in MiB (must suit taskCpu). */
      taskMemoryMiB: z.number().int().default(512).meta({
        requirement: 'BAK-4',
        fix: 'use a memory size Fargate accepts for taskCpu (256 → 512/1024/2048, 512 → 1024-4096, …)',
      }),
      /** Running tasks: 0 (not started yet) or at least 2, one per AZ (BAK-4). */
      desiredCount: z.number().int().min(0).max(100).default(2).meta({
        requirement: 'BAK-4',
        fix: 'use 2 or more (one task per AZ), or 0 before the first image is pushed',
      }),
    })
    .prefault({})
    .meta({ requirement: 'BAK-4', fix: 'see constructs/system/README.md for sizes' }),
  /** AWS Backup (BAK-1..3, REG-3). */
  backup: z
    .strictObject({
      /** Days each daily recovery point (and its copy) is kept. */
      retentionDays: z.number().int().min(1).max(36500).default(400).meta({
        requirement: 'BAK-3',
        fix: 'keep recovery points at least vaultLockMinRetentionDays days (default 400)',
      }),
      /** Vault Lock minimum retention: no one can delete a recovery point earlier (BAK-3). */
      vaultLockMinRetentionDays: z.number().int().min(1).max(36500).default(365).meta({
        requirement: 'BAK-3',
        fix: 'give the minimum retention in days (default 365), not above retentionDays',
      }),
      /** Days after the first deploy in which the lock can still be removed; then compliance. */
      vaultLockChangeableForDays: z.number().int().min(3).max(36500).default(3).meta({
        requirement: 'BAK-3',
        fix: 'use 3 or more days; after them the Vault Lock can never be removed (compliance mode)',
      }),
      /** Region of the copy (REG-3, BAK-2); defaults to drRegion. */
      copyToRegion: japanRegion.optional().meta({
        requirement: 'REG-3',
        fix: 'use the other Japanese region: "ap-northeast-3" (Osaka) when primaryRegion is Tokyo, "ap-northeast-1" when it is Osaka, or leave it out to use drRegion',
      }),
    })
    .prefault({})
    .meta({ requirement: 'BAK-1', fix: 'see constructs/system/README.md for backup' }),
  /** The DR region (Osaka by default): destination vaults and keys, optional network. */
  dr: z
    .strictObject({
      /** Also create a pilot-light closed network (no endpoints, no compute) per VPC. */
      pilotLightNetwork: z
        .boolean()
        .default(false)
        .meta({ requirement: 'BAK-4', fix: 'use true or false' }),
      /** Address space of the DR VPCs; must not overlap the primary one or the premises. */
      vpcCidr: cidr.default('10.80.0.0/16').meta({
        requirement: 'BAK-4',
        fix: 'give a canonical IPv4 CIDR overlapping neither the primary VPCs nor the premises networks',
      }),
      /** Transit Gateway in the DR region (East/West redundancy, NET-2). */
      transitGatewayId: z
        .string()
        .regex(/^tgw-[0-9a-f]{8,17}$/)
        .optional()
        .meta({
          requirement: 'NET-2',
          fix: 'give the DR-region Transit Gateway id ("tgw-…"), or leave it out',
        }),
    })
    .prefault({})
    .meta({ requirement: 'BAK-4', fix: 'see constructs/system/README.md for dr' }),
  /** Monthly AWS Budgets amount per municipality, filtered on its tag (TEN-3, DET-4). */
  perTenantMonthlyBudgetUsd: z.number().positive().optional().meta({
    requirement: 'TEN-3',
    fix: 'give a positive number of US dollars per municipality and month, or leave it out',
  }),
  /** Create the exit path: snapshot export bucket and role per municipality (PORT-1). */
  exportSnapshots: z
    .boolean()
    .default(false)
    .meta({ requirement: 'PORT-1', fix: 'use true or false' }),
});

/** The system section as validated (the checks across fields add no fields). */
export type SystemConfig = z.output<typeof systemFields>;
