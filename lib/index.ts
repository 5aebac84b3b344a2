// Public entry point of govcloud-jp-cdk. Importing it has no side effects: no App is created
// and no file is read (only `loadConfig` reads, when called).
//
// An explicit list, pinned by test/public-api.test.ts: constructs with their props, interfaces
// and enums; the stacks; the config loader, parser, plan and their types; the rule packs; the
// report writers; the SCP builder; the error class. Helpers, policy documents and action lists
// stay internal. The test helpers are the separate entry `govcloud-jp-cdk/testing`.

// Constructs (L3), one folder per concern.
export {
  AccessRoles,
  type AccessRoleOptions,
  type AccessRolesProps,
  type CentralLogReaderOptions,
  type DelegateRoleOptions,
  type DigitalAgencyRoleOptions,
  type OperatorRoleOptions,
  type RepresentativeRoleOptions,
  type SubDelegateRoleOptions,
  type TrustedPrincipals,
} from '../constructs/access';
export {
  SecurityAlerts,
  type AlertSummary,
  type IAlertTopic,
  type SecurityAlertsProps,
  type WatchedRole,
} from '../constructs/alerts';
export {
  AuditLogArchive,
  ConfigRecorder,
  ProtectedAuditTrail,
  type AuditLogArchiveAttributes,
  type AuditLogArchiveProps,
  type AuditLogDeliveryOptions,
  type IAuditLogArchive,
  type AuditLogArchivePurpose,
  type AuditLogObjectLockMode,
  type ConfigRecorderProps,
  type ConfigSnapshotDeliveryFrequency,
  type ProtectedAuditTrailProps,
} from '../constructs/audit';
export {
  backupVaultArn,
  LockedBackupVault,
  ProtectedBackupPlan,
  type BackupCopyDestination,
  type LockedBackupVaultProps,
  type ProtectedBackupPlanProps,
} from '../constructs/backup';
export { GovCloudError, type GovCloudErrorProps } from '../constructs/core/errors';
export { acknowledgeFindings, type FindingAcknowledgement } from '../constructs/core/nag-finding';
export {
  CostGuard,
  type BudgetAlert,
  type BudgetAlertType,
  type CostGuardProps,
} from '../constructs/cost';
export {
  ConfigRules,
  ThreatDetection,
  type CisBenchmarkVersion,
  type ConfigRuleName,
  type ConfigRulesProps,
  type DeployedConfigRule,
  type FindingPublishingFrequency,
  type GuardDutyProtection,
  type RuntimeMonitoringOptions,
  type ThreatDetectionProps,
} from '../constructs/detection';
export { SnapshotExport, type SnapshotExportProps } from '../constructs/exit';
export {
  BaselineProtection,
  RegionGuard,
  type BaselineProtectionProps,
  type BaselineTag,
  type PolicyConditionJson,
  type PolicyDocumentJson,
  type PolicyStatementJson,
  type RegionGuardProps,
} from '../constructs/guardrails';
export { PurposeKey, type KeyPurpose, type PurposeKeyProps } from '../constructs/keys/purpose-key';
export {
  ClosedNetwork,
  EncryptedLogGroup,
  HybridDns,
  PremisesConnectivity,
  VpcFlowLogs,
  type ClosedNetworkProps,
  type ClosedNetworkResolverOptions,
  type DnsForwardingRule,
  type EncryptedLogGroupProps,
  type HybridDnsProps,
  type IPremisesConnectivity,
  type PremisesConnectivityTarget,
  type TransitGatewayConnectivityProps,
  type VpcFlowLogsProps,
  type VpnGatewayConnectivityProps,
} from '../constructs/network';
export {
  ApplicationTier,
  DataTier,
  MunicipalSystem,
  OperationsLogBucket,
  RdsOsMetricsLogGroup,
  type ApplicationTierProps,
  type DataTierProps,
  type MunicipalSystemProps,
  type MunicipalSystemSizes,
  type OperationsLogBucketProps,
  type RdsOsMetricsLogGroupProps,
  type TargetProtocol,
} from '../constructs/system';
export {
  MunicipalityTenant,
  TenantBudget,
  type MunicipalityTenantProps,
  type SharedPlatform,
  type TenantApplicationOptions,
  type TenantBackupOptions,
  type TenantBudgetProps,
  type TenantMunicipality,
} from '../constructs/system';

// Configuration: the loader and parser, the resolved plan, their types.
export {
  ConfigError,
  configSchema,
  loadConfig,
  parseConfig,
  resolvePlan,
  type BaselinePlan,
  type ConfigProblem,
  type GovCloudConfig,
  type GovCloudConfigInput,
  type GovCloudPlan,
  type JapanRegion,
  type NonFunctionalSettings,
  type PlatformConfig,
  type PlatformMode,
  type PlatformService,
  type ServiceOwnership,
  type SystemConfig,
  type SystemPlan,
  type SystemTenant,
  type TenantPlan,
} from './config';

// The stacks and the app builder.
export {
  applyAcknowledgements,
  buildGovCloudApp,
  type GovCloudAppOptions,
  type GovCloudStacks,
} from './app';
export {
  baselineBucketArnPattern,
  GovCloudBaselineStack,
  type GovCloudBaselineStackProps,
} from './stacks/baseline-stack';
export { GovCloudDrStack, type GovCloudDrStackProps } from './stacks/dr-stack';
export {
  buildMunicipalSystemStacks,
  MunicipalSharedPlatformStack,
  MunicipalSystemStack,
  type MunicipalSharedPlatformStackProps,
  type MunicipalSystemStackProps,
  type MunicipalSystemStacks,
} from './stacks/municipal-system-stack';

// Rule packs and the requirement catalog.
export { applyChecks } from './checks';
export {
  GOVCLOUD_RULES,
  GovCloudChecks,
  NagPackPolicy,
  onlyErrorsFail,
  type GovCloudChecksProps,
  type GovCloudNonFunctionalLevels,
  type GovCloudProfile,
  type GovCloudRuleCheck,
  type GovCloudRuleCrash,
  type GovCloudRuleDefinition,
  type GovCloudRuleInfo,
  type GovCloudRuleSettings,
  ResourceIndex,
  type NagRule,
} from './nag';
export {
  REQUIREMENTS,
  type Requirement,
  type RequirementId,
  type RequirementScope,
} from '../domain/requirements';

// Compliance report writers.
export {
  collectEvidence,
  type Evidence,
  type EvidenceRule,
  type RuleResult,
} from './report/evidence';
export {
  writeEvidence,
  writePlatformServices,
  writeReport,
  type EvidenceFile,
  type PlatformServicesFile,
} from './report/files';
export {
  renderReport,
  type Approval,
  type ComplianceReport,
  type ReportContext,
  type ReportSummary,
  type RuleStatus,
  type ValidationReportLike,
} from './report/render';
export { type Responsibility } from './report/responsibilities';
export { writeComplianceReport, type ComplianceReportOptions } from './report/vendor-report';

// SCP documents for the organization owner.
export {
  buildScpDocuments,
  writeScpDocuments,
  type ScpDocument,
  type ScpDocumentsInput,
} from './scp';
