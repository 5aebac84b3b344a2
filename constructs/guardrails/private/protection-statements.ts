import type { PolicyStatementJson } from '../policy-json';
import type { BaselineTag } from '../baseline-tag';
import { exemptPrincipals } from './policy-json';

/**
 * Account-wide audit and detection switches (one recorder, detector, hub and analyzer per
 * Region, all owned by the baseline). These actions accept no resource scope that tells a
 * baseline object from a new one — a new GuardDuty filter with auto-archive, a trusted IP
 * list, a Security Hub automation rule or an Access Analyzer archive rule silences findings
 * without touching a tagged resource — so they are denied outright. LOG-2, DET-1, DET-2, DET-3.
 */
export const AUDIT_SERVICE_TAMPER_ACTIONS: readonly string[] = [
  // Wildcards only where the IAM service-authorization data proves they match nothing beyond
  // the named action(s) (test/constructs/guardrails/compact-actions.test.ts): the baseline
  // boundary must stay within the 6,144-character managed-policy quota.
  'config:Stop*', // StopConfigurationRecorder
  'config:DeleteConfigurationRecorder',
  'config:PutConfigurationRecorder',
  'config:Associate*', // AssociateResourceTypes
  'config:Disassociate*', // DisassociateResourceTypes
  'config:DeleteDelivery*', // DeleteDeliveryChannel
  'config:PutDelivery*', // PutDeliveryChannel
  'config:DeleteRetention*', // DeleteRetentionConfiguration
  'config:PutRetention*', // PutRetentionConfiguration
  'config:DeleteEvaluation*', // DeleteEvaluationResults
  // Config rules carry no tags (CloudFormation has no Tags property for them), so neither
  // changing a rule nor tagging it can be told from the baseline's own.
  'config:DeleteConfigRule',
  'config:PutConfigRule',
  'config:TagResource',
  'config:UntagResource',
  'config:PutExternal*', // PutExternalEvaluation
  'config:StartConfigRules*', // StartConfigRulesEvaluation
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:Disassociate*',
  'guardduty:CreateFilter',
  'guardduty:UpdateFilter',
  'guardduty:CreateIP*', // CreateIPSet
  'guardduty:UpdateI*', // UpdateIPSet
  'guardduty:CreateThreatIntel*', // CreateThreatIntelSet
  'guardduty:UpdateThreatIntel*', // UpdateThreatIntelSet
  'guardduty:UpdateMalwareScan*', // UpdateMalwareScanSettings
  'guardduty:UpdateMember*', // UpdateMemberDetectors
  'guardduty:Archive*', // ArchiveFindings
  'securityhub:Disable*',
  'securityhub:Disassociate*',
  'securityhub:BatchDisable*', // BatchDisableStandards
  'securityhub:Update*',
  'securityhub:BatchUpdate*',
  'securityhub:CreateAutomationRule',
  'securityhub:Delete*',
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:CreateArchive*', // CreateArchiveRule
  'access-analyzer:UpdateArchive*', // UpdateArchiveRule
  'access-analyzer:Apply*', // ApplyArchiveRule
  'access-analyzer:UpdateFindings',
];

/**
 * What anyone may still do to a baseline resource (by ARN or by the baseline tag): read it,
 * query its logs, and — for the central log collection (LOG-6) — decrypt archived logs with
 * its key. Every other action, whatever its service, is denied: Write, Permissions management
 * and Tagging actions alike (stopping, deleting, re-aiming, re-policing, unsubscribing,
 * disabling rules and alarms, overwriting metric filters, updating the baseline stack).
 * LOG-2, RET-2, KEY-2, DET-3.
 */
export const BASELINE_RESOURCE_READ_ACTIONS: readonly string[] = [
  ...['cloudtrail', 'kms', 's3', 'logs', 'cloudformation'].flatMap(reads),
  'cloudtrail:LookupEvents',
  'logs:FilterLogEvents',
  'logs:StartQuery',
  'logs:StopQuery',
  'kms:Decrypt',
];

/**
 * {@link BASELINE_RESOURCE_READ_ACTIONS} plus the reads of the other services whose baseline
 * resources carry the tag (detection, alerting, backup, custom-resource functions) and of
 * baseline roles. Used with the tag condition, on every resource.
 */
export const TAGGED_RESOURCE_READ_ACTIONS: readonly string[] = [
  ...BASELINE_RESOURCE_READ_ACTIONS,
  ...['config', 'guardduty', 'securityhub', 'access-analyzer', 'sns', 'events', 'cloudwatch']
    .concat(['backup', 'lambda'])
    .flatMap(reads),
  'config:BatchGet*',
  'config:Select*',
  'securityhub:BatchGet*',
];

