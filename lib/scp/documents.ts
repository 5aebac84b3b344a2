import {
  BASELINE_IAM_PATH,
  DEFAULT_BASELINE_TAG,
  type PolicyStatementJson,
  type BaselineTag,
  type PolicyDocumentJson,
} from '../../constructs/guardrails';
import { GovCloudError } from '../../constructs/core/errors';
import {
  baselineProtectionStatements,
  exemptPrincipals,
  GLOBAL_SERVICE_ACTIONS,
  regionGuardStatement,
  residencyStatements,
} from '../../constructs/guardrails/scp-statements';
import { isJapanRegion, JAPAN_REGIONS } from '../../domain/regions';

/** AWS Organizations' size limit for one SCP, in characters of the minified document. */
export const SCP_MAX_BYTES = 5120;
/** AWS Organizations attaches at most 5 SCPs to one account or OU (FullAWSAccess included). */
export const SCP_MAX_DOCUMENTS = 5;

/**
 * Principals the SCPs never deny: the roles that deploy and update the baseline itself
 * (StackSets, self-managed and service-managed, and Control Tower). Without this exemption
 * the organization could not roll out a new baseline version.
 */
export const DEFAULT_SCP_EXEMPT_PRINCIPALS: readonly string[] = [
  'arn:aws:iam::*:role/stacksets-exec-*',
  'arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole',
  'arn:aws:iam::*:role/AWSControlTowerExecution',
];

/** Inputs of {@link buildScpDocuments}; every field has a safe default. */
export interface ScpDocumentsInput {
  /**
   * Regions left open; a subset of Tokyo and Osaka.
   * @default ['ap-northeast-1', 'ap-northeast-3']
   */
  readonly allowedRegions?: readonly string[];
  /**
   * Global-service actions exempt beyond GLOBAL_SERVICE_ACTIONS.
   * @default - none
   */
  readonly additionalGlobalActions?: readonly string[];
  /**
   * Tag marking baseline resources in every member account.
   * @default DEFAULT_BASELINE_TAG
   */
  readonly baselineTag?: BaselineTag;
  /**
   * IAM path of the baseline roles and policies in every member account.
   * @default BASELINE_IAM_PATH
   */
  readonly iamPath?: string;
  /**
   * Bucket ARN patterns of the archive buckets in every member account, e.g.
   * `arn:aws:s3:::govcloud-jp-audit-*`; their objects (`/*`) are covered too. S3 evaluates
   * `aws:ResourceTag` only with bucket ABAC on, so the tag alone does not protect them.
   * @default - none: archive buckets are not protected by the SCP
   */
  readonly protectedBucketArns?: readonly string[];
  /**
   * Principals exempt from both SCPs (ArnLike patterns).
   * @default DEFAULT_SCP_EXEMPT_PRINCIPALS
   */
  readonly exemptPrincipalArns?: readonly string[];
}

/** One Service Control Policy, ready to paste into AWS Organizations. */
export interface ScpDocument {
  /** Policy name to use in Organizations. */
  readonly name: string;
  /** File name under `cdk.out/scp/`. */
  readonly fileName: string;
  /** What the policy enforces, with its requirement IDs. */
  readonly description: string;
  /** The policy. */
  readonly document: PolicyDocumentJson;
  /** The minified JSON text. */
  readonly json: string;
  /** Size of `json` in bytes (ASCII, so also characters). */
  readonly bytes: number;
}

/**
 * The SCP documents for whoever owns the organization (the Digital Agency / a group
 * operator): the Region guard (REG-2), the residency guard (REG-3) and the baseline protection (LOG-2, RET-2, KEY-2,
 * IAM-2), the same statements the in-account guard policies use. Pure: same input, same
 * documents. Throws when a document exceeds {@link SCP_MAX_BYTES} or there are more than
 * {@link SCP_MAX_DOCUMENTS}.
 */
