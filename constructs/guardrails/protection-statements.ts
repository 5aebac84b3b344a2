import { exemptPrincipals, type PolicyStatementJson } from './policy-json';

/**
 * The tag that marks a resource as part of the baseline (ベースライン). Resources carrying it
 * are protected by tag-scoped denies, and nobody covered by the guard may add, change or
 * remove it.
 */
export interface BaselineTag {
  /** Tag key; must not start with `aws:`. */
  readonly key: string;
  /** Tag value. */
  readonly value: string;
}

/** `govcloud-jp:baseline` = `protected`. */
export const DEFAULT_BASELINE_TAG: BaselineTag = {
  key: 'govcloud-jp:baseline',
  value: 'protected',
};

/**
 * IAM path of every role and managed policy the baseline owns. Protecting the path rather
 * than individual ARNs lets the guard protect itself and the roles it is attached to without
 * a circular reference in CloudFormation.
 */
export const BASELINE_IAM_PATH = '/govcloud-jp-baseline/';

/**
 * Account-wide audit services (one recorder, detector and hub per Region, all owned by the
 * baseline). These actions accept no useful resource scope, so they are denied outright.
 * LOG-2, DET-1, DET-2.
 */
export const AUDIT_SERVICE_TAMPER_ACTIONS: readonly string[] = [
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:PutConfigurationRecorder',
  'config:AssociateResourceTypes',
  'config:DisassociateResourceTypes',
  'config:DeleteDeliveryChannel',
  'config:PutDeliveryChannel',
  'config:DeleteRetentionConfiguration',
  'config:PutRetentionConfiguration',
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'securityhub:Disable*',
  'securityhub:Disassociate*',
  'securityhub:BatchDisableStandards',
];

/** Stop, delete or re-aim a trail. LOG-1, LOG-2. */
export const TRAIL_TAMPER_ACTIONS: readonly string[] = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
];

/**
 * Weaken or empty the archive bucket: its policy, Object Lock, versioning, public access
 * block, ACL, ownership and tags (all `s3:PutBucket*`), lifecycle, encryption, replication,
 * the bucket itself and its policy (`s3:DeleteBucket*`), objects and versions
 * (`s3:DeleteObject*`), retention and legal holds. LOG-2, LOG-3, RET-1, RET-2.
 */
export const ARCHIVE_BUCKET_TAMPER_ACTIONS: readonly string[] = [
  's3:PutBucket*',
  's3:DeleteBucket*',
  's3:PutLifecycleConfiguration',
  's3:PutEncryptionConfiguration',
  's3:PutReplicationConfiguration',
  's3:DeleteObject*',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:BypassGovernanceRetention',
];

/**
 * Make a baseline key unusable or take it out of the baseline's control: schedule deletion,
 * disable the key or its rotation (`kms:Disable*`), replace its policy. KEY-2.
 */
export const KEY_TAMPER_ACTIONS: readonly string[] = [
  'kms:ScheduleKeyDeletion',
  'kms:Disable*',
  'kms:PutKeyPolicy',
  'kms:DeleteImportedKeyMaterial',
];

/**
 * Delete a baseline log group, its streams, retention or subscription (`logs:Delete*`), or
 * shorten its retention or change its key. RET-1, RET-2.
 */
export const LOG_GROUP_TAMPER_ACTIONS: readonly string[] = [
  'logs:Delete*',
  'logs:PutRetentionPolicy',
  'logs:DisassociateKmsKey',
  'logs:AssociateKmsKey',
];

/** Every resource-scoped tamper action, in one list. */
export const RESOURCE_TAMPER_ACTIONS: readonly string[] = [
  ...TRAIL_TAMPER_ACTIONS,
  ...ARCHIVE_BUCKET_TAMPER_ACTIONS,
  ...KEY_TAMPER_ACTIONS,
  ...LOG_GROUP_TAMPER_ACTIONS,
];

/**
 * What anyone may still do to a baseline role or policy: read it, and assume a role (whose
 * trust policy decides who may). Everything else — editing, attaching, detaching, deleting,
 * passing, tagging, boundary changes — is denied. IAM-1..5.
 */
export const BASELINE_IAM_ALLOWED_ACTIONS: readonly string[] = [
  'iam:Get*',
  'iam:List*',
  'iam:Generate*',
  'iam:Simulate*',
  'sts:AssumeRole',
  'sts:TagSession',
  'sts:SetSourceIdentity',
];

/**
 * Closing, leaving or reshaping the tenant area (個別領域の削除). Only the representative
 * administrator's break-glass role is exempt. IAM-2.
 */
export const AREA_DELETION_ACTIONS: readonly string[] = [
  'account:CloseAccount',
  'account:EnableRegion',
  'account:DisableRegion',
  'organizations:LeaveOrganization',
  'organizations:DeleteOrganization',
];

