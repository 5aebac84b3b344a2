import type { JapanRegion } from '../../domain/regions';

/**
 * A service, feature or CloudFormation resource type whose availability differs by region.
 * GuardDuty feature names are the `Features[].Name` values of `AWS::GuardDuty::Detector`.
 */
export type RegionalCapability =
  | 'guardduty'
  | 'guardduty:S3_DATA_EVENTS'
  | 'guardduty:EKS_AUDIT_LOGS'
  | 'guardduty:EBS_MALWARE_PROTECTION'
  | 'guardduty:RDS_LOGIN_EVENTS'
  | 'guardduty:LAMBDA_NETWORK_LOGS'
  | 'guardduty:RUNTIME_MONITORING'
  | 'guardduty:RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT'
  | 'guardduty:RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT'
  | 'guardduty:RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT'
  | 'guardduty:finding-types/EC2-UnusualDoH-DoT'
  | 'securityhub'
  | 'securityhub:aws-foundational-security-best-practices/v/1.0.0'
  | 'securityhub:cis-aws-foundations-benchmark/v/3.0.0'
  | 'securityhub:cis-aws-foundations-benchmark/v/5.0.0'
  | 'access-analyzer'
  | 'cloudformation:AWS::Budgets::Budget';

/** Whether a capability can be used in a region, and the public evidence for it. */
export interface CapabilityAvailability {
  /** False when deploying it there would fail (or silently do nothing). */
  readonly available: boolean;
  /** URL of the document the entry is based on. */
  readonly evidence: string;
  /** What the gap means in practice, for the synth-time warning and the README. */
  readonly note?: string;
}

export type RegionAvailabilityTable = Readonly<
  Record<JapanRegion, Readonly<Record<RegionalCapability, CapabilityAvailability>>>
>;

// Evidence. Checked while writing this table; AWS adds features to regions over time, so a
// `false` may become `true`: re-check the URL before relying on a gap, and pass an updated
// table through the constructs' `regionAvailability` prop instead of waiting for a release.
//
// GuardDuty "Region-specific feature availability": the only listed gaps are RDS Protection
// in ap-east-2 and two EC2 finding types (DefenseEvasion:EC2/UnusualDoHActivity,
// DefenseEvasion:EC2/UnusualDoTActivity) that ap-northeast-3 does not support yet.
const GUARDDUTY_REGIONS = 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_regions.html';
// Runtime Monitoring agents are published per region; Osaka has both the Fargate sidecar and
// the ECS-on-EC2 agent repositories (273192626886.dkr.ecr.ap-northeast-3.amazonaws.com/...).
const GUARDDUTY_FARGATE_AGENT =
  'https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html';
// Security Hub CSPM lists regional limits per control, not per standard; no standard is
// listed as unavailable in Tokyo or Osaka.
const SECURITYHUB_REGIONS =
  'https://docs.aws.amazon.com/securityhub/latest/userguide/regions-controls.html';
// CIS v5.0.0, v3.0.0, v1.4.0 and v1.2.0 are supported by Security Hub CSPM.
const SECURITYHUB_CIS =
  'https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html';
const ACCESS_ANALYZER_ENDPOINTS =
  'https://docs.aws.amazon.com/general/latest/gr/access-analyzer.html';
// CloudFormation resource types registered per region, as cfn-lint (maintained by the AWS
// CloudFormation team) ships them. AWS::Budgets::Budget is in the Tokyo list and absent from
// the Osaka list; the resource type is known to be missing from some regions (see
// https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/2177 for
// eu-central-2: "Unrecognized resource types: [AWS::Budgets::Budget]").
const CFN_TYPES_OSAKA =
  'https://github.com/aws-cloudformation/cfn-lint/blob/main/src/cfnlint/data/schemas/providers/ap_northeast_3/__init__.py';
const CFN_TYPES_TOKYO =
  'https://github.com/aws-cloudformation/cfn-lint/blob/main/src/cfnlint/data/schemas/providers/ap_northeast_1/__init__.py';

const yes = (evidence: string): CapabilityAvailability => ({ available: true, evidence });

const COMMON = {
  guardduty: yes(GUARDDUTY_REGIONS),
  'guardduty:S3_DATA_EVENTS': yes(GUARDDUTY_REGIONS),
  'guardduty:EKS_AUDIT_LOGS': yes(GUARDDUTY_REGIONS),
  'guardduty:EBS_MALWARE_PROTECTION': yes(GUARDDUTY_REGIONS),
  'guardduty:RDS_LOGIN_EVENTS': yes(GUARDDUTY_REGIONS),
  'guardduty:LAMBDA_NETWORK_LOGS': yes(GUARDDUTY_REGIONS),
  'guardduty:RUNTIME_MONITORING': yes(GUARDDUTY_REGIONS),
  'guardduty:RUNTIME_MONITORING/ECS_FARGATE_AGENT_MANAGEMENT': yes(GUARDDUTY_FARGATE_AGENT),
  'guardduty:RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT': yes(GUARDDUTY_REGIONS),
  'guardduty:RUNTIME_MONITORING/EKS_ADDON_MANAGEMENT': yes(GUARDDUTY_REGIONS),
  securityhub: yes(SECURITYHUB_REGIONS),
  'securityhub:aws-foundational-security-best-practices/v/1.0.0': yes(SECURITYHUB_REGIONS),
  'securityhub:cis-aws-foundations-benchmark/v/3.0.0': yes(SECURITYHUB_CIS),
  'securityhub:cis-aws-foundations-benchmark/v/5.0.0': yes(SECURITYHUB_CIS),
  'access-analyzer': yes(ACCESS_ANALYZER_ENDPOINTS),
} as const;

/**
 * What the detection, alerting and cost constructs may use in Tokyo and Osaka
 * (リージョン別の提供状況), with the document each entry rests on.
 */
export const REGION_AVAILABILITY: RegionAvailabilityTable = {
  'ap-northeast-1': {
    ...COMMON,
    'guardduty:finding-types/EC2-UnusualDoH-DoT': yes(GUARDDUTY_REGIONS),
    'cloudformation:AWS::Budgets::Budget': yes(CFN_TYPES_TOKYO),
  },
  'ap-northeast-3': {
    ...COMMON,
    'guardduty:finding-types/EC2-UnusualDoH-DoT': {
      available: false,
      evidence: GUARDDUTY_REGIONS,
      note: 'GuardDuty in Osaka does not generate DefenseEvasion:EC2/UnusualDoHActivity or DefenseEvasion:EC2/UnusualDoTActivity findings; DNS-over-HTTPS/TLS exfiltration from EC2 is visible only in Tokyo',
    },
    'cloudformation:AWS::Budgets::Budget': {
      available: false,
      evidence: CFN_TYPES_OSAKA,
      note: 'AWS::Budgets::Budget is not a CloudFormation resource type in Osaka; budgets are account-wide, so create the budget in the Tokyo stack',
    },
  },
};