export function buildScpDocuments(input: ScpDocumentsInput = {}): ScpDocument[] {
  const allowedRegions = input.allowedRegions ?? JAPAN_REGIONS;
  for (const region of allowedRegions) {
    if (!isJapanRegion(region)) {
      throw new GovCloudError({
        code: 'ScpRegionOutsideJapan',
        problem: `buildScpDocuments allowedRegions "${region}" is outside Japan`,
        requirement: 'REG-1',
        fix: 'use ap-northeast-1 (Tokyo) or ap-northeast-3 (Osaka).',
      });
    }
  }
  const exempt = input.exemptPrincipalArns ?? DEFAULT_SCP_EXEMPT_PRINCIPALS;
  const protection = baselineProtectionStatements({
    partition: 'aws',
    account: '*',
    resourceArns: (input.protectedBucketArns ?? []).flatMap((arn) => [arn, `${arn}/*`]),
    roleArns: [],
    iamPath: input.iamPath ?? BASELINE_IAM_PATH,
    tag: input.baselineTag ?? DEFAULT_BASELINE_TAG,
    exemptPrincipalArns: exempt,
  });
  const documents = [
    scp(
      'govcloud-jp-region-guard',
      'region-guard.json',
      'Deny all but global services outside ap-northeast-1/ap-northeast-3 (REG-2)',
      [
        regionGuardStatement({
          allowedRegions,
          notActions: [
            ...new Set([...GLOBAL_SERVICE_ACTIONS, ...(input.additionalGlobalActions ?? [])]),
          ],
          exemptPrincipalArns: exempt,
        }),
      ],
    ),
    scp(
      'govcloud-jp-residency-guard',
      'residency-guard.json',
      'Deny replication, copies, cross-Region targets and log destinations outside ap-northeast-1/ap-northeast-3 (REG-2, REG-3)',
      residencyStatements({ allowedRegions, exemptPrincipalArns: exempt }),
    ),
    scp(
      'govcloud-jp-baseline-protection',
      'baseline-protection.json',
      'Deny tampering with the baseline audit trail, archive, keys, log groups, stacks and IAM (LOG-2, RET-2, KEY-2)',
      protection.filter((s) => !IDENTITY_SIDS.has(s.Sid ?? '')),
    ),
    scp(
      'govcloud-jp-detection-identity-guard',
      'detection-identity-guard.json',
      'Deny switching off detection, roles without the baseline boundary, IAM users, re-using exempt role names and deleting the area (DET-3, IAM-2, LOG-2)',
      [
        ...protection.filter((s) => IDENTITY_SIDS.has(s.Sid ?? '')),
        exemptNameHoleStatement(exempt),
      ],
    ),
  ];
  if (documents.length > SCP_MAX_DOCUMENTS) {
    throw new GovCloudError({
      code: 'ScpTooManyDocuments',
      problem: `buildScpDocuments produced ${documents.length} documents`,
      requirement: 'LOG-2',
      fix: `AWS Organizations attaches at most ${SCP_MAX_DOCUMENTS} SCPs per target; merge statements.`,
    });
  }
  for (const doc of documents) {
    if (doc.bytes > SCP_MAX_BYTES) {
      throw new Error(
        `buildScpDocuments ${doc.fileName} is ${doc.bytes} bytes [LOG-2, REG-2]: the AWS Organizations limit is ${SCP_MAX_BYTES}; shorten protectedBucketArns, additionalGlobalActions or exemptPrincipalArns.`,
      );
    }
  }
  return documents;
}

/** Statements of the second protection document (one document would exceed SCP_MAX_BYTES). */
const IDENTITY_SIDS = new Set([
  'DenyAuditServiceTamper',
  'DenyRolesWithoutBaselineBoundary',
  'DenyIamUsers',
  'DenyAreaDeletion',
]);

/**
 * An exemption by role name is a hole unless nobody else can create, re-trust or empower a
 * role of that name (the pattern Control Tower's own SCPs use for AWSControlTowerExecution):
 * otherwise an operator creates `stacksets-exec-x` and acts as it, free of every SCP.
 */
function exemptNameHoleStatement(exempt: readonly string[]): PolicyStatementJson {
  return exemptPrincipals(
    {
      Sid: 'DenyExemptRoleNames',
      Effect: 'Deny',
      Action: [
        'iam:CreateRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:AttachRolePolicy',
        'iam:PutRolePolicy',
        'iam:DeleteRolePermissionsBoundary',
        'iam:PutRolePermissionsBoundary',
        'iam:DetachRolePolicy',
        'iam:DeleteRolePolicy',
      ],
      Resource: [...exempt],
    },
    exempt,
  );
}

function scp(
  name: string,
  fileName: string,
  description: string,
  statements: PolicyDocumentJson['Statement'],
): ScpDocument {
  const document: PolicyDocumentJson = { Version: '2012-10-17', Statement: statements };
  const json = JSON.stringify(document);
  return { name, fileName, description, document, json, bytes: Buffer.byteLength(json, 'utf8') };
}