/** Inputs of {@link baselineProtectionStatements}. */
export interface BaselineProtectionStatementsInput {
  /** ARN partition: `aws`, or a token such as `${AWS::Partition}`. */
  readonly partition: string;
  /** Account id, a token, or `*` (SCP: every account it applies to). */
  readonly account: string;
  /** ARNs (or ARN patterns) of trails, archive buckets and their objects, keys, log groups. */
  readonly resourceArns: readonly string[];
  /**
   * Actions denied on `resourceArns`.
   * @default RESOURCE_TAMPER_ACTIONS
   */
  readonly resourceArnActions?: readonly string[];
  /** ARNs of baseline roles outside {@link BaselineProtectionStatementsInput.iamPath}. */
  readonly roleArns: readonly string[];
  /** IAM path of the baseline's roles and policies. */
  readonly iamPath: string;
  /** Baseline tag; when undefined, no tag-scoped statements are produced. */
  readonly tag?: BaselineTag;
  /** Principals exempt from every statement (SCPs: the baseline's deployment roles). */
  readonly exemptPrincipalArns?: readonly string[];
}

/**
 * The explicit denies that protect the baseline (LOG-2, RET-2, KEY-2, IAM-2), as plain JSON.
 * Used by {@link BaselineProtection} (in-account) and by the SCP documents (lib/scp).
 */
export function baselineProtectionStatements(
  input: BaselineProtectionStatementsInput,
): PolicyStatementJson[] {
  const iamArn = (type: 'role' | 'policy', name: string) =>
    `arn:${input.partition}:iam::${input.account}:${type}${name}`;
  const tagCondition = input.tag
    ? { StringEquals: { [`aws:ResourceTag/${input.tag.key}`]: input.tag.value } }
    : undefined;

  const statements: PolicyStatementJson[] = [
    {
      Sid: 'DenyAuditServiceTamper',
      Effect: 'Deny',
      Action: [...AUDIT_SERVICE_TAMPER_ACTIONS],
      Resource: '*',
    },
  ];
  if (input.resourceArns.length > 0) {
    statements.push({
      Sid: 'DenyTamperOnBaselineResources',
      Effect: 'Deny',
      Action: [...(input.resourceArnActions ?? RESOURCE_TAMPER_ACTIONS)],
      Resource: [...input.resourceArns],
    });
  }
  if (tagCondition) {
    statements.push({
      Sid: 'DenyTamperOnTaggedResources',
      Effect: 'Deny',
      Action: [...RESOURCE_TAMPER_ACTIONS],
      Resource: '*',
      Condition: tagCondition,
    });
  }
  statements.push({
    Sid: 'DenyBaselineIamChanges',
    Effect: 'Deny',
    NotAction: [...BASELINE_IAM_ALLOWED_ACTIONS],
    Resource: [
      iamArn('role', `${input.iamPath}*`),
      iamArn('policy', `${input.iamPath}*`),
      ...input.roleArns,
    ],
  });
  if (tagCondition && input.tag) {
    statements.push(
      {
        Sid: 'DenyTaggedIamChanges',
        Effect: 'Deny',
        NotAction: [...BASELINE_IAM_ALLOWED_ACTIONS],
        Resource: [iamArn('role', '/*'), iamArn('policy', '/*')],
        Condition: tagCondition,
      },
      {
        // Without this, an operator could strip the tag first and then tamper freely.
        Sid: 'DenyBaselineTagChanges',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [input.tag.key] } },
      },
    );
  }
  statements.push({
    Sid: 'DenyAreaDeletion',
    Effect: 'Deny',
    Action: [...AREA_DELETION_ACTIONS],
    Resource: '*',
  });
  return statements.map((s) => exemptPrincipals(s, input.exemptPrincipalArns));
}

/** Inputs of {@link regionGuardStatement}. */
export interface RegionGuardStatementInput {
  /** Regions where every action stays allowed. */
  readonly allowedRegions: readonly string[];
  /** Actions exempt wherever they are requested (global services). */
  readonly notActions: readonly string[];
  /** Principals exempt (SCPs: the baseline's deployment roles). */
  readonly exemptPrincipalArns?: readonly string[];
}

/** Deny every non-global action requested outside the allowed Regions (REG-2), as JSON. */
export function regionGuardStatement(input: RegionGuardStatementInput): PolicyStatementJson {
  return exemptPrincipals(
    {
      Sid: 'DenyOutsideJapanRegions',
      Effect: 'Deny',
      NotAction: [...input.notActions],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': [...input.allowedRegions] } },
    },
    input.exemptPrincipalArns,
  );
}