function reads(service: string): string[] {
  return [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`];
}

/**
 * Creating or changing a role is allowed only when the role carries a boundary under
 * {@link boundaryPath} (the baseline boundary or the sub-delegate boundary, each holding the
 * guard's denies): the standard boundary-enforcement pattern. IAM-2, IAM-3.
 */
export const ROLE_BOUNDARY_ENFORCED_ACTIONS: readonly string[] = [
  'iam:CreateRole',
  'iam:PutRole*', // PutRolePermissionsBoundary, PutRolePolicy
  'iam:AttachRole*', // AttachRolePolicy
  'iam:DetachRole*', // DetachRolePolicy
  'iam:DeleteRolePolicy',
  'iam:UpdateAssume*', // UpdateAssumeRolePolicy
];

/**
 * IAM users and their credentials. The Government Cloud signs in through federation, and a
 * self-made user would be a principal without the guard (with MFA, even a way to break-glass).
 * IAM-1, IAM-2.
 */
export const IAM_USER_ACTIONS: readonly string[] = [
  'iam:CreateUser',
  'iam:CreateAccess*', // CreateAccessKey
  'iam:UpdateAccess*', // UpdateAccessKey
  'iam:CreateLogin*', // CreateLoginProfile
  'iam:UpdateLogin*', // UpdateLoginProfile
  'iam:CreateVirtual*', // CreateVirtualMFADevice
  'iam:EnableM*', // EnableMFADevice
  'iam:Resync*', // ResyncMFADevice
  'iam:CreateServiceSpecific*', // CreateServiceSpecificCredential
  'iam:Upload*',
  'iam:AttachUser*', // AttachUserPolicy
  'iam:PutUser*', // PutUserPolicy, PutUserPermissionsBoundary
  'iam:AddUser*', // AddUserToGroup
  'iam:DeleteRolePermissions*', // DeleteRolePermissionsBoundary
];

/**
 * IAM path of the boundaries that carry the guard's denies. Only the baseline creates
 * policies there (the path lies under the protected baseline path).
 */
export function boundaryPath(iamPath: string): string {
  return `${iamPath}boundary/`;
}

/** Default name of the baseline boundary managed policy (under `BASELINE_IAM_PATH`). */
export const BASELINE_BOUNDARY_NAME = 'govcloud-jp-baseline-boundary';

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
  'account:Close*', // CloseAccount
  'account:Enable*', // EnableRegion
  'account:Disable*', // DisableRegion
  'organizations:Leave*', // LeaveOrganization
  'organizations:DeleteOrganization',
];

/** Inputs of {@link baselineProtectionStatements}. */
export interface BaselineProtectionStatementsInput {
  /** ARN partition: `aws`, or a token such as `${AWS::Partition}`. */
  readonly partition: string;
  /** Account id, a token, or `*` (SCP: every account it applies to). */
  readonly account: string;
  /**
   * ARNs (or ARN patterns) of trails, archive buckets and their objects, keys, log groups,
   * baseline stacks; everything but {@link BASELINE_RESOURCE_READ_ACTIONS} is denied on them.
   */
  readonly resourceArns: readonly string[];
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
    {
      Sid: 'DenyRolesWithoutBaselineBoundary',
      Effect: 'Deny',
      Action: [...ROLE_BOUNDARY_ENFORCED_ACTIONS],
      Resource: '*',
      Condition: {
        ArnNotLike: { 'iam:PermissionsBoundary': iamArn('policy', `${input.iamPath}*`) },
      },
    },
    { Sid: 'DenyIamUsers', Effect: 'Deny', Action: [...IAM_USER_ACTIONS], Resource: '*' },
  ];
  if (input.resourceArns.length > 0) {
    statements.push({
      Sid: 'DenyTamperOnBaselineResources',
      Effect: 'Deny',
      NotAction: [...BASELINE_RESOURCE_READ_ACTIONS],
      Resource: [...input.resourceArns],
    });
  }
  if (tagCondition) {
    statements.push({
      // Logs are read through S3 (kms:ViaService set); a direct Decrypt of a baseline key
      // is refused. KEY-2.
      Sid: 'DenyDirectDecrypt',
      Effect: 'Deny',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { ...tagCondition, Null: { 'kms:ViaService': 'true' } },
    });
    statements.push({
      Sid: 'DenyTamperOnTaggedResources',
      Effect: 'Deny',
      NotAction: [...TAGGED_RESOURCE_READ_ACTIONS, ...BASELINE_IAM_ALLOWED_ACTIONS],
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
  if (input.tag) {
    statements.push({
      // Without this, an operator could strip the tag first and then tamper freely.
      Sid: 'DenyBaselineTagChanges',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [input.tag.key] } },
    });
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
