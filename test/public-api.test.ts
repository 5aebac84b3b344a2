import * as api from '../lib';

// The public API is an explicit list (lib/index.ts). A name added to or dropped from it is a
// change for every vendor: it must show up here, in review, not slip in through a re-export.
// Helpers (addTrust, checkDigit, parseIpv4, stack naming, …) and the test helpers of
// govcloud-jp-cdk/testing are absent on purpose.
const RUNTIME_EXPORTS = [
  'AccessRoles',
  'ApplicationTier',
  'AuditLogArchive',
  'BaselineProtection',
  'ClosedNetwork',
  'ConfigError',
  'ConfigRecorder',
  'ConfigRules',
  'CostGuard',
  'DataTier',
  'EncryptedLogGroup',
  'GOVCLOUD_RULES',
  'GovCloudBaselineStack',
  'GovCloudChecks',
  'GovCloudDrStack',
  'GovCloudError',
  'HybridDns',
  'LockedBackupVault',
  'MunicipalSharedPlatformStack',
  'MunicipalSystem',
  'MunicipalSystemStack',
  'MunicipalityTenant',
  'NagPackPolicy',
  'OperationsLogBucket',
  'PremisesConnectivity',
  'ProtectedAuditTrail',
  'ProtectedBackupPlan',
  'PurposeKey',
  'REQUIREMENTS',
  'RdsOsMetricsLogGroup',
  'RegionGuard',
  'ResourceIndex',
  'SecurityAlerts',
  'SnapshotExport',
  'TenantBudget',
  'ThreatDetection',
  'VpcFlowLogs',
  'acknowledgeFindings',
  'applyAcknowledgements',
  'applyChecks',
  'backupVaultArn',
  'baselineBucketArnPattern',
  'buildGovCloudApp',
  'buildMunicipalSystemStacks',
  'buildScpDocuments',
  'collectEvidence',
  'configSchema',
  'loadConfig',
  'onlyErrorsFail',
  'parseConfig',
  'renderReport',
  'resolvePlan',
  'writeComplianceReport',
  'writeEvidence',
  'writePlatformServices',
  'writeReport',
  'writeScpDocuments',
];

describe('public API (lib/index.ts)', () => {
  test('exports exactly the curated runtime names', () => {
    expect(Object.keys(api).sort()).toEqual([...RUNTIME_EXPORTS].sort());
  });
});
