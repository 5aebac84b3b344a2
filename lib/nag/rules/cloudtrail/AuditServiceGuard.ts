import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import {
  CfnGroupPolicy,
  CfnManagedPolicy,
  CfnPolicy,
  CfnRole,
  CfnRolePolicy,
  CfnUserPolicy,
} from 'aws-cdk-lib/aws-iam';
import { CfnPolicy as CfnOrganizationsPolicy } from 'aws-cdk-lib/aws-organizations';
import { NagRuleCompliance } from 'cdk-nag';
import { actionMatches, statementsOf } from '../../utils/policy';
import type { ResourceIndex } from '../../utils/pass-index';
import { asList, isObject, resolve } from '../../utils/values';

/**
 * Actions that would switch off or weaken audit-log collection, by resource type (LOG-2:
 * 監査ログの収集に関するサービスの削除防止).
 */
export const GUARDED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'AWS::CloudTrail::Trail': [
    'cloudtrail:StopLogging',
    'cloudtrail:DeleteTrail',
    'cloudtrail:UpdateTrail',
    'cloudtrail:PutEventSelectors',
  ],
  'AWS::Config::ConfigurationRecorder': [
    'config:StopConfigurationRecorder',
    'config:DeleteConfigurationRecorder',
  ],
  'AWS::Config::DeliveryChannel': ['config:DeleteDeliveryChannel'],
  'AWS::GuardDuty::Detector': ['guardduty:DeleteDetector', 'guardduty:UpdateDetector'],
  'AWS::SecurityHub::Hub': ['securityhub:DisableSecurityHub'],
};

/**
 * An audit-log service (CloudTrail trail, Config recorder / delivery channel, GuardDuty
 * detector, Security Hub) is protected by an explicit `Deny` of the actions that would switch it
 * off, in some IAM policy, role inline policy or Organizations policy (SCP) of the app. LOG-2.
 *
 * Only the actions are checked, not the statement's resources, conditions or attachments; a
 * guard that lives outside the app (e.g. an SCP managed elsewhere) cannot be seen, hence this
 * rule warns rather than fails.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    const required = GUARDED_ACTIONS[node.cfnResourceType];
    if (required === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const denied = deniedActionPatterns(node, index);
    return required.every((action) => denied.some((pattern) => actionMatches(pattern, action)))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

/** Every action pattern some policy of the app denies (one scan per validation pass). */
function deniedActionPatterns(node: CfnResource, index: ResourceIndex): string[] {
  return index.remembered('denied action patterns', node.node.root, () =>
    findDeniedActionPatterns(node, index),
  );
}

function findDeniedActionPatterns(node: CfnResource, index: ResourceIndex): string[] {
  const patterns: string[] = [];
  for (const r of index.allResources(node)) {
    const documents: Array<[CfnResource, unknown]> = [];
    if (
      r instanceof CfnManagedPolicy ||
      r instanceof CfnPolicy ||
      r instanceof CfnRolePolicy ||
      r instanceof CfnUserPolicy ||
      r instanceof CfnGroupPolicy
    ) {
      documents.push([r, r.policyDocument]);
    } else if (r instanceof CfnRole) {
      for (const p of asList(resolve(r, r.policies)).filter(isObject))
        documents.push([r, p.policyDocument]);
    } else if (r instanceof CfnOrganizationsPolicy) {
      documents.push([r, r.content]);
    }
    for (const [owner, document] of documents) {
      for (const s of statementsOf(owner, document)) {
        if (s.effect === 'Deny' && !s.notAction) patterns.push(...s.actions);
      }
    }
  }
  return patterns;
}
