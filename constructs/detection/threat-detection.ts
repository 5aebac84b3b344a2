import { Annotations } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct, type IConstruct } from 'constructs';
import {
  REGION_AVAILABILITY,
  type RegionalCapability,
  type RegionAvailabilityTable,
} from './availability';
import { availabilityOf } from './private/availability';
import { standardArn } from './private/standards';
import { japanRegionOf, usableHere } from './region';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';

/** CIS AWS Foundations Benchmark versions Security Hub CSPM offers that this library knows. */
export type CisBenchmarkVersion = '5.0.0' | '3.0.0';

/** How often GuardDuty exports updates of existing findings. */
export type FindingPublishingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';

/**
 * GuardDuty Runtime Monitoring (ランタイム監視) with the agent management GuardDuty performs.
 * Only used when `GuardDutyProtection.runtimeMonitoring` is set.
 */
export interface RuntimeMonitoringOptions {
  /**
   * Let GuardDuty inject its security agent as a sidecar into ECS Fargate tasks.
   * @default true
   */
  readonly ecsFargateAgentManagement?: boolean;
  /**
   * Let GuardDuty install and update its agent on EC2 instances through SSM.
   * @default false
   */
  readonly ec2AgentManagement?: boolean;
  /**
   * Let GuardDuty manage its EKS add-on.
   * @default false
   */
  readonly eksAddonManagement?: boolean;
}

/**
 * GuardDuty protection plans (保護プラン). Each one is written explicitly as ENABLED or DISABLED
 * in the template, so the deployed state never depends on what AWS turns on by default.
 */
export interface GuardDutyProtection {
  /**
   * S3 Protection: CloudTrail data events for S3 (S3_DATA_EVENTS). Costs only per S3 event
   * analysed; catches access to the log archive and data buckets from unusual places.
   * @default true
   */
  readonly s3DataEvents?: boolean;
  /**
   * Malware Protection for EC2 (EBS_MALWARE_PROTECTION): scans EBS volumes only when another
   * finding points at an instance, so it costs nothing while the account is quiet.
   * @default true
   */
  readonly ebsMalwareProtection?: boolean;
  /**
   * RDS Protection (RDS_LOGIN_EVENTS): anomalous logins to Aurora. Billed only for Aurora
   * databases, which municipal standard systems commonly use.
   * @default true
   */
  readonly rdsLoginEvents?: boolean;
  /**
   * EKS audit log monitoring (EKS_AUDIT_LOGS). Billed only when EKS clusters exist.
   * @default true
   */
  readonly eksAuditLogs?: boolean;
  /**
   * Lambda network activity monitoring (LAMBDA_NETWORK_LOGS). Billed only for Lambda use.
   * @default true
   */
  readonly lambdaNetworkLogs?: boolean;
  /**
   * Runtime Monitoring (RUNTIME_MONITORING). Off by default: with automated agent
   * management GuardDuty creates VPC endpoints and security groups in every VPC of the
   * account and injects a sidecar into every ECS Fargate task, outside this code (PORT-2),
   * and in a closed network (NET-1) those endpoints are the agent's only path. Turn it on
   * (typically `{ ecsFargateAgentManagement: true }`) when the system runs on ECS Fargate and
   * the network design has been checked.
   * @default false
   */
  readonly runtimeMonitoring?: RuntimeMonitoringOptions | false;
}

