import { Annotations, Duration, Stack, type StackProps, Token } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AccessRoles } from '../../constructs/access';
import { GovCloudError } from '../../constructs/core/errors';
import { recordImplements } from '../../constructs/core/implements';
import { SecurityAlerts, type WatchedRole } from '../../constructs/alerts';
import { AuditLogArchive, ConfigRecorder, ProtectedAuditTrail } from '../../constructs/audit';
import { CostGuard } from '../../constructs/cost';
import { ConfigRules, ThreatDetection } from '../../constructs/detection';
import { BaselineProtection, RegionGuard } from '../../constructs/guardrails';
import { RdsOsMetricsLogGroup } from '../../constructs/system/rds-os-metrics-log-group';
import {
  PLATFORM_ROLE_NAME_PATTERNS,
  PlatformProtection,
} from '../../constructs/guardrails/platform-protection';
import { defaultDeployerArns } from '../../constructs/core/deployer';
import {
  type GovCloudConfig,
  type GovCloudPlan,
  type PlatformService,
  type ServiceOwnership,
} from '../config';
import { assertJapanRegion } from './region';
import { applyStandardTags } from './tags';

export interface GovCloudBaselineStackProps extends StackProps {
  /** The resolved plan of the config (see `loadConfig` and `resolvePlan`). */
  readonly plan: GovCloudPlan;
  /**
   * True for the configured primary (home) region: the account-wide multi-region trail,
   * global resources in Config and the permission-model roles live there only.
   */
  readonly isHomeRegion: boolean;
  /**
   * Names of every baseline stack of the account (all regions), this one included. The home
   * region's guard policy (BaselineProtection, LOG-2) protects the other regions' archive
   * buckets by name prefix, since S3 does not evaluate resource tags in IAM policies, and
   * denies changing or deleting those stacks. Give the same list to the Tokyo and the Osaka
   * stack; `buildGovCloudApp` does. A home-region stack whose list leaves out itself or
   * another baseline stack of the same account in the app fails synthesis with the fix.
   * @default - this stack only
   */
  readonly baselineStackNames?: readonly string[];
}

/**
 * ARN pattern of the buckets CloudFormation names for a stack (`<stack name>-<logical id>-…`,
 * lowercased). Used for the guard policy and the SCP documents (LOG-2).
 */
export function baselineBucketArnPattern(stackName: string): string {
  return `arn:aws:s3:::${stackName.toLowerCase()}-*`;
}

/**
 * The Government Cloud baseline template (ベースラインテンプレート) for one region of a
 * tenant account (個別領域).
 *
 * Thin by design: it wires the constructs from config. It has no assets and no Lambda-backed
 * custom resources so that CloudFormation StackSets can deploy it without bootstrapping.
 */
export class GovCloudBaselineStack extends Stack {
  /** The validated configuration the plan was resolved from. */
  public readonly config: GovCloudConfig;
  public readonly isHomeRegion: boolean;
  /** Object Lock archive of the CloudTrail logs (home region only). */
  public readonly auditArchive?: AuditLogArchive;
  /** The account's multi-region trail (home region only). */
  public readonly auditTrail?: ProtectedAuditTrail;
  /**
   * Archive of AWS Config history (every region; Config cannot use Object Lock), unless the
   * platform's recorder is used.
   */
  public readonly configArchive?: AuditLogArchive;
  /** The Config recorder, unless `platform.configRecorder` is `existing`. */
  public readonly configRecorder?: ConfigRecorder;
  public readonly threatDetection: ThreatDetection;
  public readonly configRules: ConfigRules;
  /** Encrypted alert topic, EventBridge rules and trail alarms of this region. */
  public readonly alerts: SecurityAlerts;
  /** Monthly budget (Tokyo only: budgets are account-wide and Osaka lacks the resource type). */
  public readonly costGuard?: CostGuard;
  /** Explicit-deny guard of the baseline's own resources (home region; IAM is global). */
  public readonly protection?: BaselineProtection;
  /** The account-wide log group of RDS Enhanced Monitoring, unless turned off in config. */
  public readonly rdsOsMetrics?: RdsOsMetricsLogGroup;
  /** Denies every region but Tokyo and Osaka to the operator roles (home region). */
  public readonly regionGuard?: RegionGuard;
  /** The permission model's roles (home region). */
  public readonly accessRoles?: AccessRoles;
  /** Deny of changes to the platform's resources for the tenant roles (gcas mode, home region). */
  public readonly platformProtection?: PlatformProtection;
  /**
   * The designated deployer (指定された配備主体): `aws:PrincipalArn` patterns to which the key,
   * bucket and topic policies reserve the management of the baseline's keys, archives and alert
   * topic. `access.baselineDeployerArns` when configured, else the role that deploys this
   * template (the CDK CloudFormation execution role, or the StackSets / Control Tower execution
   * roles with `-c stackset=true`); in `gcas` mode the platform's roles too (PLAT-1). LOG-2,
   * KEY-2, DET-3.
   */
  public readonly deployerArns: readonly string[];
  /**
   * Who creates each account-level service in this region: `create` (this stack) or
   * `existing` (the platform's, expected to exist before deployment), PLAT-1.
   */
  public readonly services: Readonly<Record<PlatformService, ServiceOwnership>>;

