import { z } from 'zod';
import { localGovernmentCode, municipalitySchema } from './municipality';
import { JAPAN_REGIONS } from '../../domain/regions';
import { DEFAULT_LOG_RETENTION_DAYS, LOG_RETENTION_DAYS_ALLOWED } from '../../domain/retention';
import { ENVIRONMENT_TAG, ENVIRONMENTS, MUNICIPALITY_TAG, SYSTEM_TAG } from '../../domain/tags';
import { STACK_NAME_MAX_LENGTH, SYSTEM_NAME_MAX_LENGTH } from './stack-names';
import { accessSchema } from './sections/access';
import { detectionSchema } from './sections/detection';
import { platformSchema, refinePlatformAgainstRoot } from './sections/platform';
import { nonFunctionalSchema, refineNonFunctionalAgainstRoot } from './sections/non-functional';
import { refineSystemAgainstRoot, systemSchema } from './sections/system';

const region = z.enum(JAPAN_REGIONS, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a Japanese region (only ${JAPAN_REGIONS.join(', ')})`,
});

// Kept in their own file so that config sections can use them without an import cycle.
export { localGovernmentCode, municipalitySchema };

export { DEFAULT_LOG_RETENTION_DAYS };

const retentionDays = z
  .number()
  .int()
  .refine((n) => (LOG_RETENTION_DAYS_ALLOWED as readonly number[]).includes(n), {
    error: (issue) =>
      `${JSON.stringify(issue.input)} days is not allowed: retention must be at least 365 days and one of the values CloudWatch Logs accepts`,
  });

/**
 * One acknowledged finding (承認済みの指摘): a rule that may stay non-compliant at a path, and
 * why. Recorded with its reason in the evidence and the report (EVD-1, EVD-2).
 */
const acknowledgement = z.strictObject({
  /** Rule ID as the validation report prints it, e.g. `GCJ-TEN2-ApplicationTenancy`. */
  rule: z.string().regex(/^[\w.:-]{1,200}$/),
  /** Construct path (or path prefix ending in `/*`); every stack when left out. */
  path: z.string().min(1).max(1000).optional(),
  /** Why the finding is acceptable (at least 10 characters, as cdk-nag asks). */
  reason: z.string().trim().min(10).max(1000),
  /** Who approved it (e.g. the CISO or the Digital Agency). */
  approvedBy: z.string().trim().min(1).max(200).optional(),
  /** Approval document or ticket reference. */
  reference: z.string().trim().min(1).max(200).optional(),
});

/** Tags a config may add: 50 per resource (AWS) minus the library's four. */
export const MAX_CONFIG_TAGS = 46;
const STANDARD_TAG_KEYS = [ENVIRONMENT_TAG, MUNICIPALITY_TAG, SYSTEM_TAG];

const tagKey = z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u);
const tagValue = z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u);