export interface ThreatDetectionProps {
  /**
   * Create the GuardDuty detector. Set false when the organization's delegated GuardDuty
   * administrator already enables GuardDuty in this account: CloudFormation cannot create a
   * second detector.
   * @default true
   */
  readonly guardDuty?: boolean;
  /**
   * GuardDuty protection plans.
   * @default - S3, EBS malware, RDS, EKS audit and Lambda protection on; Runtime Monitoring off
   */
  readonly guardDutyProtection?: GuardDutyProtection;
  /**
   * How often updates of existing GuardDuty findings reach EventBridge and Security Hub.
   * New findings are always exported within about five minutes.
   * @default 'FIFTEEN_MINUTES'
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
  /**
   * Create the Security Hub CSPM hub (without AWS's default standards). Set false when a
   * delegated administrator or a Security Hub organization policy already manages it here.
   * @default true
   */
  readonly securityHub?: boolean;
  /**
   * Also enable the CIS AWS Foundations Benchmark standard (AWS Foundational Security Best
   * Practices v1.0.0 is always enabled).
   * @default false
   */
  readonly cisStandard?: boolean;
  /**
   * Which CIS benchmark version to enable when `cisStandard` is true.
   * @default '5.0.0'
   */
  readonly cisVersion?: CisBenchmarkVersion;
  /**
   * Create an IAM Access Analyzer for the account (external-access findings, free of charge).
   * @default true
   */
  readonly accessAnalyzer?: boolean;
  /**
   * The AWS Config recorder; Security Hub controls evaluate through Config rules, so the hub
   * is created after the recorder when given.
   * @default - no dependency
   */
  readonly recorder?: IConstruct;
  /**
   * Where each capability is available; override when AWS documents a change before this
   * library is updated.
   * @default REGION_AVAILABILITY
   */
  readonly regionAvailability?: RegionAvailabilityTable;
}

const FEATURES = [
  ['S3_DATA_EVENTS', 's3DataEvents'],
  ['EKS_AUDIT_LOGS', 'eksAuditLogs'],
  ['EBS_MALWARE_PROTECTION', 'ebsMalwareProtection'],
  ['RDS_LOGIN_EVENTS', 'rdsLoginEvents'],
  ['LAMBDA_NETWORK_LOGS', 'lambdaNetworkLogs'],
] as const;

const FREQUENCIES: readonly FindingPublishingFrequency[] = [
  'FIFTEEN_MINUTES',
  'ONE_HOUR',
  'SIX_HOURS',
];

/**
 * Threat detection and vulnerability visibility (脅威検知・脆弱性対策の可視化): a GuardDuty
 * detector with explicitly chosen protection plans, Security Hub CSPM with explicitly chosen
 * standards (AWS Foundational Security Best Practices v1.0.0, CIS AWS Foundations Benchmark
 * optional) and consolidated control findings, and an IAM Access Analyzer for the account.
 *
 * Anything not available in the stack's region (see `REGION_AVAILABILITY`) is left out with
 * a synth-time warning instead of producing a template that fails to deploy.
 *
 * Implements DET-2.
 */
export class ThreatDetection extends Construct {
  /** The GuardDuty detector, unless `guardDuty` is false. */
  public readonly detector?: guardduty.CfnDetector;
  /** The Security Hub hub, unless `securityHub` is false. */
  public readonly hub?: securityhub.CfnHub;
  /** The enabled Security Hub standards. */
  public readonly standards: readonly securityhub.CfnStandard[];
  /** The account analyzer, unless `accessAnalyzer` is false. */
  public readonly analyzer?: accessanalyzer.CfnAnalyzer;
  /** Capabilities left out because they are not available in this region. */
  public readonly skipped: readonly RegionalCapability[];

