import type * as events from 'aws-cdk-lib/aws-events';
import type { RequirementId } from '../../../domain/requirements';
import type { WatchedRole } from '../alert-types';
import {
  NETWORK_ACL_CHANGE_EVENTS,
  ROUTE_TABLE_CHANGE_EVENTS,
  SECURITY_GROUP_CHANGE_EVENTS,
  TRANSIT_GATEWAY_CHANGE_EVENTS,
} from './metric-alarms';

/** An EventBridge rule on the default bus that notifies the alert topic. */
export interface EventAlertSpec {
  /** Stable id: construct id and `excludeEventAlerts` key. */
  readonly id: string;
  /** Requirement IDs the alert serves. */
  readonly requirements: readonly RequirementId[];
  /** What a notification means. */
  readonly description: string;
  /** The event pattern. */
  readonly pattern: events.EventPattern;
}

/** Inputs of {@link eventAlertSpecs}. */
export interface EventAlertOptions {
  /** Lowest GuardDuty severity that alerts (7 = HIGH; CRITICAL is 9.0–10.0). */
  readonly guardDutyMinSeverity: number;
  /** Roles whose assumption is reported. */
  readonly watchedRoles: readonly WatchedRole[];
}

const apiCalls = (source: string, eventSource: string, eventName: string[]) => ({
  source: [source],
  detailType: ['AWS API Call via CloudTrail'],
  detail: { eventSource: [eventSource], eventName },
});

/**
 * The EventBridge alerts (常時監視・通知). API-call patterns match both successful and failed
 * attempts: an attempt the guard policy denied is still worth a look.
 *
 * Not here on purpose: IAM API events. Global services deliver their events to EventBridge in
 * us-east-1 only (https://repost.aws/knowledge-center/eventbridge-rule-triggers-iam-single-region),
 * and the region guard (REG-1/REG-2) keeps this library out of us-east-1, so a rule on
 * `aws.iam` here would never fire. The multi-region trail delivers those events to its log
 * group, where metric-filter alarms watch them (IAM policy and principal changes, root use,
 * console sign-in without MFA, watched role use). Console sign-in and STS events reach
 * EventBridge in the region CloudTrail records them in, so the rules below for them see only
 * this region's share and the alarms are the complete path.
 */