export const configSchema = z
  .strictObject({
    /** The municipality that owns the tenant area (個別領域). */
    municipality: municipalitySchema.meta({
      requirement: 'TEN-3',
      fix: 'give "municipality": { "name": "<name>", "code": "<6-digit code>" }',
    }),
    /** Short system name used in stack names, e.g. "juki" (住民基本台帳). */
    systemName: z
      .string()
      .regex(new RegExp(`^[A-Za-z][A-Za-z0-9-]{0,${SYSTEM_NAME_MAX_LENGTH - 1}}$`), {
        error: `is not 1-${SYSTEM_NAME_MAX_LENGTH} letters, digits or hyphens starting with a letter: it begins every stack name (e.g. <systemName>-SystemDr-Shared-Osaka), and CloudFormation takes stack names of at most ${STACK_NAME_MAX_LENGTH} characters matching [A-Za-z][A-Za-z0-9-]*`,
      })
      .meta({
        requirement: 'IAM-6',
        fix: 'use 1-30 letters, digits or hyphens starting with a letter, e.g. "juki" (half-width, 半角英数字)',
      }),
    /**
     * Purpose of the tenant area (IAM-6): production, staging (検証) or dr (災害対策);
     * development only with `platform.ciCd` (GCAS guide 「ガバメントクラウド利用概要(AWS編)」 §1.1).
     */
    environment: z.enum(ENVIRONMENTS).meta({
      requirement: 'IAM-6',
      fix: 'set environment to "production", "staging" (検証) or "dr"; "development" only for a system with CI/CD, stated with "platform": { "ciCd": true } (GCAS guide 「ガバメントクラウド利用概要(AWS編)」 §1.1, Digital Agency)',
    }),
    /** Home region (Tokyo by default). */
    primaryRegion: region.default('ap-northeast-1').meta({
      requirement: 'REG-1',
      fix: 'set primaryRegion to "ap-northeast-1" (Tokyo) or "ap-northeast-3" (Osaka)',
    }),
    /** DR / backup region (Osaka by default); must differ from the primary. */
    drRegion: region.default('ap-northeast-3').meta({
      requirement: 'REG-1',
      fix: 'set drRegion to the other of "ap-northeast-1" / "ap-northeast-3"',
    }),
    /** The tenant account (12 digits); leave out to synthesize environment-agnostic templates. */
    accountId: z
      .string()
      .regex(/^\d{12}$/)
      .optional()
      .meta({ requirement: 'PORT-2', fix: 'use the 12-digit AWS account id, or leave it out' }),
    /** Retention of every log group and of the archive's Object Lock (RET-1). */
    logRetentionDays: retentionDays.default(DEFAULT_LOG_RETENTION_DAYS).meta({
      requirement: 'RET-1',
      fix: `use one of ${LOG_RETENTION_DAYS_ALLOWED.join(', ')} (default ${DEFAULT_LOG_RETENTION_DAYS})`,
    }),
    /** Object Lock mode of the audit archive (RET-2). */
    objectLockMode: z.enum(['COMPLIANCE', 'GOVERNANCE']).default('COMPLIANCE').meta({
      requirement: 'RET-2',
      fix: 'use "COMPLIANCE" (default), or "GOVERNANCE" together with "governanceModeReason": "<why>"',
    }),
    /** Required to use GOVERNANCE: why privileged users must be able to shorten retention. */
    governanceModeReason: z.string().trim().min(1).optional().meta({
      requirement: 'RET-2',
      fix: 'give a non-empty reason, or remove it together with objectLockMode GOVERNANCE',
    }),
    /** Days after which archived logs move to colder storage (RET-3). */
    archiveColdStorageAfterDays: z.number().int().min(30).max(3650).default(90).meta({
      requirement: 'RET-3',
      fix: 'use a whole number of days between 30 and 3650 (default 90)',
    }),
    /** Who receives security alerts (DET-3). Required for production. */
    notificationEmails: z.array(z.email()).default([]).meta({
      requirement: 'DET-3',
      fix: 'list the addresses that receive security alerts, e.g. ["security@example.lg.jp"]',
    }),
    /** Extra tags for every resource (cost allocation, ownership). */
    tags: z.record(tagKey, tagValue).default({}).meta({
      requirement: 'DET-4',
      fix: 'use at most 46 tags with string keys (1-128 chars, not "aws:…", not Environment/MunicipalityCode/System) and string values (0-256 chars) of letters, digits, spaces and _.:/=+-@',
    }),
    /** Findings accepted on purpose, each with a reason (EVD-1). */
    acknowledgements: z.array(acknowledgement).max(500).default([]).meta({
      requirement: 'EVD-1',
      fix: 'give [{ "rule": "<rule id>", "path": "<construct path, optional>", "reason": "<why, 10+ characters>", "approvedBy": "<optional>", "reference": "<optional>" }]',
    }),
    access: accessSchema.meta({
      requirement: 'IAM-2',
      fix: 'see README "Permission model" for the access section',
    }),
    detection: detectionSchema.meta({
      requirement: 'DET-2',
      fix: 'see README "Writing a config file" for the detection section',
    }),
    system: systemSchema.meta({
      requirement: 'TEN-1',
      fix: 'see constructs/system/README.md for the system section',
    }),
    platform: platformSchema.meta({
      requirement: 'PLAT-1',
      fix: 'use "standalone" or "gcas", or an object { "mode": "gcas", "guardDuty": "create", … } (see README "Platform mode")',
    }),
    /** Non-functional levels of the municipal standard (AVL-1, AVL-2, PORT-3). */
    nonFunctional: nonFunctionalSchema,
  })
  .superRefine((c, ctx) => {
    if (c.primaryRegion === c.drRegion) {
      ctx.addIssue({
        code: 'custom',
        path: ['drRegion'],
        input: c.drRegion,
        message: `drRegion equals primaryRegion (${c.primaryRegion}); the backup copy must go to the other Japanese region`,
      });
    }
    if (c.objectLockMode === 'GOVERNANCE' && !c.governanceModeReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['objectLockMode'],
        input: c.objectLockMode,
        message:
          'GOVERNANCE lets privileged users shorten or remove retention, so it needs an explicit opt-in',
      });
    }
    if (c.environment === 'production' && c.notificationEmails.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['notificationEmails'],
        input: c.notificationEmails,
        message: 'a production tenant area needs at least one address to receive security alerts',
      });
    }
    const tagKeys = Object.keys(c.tags);
    if (tagKeys.length > MAX_CONFIG_TAGS) {
      ctx.addIssue({
        code: 'custom',
        path: ['tags'],
        input: `${tagKeys.length} tags`,
        message: `${tagKeys.length} tags, but a resource takes at most 50 and the library adds ${50 - MAX_CONFIG_TAGS} of its own (Environment, MunicipalityCode, System, govcloud-jp:tenancy); CloudFormation would refuse every resource`,
      });
    }
    for (const key of tagKeys) {
      if (/^aws:/i.test(key) || STANDARD_TAG_KEYS.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tags', key],
          input: key,
          message: /^aws:/i.test(key)
            ? 'tag keys starting with "aws:" are reserved by AWS'
            : `"${key}" is set by the library from the config (environment, municipality, systemName)`,
        });
      }
    }
    refineSystemAgainstRoot(c, ctx);
    refinePlatformAgainstRoot(c, ctx);
    refineNonFunctionalAgainstRoot(c, ctx);
  });

/** The validated, defaulted configuration of one municipality/system. */
export type GovCloudConfig = z.output<typeof configSchema>;
/** What a config file may contain (defaults not yet applied). */
export type GovCloudConfigInput = z.input<typeof configSchema>;