  constructor(scope: Construct, id: string, props: GovCloudBaselineStackProps) {
    super(scope, id, props);
    assertJapanRegion(this, props.env?.region);
    applyStandardTags(this, props.plan.tags);
    // The region check and the tags above.
    recordImplements(this, 'REG-1', 'IAM-6', 'TEN-3', 'DET-4');
    const { plan, isHomeRegion } = props;
    const { config } = plan;
    this.config = config;
    this.isHomeRegion = isHomeRegion;

    this.deployerArns = [
      ...(config.access.baselineDeployerArns ?? defaultDeployerArns(this)),
      ...(config.platform.mode === 'gcas'
        ? PLATFORM_ROLE_NAME_PATTERNS.map(
            (name) => `arn:${this.partition}:iam::${this.account}:role/${name}`,
          )
        : []),
    ];
    const deployerArns = this.deployerArns;

    const retention = {
      retentionDays: config.logRetentionDays,
      glacierInstantRetrievalAfterDays: config.archiveColdStorageAfterDays,
      // Glacier Flexible Retrieval comes later than Instant Retrieval, and not before a year.
      glacierFlexibleRetrievalAfterDays: Math.max(365, config.archiveColdStorageAfterDays + 90),
    };

    const services = plan.platformServices;
    this.services = services;
    const creates = (service: PlatformService) => services[service] === 'create';
    Annotations.of(this).addInfo(
      `Platform mode ${config.platform.mode} [PLAT-1]: creates ${listServices(services, 'create')}; expects to exist ${listServices(services, 'existing')}.`,
    );

    if (isHomeRegion && creates('trail')) {
      this.auditArchive = new AuditLogArchive(this, 'AuditLogArchive', {
        ...retention,
        objectLockMode: config.objectLockMode,
        governanceModeReason: config.governanceModeReason,
        deployerArns,
      });
      this.auditTrail = new ProtectedAuditTrail(this, 'AuditTrail', {
        archive: this.auditArchive,
        retention: config.logRetentionDays as logs.RetentionDays,
      });
    }
    if (creates('configRecorder')) {
      this.configArchive = new AuditLogArchive(this, 'ConfigArchive', {
        ...retention,
        purpose: 'config-history',
        accessLogsBucket: this.auditArchive?.accessLogsBucket,
        deployerArns,
      });
      this.configRecorder = new ConfigRecorder(this, 'ConfigRecorder', {
        archive: this.configArchive,
        recordGlobalResources: isHomeRegion,
        createServiceLinkedRole: isHomeRegion && config.detection.createConfigServiceLinkedRole,
      });
    }

    const detection = config.detection;
    this.threatDetection = new ThreatDetection(this, 'ThreatDetection', {
      guardDuty: detection.guardDuty && creates('guardDuty'),
      securityHub: detection.securityHub && creates('securityHub'),
      accessAnalyzer: detection.accessAnalyzer && creates('accessAnalyzer'),
      cisStandard: detection.cisStandard,
      cisVersion: detection.cisVersion,
      guardDutyProtection: detection.guardDutyRuntimeMonitoring
        ? { runtimeMonitoring: { ecsFargateAgentManagement: true } }
        : undefined,
      recorder: this.configRecorder,
    });
    // With the platform's recorder the rules have no recorder to wait for: it already exists.
    this.configRules = new ConfigRules(this, 'ConfigRules', {
      recorder: this.configRecorder,
      includeGlobalResourceRules: isHomeRegion,
      retention: config.logRetentionDays as logs.RetentionDays,
      trailLogGroupArn: this.auditTrail?.trail.cloudWatchLogsLogGroupArn,
    });
    const existingTrailLogGroup =
      isHomeRegion && !creates('trail') && config.platform.trailMetricAlarms
        ? this.existingTrailLogGroup()
        : undefined;
    // Every baseline resource carries the tag the guard policy protects (LOG-2).
    BaselineProtection.tagAsBaseline(this);
    if (isHomeRegion) {
      this.protection = new BaselineProtection(this, 'BaselineProtection', {
        trailArns: this.auditTrail ? [this.auditTrail.trailArn] : [],
        bucketArns: [
          ...this.archives().flatMap((a) => [a.bucket.bucketArn, a.accessLogsBucket.bucketArn]),
          ...(props.baselineStackNames ?? [this.stackName]).map(baselineBucketArnPattern),
        ],
        keyArns: this.archives().map((a) => a.key.keyArn),
        logGroupArns: this.auditTrail
          ? [this.auditTrail.logGroup.logGroupArn]
          : existingTrailLogGroup
            ? [existingTrailLogGroup.logGroupArn]
            : [],
        baselineStackNames: props.baselineStackNames,
      });
      this.node.addValidation({
        validate: () => this.unprotectedBaselines(props.baselineStackNames ?? [this.stackName]),
      });
      this.regionGuard = new RegionGuard(this, 'RegionGuard');
      this.accessRoles = this.createAccessRoles(this.protection, this.regionGuard);
      if (config.platform.mode === 'gcas') {
        this.platformProtection = new PlatformProtection(this, 'PlatformProtection');
        for (const role of this.tenantRoles()) {
          this.platformProtection.attachTo(role);
        }
      }
    }

    // One RDSOSMetrics group per account and region, whatever the number of systems: it
    // belongs here, not in a system stack, and exists before the first database (LOG-5). It is
    // a baseline resource like the others: guarded principals can neither delete it nor
    // shorten its retention or remove its key.
    if (detection.rdsOsMetricsLogGroup) {
      this.rdsOsMetrics = new RdsOsMetricsLogGroup(this, 'RdsOsMetrics', {
        retention: plan.logRetention,
        deployerArns,
      });
    }

    // One topic per region: EventBridge cannot target a topic in another region.
    this.alerts = new SecurityAlerts(this, 'SecurityAlerts', {
      notificationEmails: config.notificationEmails,
      trailLogGroup: this.auditTrail?.logGroup ?? existingTrailLogGroup,
      watchedRoles: this.watchedRoles(),
      deployerArns,
    });
    if (detection.monthlyBudgetUsd !== undefined && this.region === 'ap-northeast-1') {
      this.costGuard = new CostGuard(this, 'CostGuard', {
        monthlyBudgetUsd: detection.monthlyBudgetUsd,
        alerts: detection.budgetAlerts,
        alertTopic: this.alerts,
      });
    }
  }