export function eventAlertSpecs(options: EventAlertOptions): EventAlertSpec[] {
  const specs: EventAlertSpec[] = [
    {
      id: 'GuardDutyFinding',
      requirements: ['DET-2', 'DET-3'],
      description: `GuardDuty finding with severity ${options.guardDutyMinSeverity} or higher (HIGH and CRITICAL)`,
      pattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        // Numeric matching with a lower bound only: CRITICAL findings (9.0–10.0) must match.
        // A range ending at 8.9 silently drops them.
        detail: { severity: [{ numeric: ['>=', options.guardDutyMinSeverity] }] },
      },
    },
    {
      id: 'SecurityHubFailedControl',
      requirements: ['DET-2', 'DET-3'],
      description:
        'Security Hub control failed with CRITICAL or HIGH severity (new, active findings)',
      pattern: {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: ['CRITICAL', 'HIGH'] },
            Compliance: { Status: ['FAILED'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
    },
    {
      id: 'AccessAnalyzerFinding',
      requirements: ['DET-2', 'DET-3'],
      description: 'IAM Access Analyzer found a resource shared outside the account',
      pattern: {
        source: ['aws.access-analyzer'],
        detailType: ['Access Analyzer Finding'],
        detail: { status: ['ACTIVE'] },
      },
    },
    {
      id: 'RootSignIn',
      requirements: ['IAM-1', 'DET-3'],
      // Fires only for sign-ins CloudTrail records in this region; the RootUsage alarm on the
      // multi-region trail's log group is the path that sees every region.
      description:
        'Console sign-in attempt by the root user (ルートユーザー) recorded in this region',
      pattern: {
        source: ['aws.signin'],
        detailType: ['AWS Console Sign In via CloudTrail'],
        detail: { eventName: ['ConsoleLogin'], userIdentity: { type: ['Root'] } },
      },
    },
    {
      id: 'HealthEvent',
      requirements: ['DET-3'],
      description: 'AWS Health event for this account (outage, scheduled change, notice)',
      pattern: { source: ['aws.health'], detailType: ['AWS Health Event'] },
    },
    {
      id: 'CloudTrailChange',
      requirements: ['LOG-1', 'LOG-2', 'DET-3'],
      description: 'CloudTrail trail or event selectors changed, stopped or deleted',
      pattern: apiCalls('aws.cloudtrail', 'cloudtrail.amazonaws.com', [
        'StopLogging',
        'DeleteTrail',
        'UpdateTrail',
        'PutEventSelectors',
        'PutInsightSelectors',
        'CreateTrail',
        'StartLogging',
      ]),
    },
    {
      id: 'ConfigChange',
      requirements: ['DET-1', 'LOG-2', 'DET-3'],
      description: 'AWS Config recorder, delivery channel or rules changed or stopped',
      pattern: apiCalls('aws.config', 'config.amazonaws.com', [
        'StopConfigurationRecorder',
        'DeleteConfigurationRecorder',
        'PutConfigurationRecorder',
        'DeleteDeliveryChannel',
        'PutDeliveryChannel',
        'DeleteConfigRule',
        'DeleteEvaluationResults',
        'DeleteRetentionConfiguration',
      ]),
    },
    {
      id: 'GuardDutyChange',
      requirements: ['DET-2', 'LOG-2', 'DET-3'],
      description:
        'GuardDuty detector, suppression filter, trusted IP list or administrator link changed',
      pattern: apiCalls('aws.guardduty', 'guardduty.amazonaws.com', [
        'DeleteDetector',
        'UpdateDetector',
        'CreateFilter',
        'UpdateFilter',
        'CreateIPSet',
        'UpdateIPSet',
        'DeletePublishingDestination',
        'UpdatePublishingDestination',
        'DisassociateFromAdministratorAccount',
        'DisassociateFromMasterAccount',
        'DeleteMembers',
        'DisassociateMembers',
        'StopMonitoringMembers',
        'UpdateMalwareScanSettings',
      ]),
    },
    {
      id: 'SecurityHubChange',
      requirements: ['DET-2', 'LOG-2', 'DET-3'],
      description:
        'Security Hub disabled, a standard or control turned off, or an automation rule that can suppress findings changed',
      pattern: apiCalls('aws.securityhub', 'securityhub.amazonaws.com', [
        'DisableSecurityHub',
        'BatchDisableStandards',
        'UpdateStandardsControl',
        'UpdateSecurityControl',
        'BatchUpdateStandardsControlAssociations',
        'DisableImportFindingsForProduct',
        'CreateAutomationRule',
        'BatchUpdateAutomationRules',
        'DisassociateFromAdministratorAccount',
        'DisassociateFromMasterAccount',
      ]),
    },
    {
      id: 'AccessAnalyzerChange',
      requirements: ['DET-2', 'DET-3'],
      description: 'IAM Access Analyzer deleted or an archive rule (auto-dismissal) changed',
      pattern: apiCalls('aws.access-analyzer', 'access-analyzer.amazonaws.com', [
        'DeleteAnalyzer',
        'CreateArchiveRule',
        'UpdateArchiveRule',
      ]),
    },
    {
      id: 'KeyDisableOrDeletion',
      requirements: ['KEY-2', 'DET-3'],
      description:
        'KMS key disabled, scheduled for deletion, rotation turned off or key policy replaced',
      pattern: apiCalls('aws.kms', 'kms.amazonaws.com', [
        'DisableKey',
        'ScheduleKeyDeletion',
        'DisableKeyRotation',
        'PutKeyPolicy',
        'DeleteImportedKeyMaterial',
      ]),
    },
    {
      id: 'NetworkChange',
      requirements: ['NET-1', 'NET-2', 'NET-3', 'NET-4', 'DET-3'],
      description:
        'Security group, network ACL, route table, VPC, gateway, peering or Transit Gateway changed',
      pattern: apiCalls('aws.ec2', 'ec2.amazonaws.com', [
        ...SECURITY_GROUP_CHANGE_EVENTS,
        'ModifySecurityGroupRules',
        ...NETWORK_ACL_CHANGE_EVENTS,
        ...ROUTE_TABLE_CHANGE_EVENTS,
        'CreateVpc',
        'DeleteVpc',
        'ModifyVpcAttribute',
        'CreateVpcPeeringConnection',
        'AcceptVpcPeeringConnection',
        'DeleteVpcPeeringConnection',
        'CreateInternetGateway',
        'AttachInternetGateway',
        'DetachInternetGateway',
        'DeleteInternetGateway',
        'CreateEgressOnlyInternetGateway',
        'CreateNatGateway',
        'DeleteNatGateway',
        'CreateCustomerGateway',
        'DeleteCustomerGateway',
        'CreateVpnConnection',
        'DeleteVpnConnection',
        ...TRANSIT_GATEWAY_CHANGE_EVENTS,
        'CreateFlowLogs',
        'DeleteFlowLogs',
      ]),
    },
  ];
  if (options.watchedRoles.length > 0) {
    specs.push({
      id: 'WatchedRoleAssumed',
      requirements: [...new Set(options.watchedRoles.map((r) => r.requirement)), 'DET-3'],
      description: `Watched role assumed in this region: ${options.watchedRoles.map((r) => r.label).join(', ')}`,
      pattern: {
        source: ['aws.sts'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'],
          requestParameters: { roleArn: options.watchedRoles.map((r) => r.roleArn) },
        },
      },
    });
  }
  return specs;
}