  constructor(scope: Construct, id: string, props: ThreatDetectionProps = {}) {
    super(scope, id);
    recordImplements(this, 'DET-2');
    const region = japanRegionOf(this, 'ThreatDetection');
    const table = props.regionAvailability ?? REGION_AVAILABILITY;
    const frequency = props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES';
    if (!FREQUENCIES.includes(frequency)) {
      throw new GovCloudError({
        code: 'ThreatDetectionFrequencyInvalid',
        problem: `ThreatDetection findingPublishingFrequency "${frequency}" is invalid`,
        requirement: 'DET-2',
        fix: `use one of ${FREQUENCIES.join(', ')}.`,
        scope: this,
      });
    }
    const cisVersion = props.cisVersion ?? '5.0.0';
    if (cisVersion !== '5.0.0' && cisVersion !== '3.0.0') {
      throw new GovCloudError({
        code: 'ThreatDetectionCisVersionUnsupported',
        problem: `ThreatDetection cisVersion "${cisVersion as string}" is not supported`,
        requirement: 'DET-2',
        fix: 'use "5.0.0" (current) or "3.0.0".',
        scope: this,
      });
    }
    const skipped: RegionalCapability[] = [];
    const usable = (capability: RegionalCapability): boolean => {
      const ok = usableHere(this, table, capability, 'DET-2');
      if (!ok) {
        skipped.push(capability);
      }
      return ok;
    };

    if (props.guardDuty ?? true) {
      if (usable('guardduty')) {
        this.detector = new guardduty.CfnDetector(this, 'Detector', {
          enable: true,
          findingPublishingFrequency: frequency,
          features: this.guardDutyFeatures(props.guardDutyProtection ?? {}, usable),
        });
        const gap = availabilityOf(table, region, 'guardduty:finding-types/EC2-UnusualDoH-DoT');
        if (!gap.available) {
          Annotations.of(this).addWarningV2(
            'govcloud-jp:guardduty-coverage-gap',
            `GuardDuty coverage in ${region} is narrower than in Tokyo [DET-2]: ${gap.note} (evidence: ${gap.evidence}).`,
          );
        }
      }
    }

    const standards: securityhub.CfnStandard[] = [];
    if (props.securityHub ?? true) {
      if (usable('securityhub')) {
        // Default standards off: the enabled standards are exactly the ones listed below.
        this.hub = new securityhub.CfnHub(this, 'Hub', {
          enableDefaultStandards: false,
          controlFindingGenerator: 'SECURITY_CONTROL',
          autoEnableControls: true,
        });
        if (props.recorder) {
          this.hub.node.addDependency(props.recorder);
        }
        const wanted: Array<['fsbp' | `cis-${CisBenchmarkVersion}`, RegionalCapability]> = [
          ['fsbp', 'securityhub:aws-foundational-security-best-practices/v/1.0.0'],
        ];
        if (props.cisStandard ?? false) {
          wanted.push([
            `cis-${cisVersion}`,
            `securityhub:cis-aws-foundations-benchmark/v/${cisVersion}`,
          ]);
        }
        for (const [standard, capability] of wanted) {
          if (usable(capability)) {
            const cfn = new securityhub.CfnStandard(
              this,
              standard === 'fsbp' ? 'FoundationalBestPractices' : 'CisBenchmark',
              { standardsArn: standardArn(region, standard) },
            );
            cfn.addResourceDependency(this.hub);
            standards.push(cfn);
          }
        }
      }
    }
    this.standards = standards;

    if (props.accessAnalyzer ?? true) {
      if (usable('access-analyzer')) {
        this.analyzer = new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', {
          type: 'ACCOUNT',
        });
      }
    }
    this.skipped = skipped;
  }

  private guardDutyFeatures(
    protection: GuardDutyProtection,
    usable: (capability: RegionalCapability) => boolean,
  ): guardduty.CfnDetector.CFNFeatureConfigurationProperty[] {
    const status = (on: boolean) => (on ? 'ENABLED' : 'DISABLED');
    const features: guardduty.CfnDetector.CFNFeatureConfigurationProperty[] = [];
    for (const [name, prop] of FEATURES) {
      const on = protection[prop] ?? true;
      // A disabled feature is still written out so the template states the decision; an
      // unavailable one is left out because the API rejects unknown feature names.
      if (!on || usable(`guardduty:${name}`)) {
        features.push({ name, status: status(on) });
      }
    }
    // RUNTIME_MONITORING replaces EKS_RUNTIME_MONITORING; the API rejects both together, so
    // the legacy feature is never written.
    const runtime = protection.runtimeMonitoring ?? false;
    if (runtime === false) {
      features.push({ name: 'RUNTIME_MONITORING', status: 'DISABLED' });
    } else if (usable('guardduty:RUNTIME_MONITORING')) {
      const agents: Array<[string, boolean]> = [
        ['ECS_FARGATE_AGENT_MANAGEMENT', runtime.ecsFargateAgentManagement ?? true],
        ['EC2_AGENT_MANAGEMENT', runtime.ec2AgentManagement ?? false],
        ['EKS_ADDON_MANAGEMENT', runtime.eksAddonManagement ?? false],
      ];
      features.push({
        name: 'RUNTIME_MONITORING',
        status: 'ENABLED',
        additionalConfiguration: agents
          .filter(
            ([agent, on]) =>
              !on || usable(`guardduty:RUNTIME_MONITORING/${agent}` as RegionalCapability),
          )
          .map(([agent, on]) => ({ name: agent, status: status(on) })),
      });
    }
    return features;
  }
}