  private createAccessRoles(protection: BaselineProtection, regionGuard: RegionGuard): AccessRoles {
    const { access } = this.config;
    const trust = <T extends object>(role: T | undefined): { trustedPrincipals: T } | undefined =>
      role ? { trustedPrincipals: role } : undefined;
    const delegated = (
      role: (typeof access)['delegate'],
    ): { trustedPrincipals: object; delegatedActions: string[] } | undefined => {
      if (!role) {
        return undefined;
      }
      const { delegatedActions, ...trustedPrincipals } = role;
      return { trustedPrincipals, delegatedActions: [...delegatedActions] };
    };
    return new AccessRoles(this, 'AccessRoles', {
      maxMfaAge: Duration.seconds(access.maxMfaAgeSeconds),
      baselineProtection: protection,
      regionGuard,
      representative: trust(access.representative),
      operator: trust(access.operator),
      delegate: delegated(access.delegate),
      subDelegate: delegated(access.subDelegate),
      digitalAgency: trust(access.digitalAgency),
      centralLogReader: access.logCollector && {
        trustedPrincipals: access.logCollector,
        logBucketArns: this.archives().map((a) => a.bucket.bucketArn),
        logKeyArns: this.archives().map((a) => a.key.keyArn),
      },
    });
  }

  /**
   * Baseline stacks of this account in the app that the home region's protection leaves out:
   * their archives and stacks could be deleted by the guarded roles (LOG-2). However the
   * stacks are composed, in whatever order, the guard must name every one of them.
   */
  private unprotectedBaselines(listed: readonly string[]): string[] {
    const sameAccount = (other: Stack) =>
      Token.isUnresolved(this.account) ||
      Token.isUnresolved(other.account) ||
      other.account === this.account;
    const all = this.node.root.node
      .findAll()
      .filter((c): c is GovCloudBaselineStack => c instanceof GovCloudBaselineStack)
      .filter(sameAccount);
    const missing = all.map((b) => b.stackName).filter((name) => !listed.includes(name));
    if (missing.length === 0) {
      return [];
    }
    // This (home) stack first, as buildGovCloudApp lists them.
    const names = [this, ...all.filter((b) => b !== this)]
      .map((b) => JSON.stringify(b.stackName))
      .join(', ');
    return [
      `baselineStackNames = ${JSON.stringify(listed)} leaves out ${missing.join(', ')} [LOG-2]: BaselineProtection of ${this.stackName} would not protect ${missing.length === 1 ? 'that stack and its archive buckets' : 'those stacks and their archive buckets'}. Fix: pass baselineStackNames: [${names}] to every GovCloudBaselineStack of the account (buildGovCloudApp does this).`,
    ];
  }

