import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SecurityAlerts } from '../../constructs/alerts';
import { AuditLogArchive, ConfigRecorder, ProtectedAuditTrail } from '../../constructs/audit';
import { CostGuard } from '../../constructs/cost';
import { ConfigRules, ThreatDetection } from '../../constructs/detection';
import type { GovCloudConfig } from '../config';
import { assertJapanRegion } from './region';

export interface GovCloudBaselineStackProps extends StackProps {
  /** The validated configuration (see `loadConfig`). */
  readonly config: GovCloudConfig;
  /**
   * True for the configured primary (home) region: the account-wide multi-region trail,
   * global resources in Config and the permission-model roles live there only.
   */
  readonly isHomeRegion: boolean;
}

/**
 * The Government Cloud baseline template (ベースラインテンプレート) for one region of a
 * tenant account (個別領域).
 *
 * Thin by design: it wires the constructs from config. It has no assets and no Lambda-backed
 * custom resources so that CloudFormation StackSets can deploy it without bootstrapping.
 */
export class GovCloudBaselineStack extends Stack {
  public readonly config: GovCloudConfig;
  public readonly isHomeRegion: boolean;
  /** Object Lock archive of the CloudTrail logs (home region only). */
  public readonly auditArchive?: AuditLogArchive;
  /** The account's multi-region trail (home region only). */
  public readonly auditTrail?: ProtectedAuditTrail;
  /** Archive of AWS Config history (every region; Config cannot use Object Lock). */
  public readonly configArchive: AuditLogArchive;
  public readonly configRecorder: ConfigRecorder;
  public readonly threatDetection: ThreatDetection;
  public readonly configRules: ConfigRules;
  /** Encrypted alert topic, EventBridge rules and trail alarms of this region. */
  public readonly alerts: SecurityAlerts;
  /** Monthly budget (Tokyo only: budgets are account-wide and Osaka lacks the resource type). */
  public readonly costGuard?: CostGuard;

  constructor(scope: Construct, id: string, props: GovCloudBaselineStackProps) {
    super(scope, id, props);
    assertJapanRegion(this, props.env?.region);
    const { config, isHomeRegion } = props;
    this.config = config;
    this.isHomeRegion = isHomeRegion;

    const retention = {
      retentionDays: config.logRetentionDays,
      glacierInstantRetrievalAfterDays: config.archiveColdStorageAfterDays,
      // Glacier Flexible Retrieval comes later than Instant Retrieval, and not before a year.
      glacierFlexibleRetrievalAfterDays: Math.max(365, config.archiveColdStorageAfterDays + 90),
    };

    if (isHomeRegion) {
      this.auditArchive = new AuditLogArchive(this, 'AuditLogArchive', {
        ...retention,
        objectLockMode: config.objectLockMode,
        governanceModeReason: config.governanceModeReason,
      });
      this.auditTrail = new ProtectedAuditTrail(this, 'AuditTrail', {
        archive: this.auditArchive,
        logRetentionDays: config.logRetentionDays,
      });
    }
    this.configArchive = new AuditLogArchive(this, 'ConfigArchive', {
      ...retention,
      purpose: 'config-history',
      accessLogsBucket: this.auditArchive?.accessLogsBucket,
    });
    this.configRecorder = new ConfigRecorder(this, 'ConfigRecorder', {
      archive: this.configArchive,
      recordGlobalResources: isHomeRegion,
      createServiceLinkedRole: isHomeRegion && config.detection.createConfigServiceLinkedRole,
    });

    const detection = config.detection;
    this.threatDetection = new ThreatDetection(this, 'ThreatDetection', {
      guardDuty: detection.guardDuty,
      securityHub: detection.securityHub,
      accessAnalyzer: detection.accessAnalyzer,
      cisStandard: detection.cisStandard,
      cisVersion: detection.cisVersion,
      guardDutyProtection: detection.guardDutyRuntimeMonitoring
        ? { runtimeMonitoring: { ecsFargateAgentManagement: true } }
        : undefined,
      recorder: this.configRecorder,
    });
    this.configRules = new ConfigRules(this, 'ConfigRules', {
      recorder: this.configRecorder,
      includeGlobalResourceRules: isHomeRegion,
      logRetentionDays: config.logRetentionDays,
      trailLogGroupArn: this.auditTrail?.trail.cloudWatchLogsLogGroupArn,
    });
    // One topic per region: EventBridge cannot target a topic in another region.
    this.alerts = new SecurityAlerts(this, 'SecurityAlerts', {
      notificationEmails: config.notificationEmails,
      trailLogGroup: this.auditTrail?.logGroup,
    });
    if (detection.monthlyBudgetUsd !== undefined && this.region === 'ap-northeast-1') {
      this.costGuard = new CostGuard(this, 'CostGuard', {
        monthlyBudgetUsd: detection.monthlyBudgetUsd,
        alerts: detection.budgetAlerts,
        alertTopic: this.alerts,
      });
    }
  }
}