  /** The audit archive (home region only), then the Config archive, where the stack creates them. */
  private archives(): AuditLogArchive[] {
    return [this.auditArchive, this.configArchive].filter((a): a is AuditLogArchive => !!a);
  }

  /** The existing trail's log group named in config (validated there, PLAT-1). */
  private existingTrailLogGroup(): logs.ILogGroup {
    const name = this.config.platform.existingTrailLogGroupName;
    if (!name) {
      throw new GovCloudError({
        code: 'BaselineExistingTrailLogGroupMissing',
        problem: 'platform.existingTrailLogGroupName is missing',
        requirement: 'DET-3',
        fix: 'trail is "existing" and trailMetricAlarms is on. Fix: give the log group the existing trail delivers to in this account, or set "trailMetricAlarms": false.',
        scope: this,
      });
    }
    return logs.LogGroup.fromLogGroupName(this, 'ExistingTrailLogGroup', name);
  }

  /** Every role of the permission model except break-glass, which stays unrestricted (IAM-1). */
  private tenantRoles(): iam.IRole[] {
    const r = this.accessRoles;
    return [
      r?.operatorRole,
      r?.delegateRole,
      r?.subDelegateRole,
      r?.digitalAgencyRole,
      r?.centralLogReaderRole,
    ].filter((role): role is iam.Role => !!role);
  }

  /** Roles whose every use raises an alert: break-glass (IAM-1) and the Digital Agency (IAM-5). */
  private watchedRoles(): WatchedRole[] {
    const roles = this.accessRoles;
    if (!roles) {
      return [];
    }
    return [
      ...(roles.representativeRole
        ? [
            {
              id: 'BreakGlass',
              label: 'break-glass representative administrator (管理者・代表者)',
              roleArn: roles.representativeRole.roleArn,
              requirement: 'IAM-1' as const,
            },
          ]
        : []),
      ...(roles.digitalAgencyRole
        ? [
            {
              id: 'DigitalAgency',
              label: 'Digital Agency management role (デジタル庁)',
              roleArn: roles.digitalAgencyRole.roleArn,
              requirement: 'IAM-5' as const,
            },
          ]
        : []),
    ];
  }
}

/** E.g. "trail, configRecorder" or "nothing", in the plan's order of the services. */
function listServices(
  services: Readonly<Record<PlatformService, ServiceOwnership>>,
  ownership: ServiceOwnership,
): string {
  const names = Object.keys(services).filter((s) => services[s as PlatformService] === ownership);
  return names.length > 0 ? names.join(', ') : 'nothing';
}
