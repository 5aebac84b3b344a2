import type * as logs from 'aws-cdk-lib/aws-logs';
import type { JapanRegion } from '../../domain/regions';
import type { GovCloudConfig } from './schema';
import { deriveNonFunctionalSettings, type NonFunctionalSettings } from './sections/non-functional';
import { platformServices, type PlatformService, type ServiceOwnership } from './sections/platform';
import { backupCopyRegion, systemTenants, type SystemTenant } from './sections/system';
import {
  clusterIdentifierOf,
  drBackupVaultName,
  stackNameOf,
  systemAliasPrefix,
} from './stack-names';
import { ENVIRONMENT_TAG, MUNICIPALITY_TAG, SYSTEM_TAG } from '../../domain/tags';

/** One baseline stack of the account (ベースラインテンプレート). */
export interface BaselinePlan {
  /** Its region; the home (primary) region comes first in {@link GovCloudPlan.baselines}. */
  readonly region: JapanRegion;
  /** `<systemName>-Baseline-<Tokyo|Osaka>`. */
  readonly stackName: string;
  /** The primary region: the trail, global Config resources and the roles live there (LOG-1, IAM-2). */
  readonly isHomeRegion: boolean;
}

/** One municipality of the sample system, with its network, certificate and names (TEN-1). */
export interface TenantPlan extends SystemTenant {
  /** Its stack in the primary region, `<systemName>-System-<code>-<Region>`. */
  readonly stackName: string;
  /** Its DR stack in the copy region, `<systemName>-SystemDr-<code>-<Region>`. */
  readonly drStackName: string;
  /** Its copy vault in the DR region (BAK-2), named so the primary region can address it. */
  readonly copyVaultName: string;
  /** Its Aurora cluster's identifier. */
  readonly clusterIdentifier: string;
}

/** The sample system as resolved from `system` and `nonFunctional` (TEN-1, BAK-2, REG-3). */
export interface SystemPlan {
  /** The municipalities served, in config order (append new ones: moving one moves its VPC). */
  readonly tenants: readonly TenantPlan[];
  /** Region of the backup copies (REG-3): `system.backup.copyToRegion`, else `drRegion`. */
  readonly copyRegion: JapanRegion;
  /** Alias prefix of the system's keys (KEY-4). */
  readonly aliasPrefix: string;
  /** Backup interval, continuous backup, Multi-AZ and exit path from the levels (AVL-1, PORT-3). */
  readonly levels: NonFunctionalSettings;
  /** The shared platform stack (application mode, TEN-2). */
  readonly sharedStackName: string;
  /** The shared pilot-light network's DR stack (application mode with `dr.pilotLightNetwork`). */
  readonly sharedDrStackName: string;
}

/**
 * Everything the stacks need from one config, resolved once: the validated file plus the
 * values derived from it. Stacks read this and never derive values from the config themselves,
 * so a value has one source and one path (config → plan → stacks).
 */
export interface GovCloudPlan {
  /** The validated config file. */
  readonly config: GovCloudConfig;
  /** Retention of every log group (RET-1), as CloudWatch Logs' value. */
  readonly logRetention: logs.RetentionDays;
  /** Tags every resource carries (IAM-6, TEN-3, DET-4): the config's own plus the library's. */
  readonly tags: Readonly<Record<string, string>>;
  /** Who creates each account-level service, with the mode's defaults and overrides (PLAT-1). */
  readonly platformServices: Readonly<Record<PlatformService, ServiceOwnership>>;
  /** The baseline stacks, home region first. */
  readonly baselines: readonly BaselinePlan[];
  /** The sample system (its stacks are built only with `system.enabled`). */
  readonly system: SystemPlan;
}

const plans = new WeakMap<GovCloudConfig, GovCloudPlan>();

/**
 * The resolved plan of a validated config (see `loadConfig`, `parseConfig`), deeply frozen.
 * Resolved once per config object: every later call returns the same plan.
 */
export function resolvePlan(config: GovCloudConfig): GovCloudPlan {
  const known = plans.get(config);
  if (known) {
    return known;
  }
  const copyRegion = backupCopyRegion(config);
  const plan: GovCloudPlan = {
    config,
    // LOG_RETENTION_DAYS_ALLOWED holds only values of the enum; the schema refuses the rest.
    logRetention: config.logRetentionDays as logs.RetentionDays,
    tags: {
      ...config.tags,
      [ENVIRONMENT_TAG]: config.environment,
      [MUNICIPALITY_TAG]: config.municipality.code,
      [SYSTEM_TAG]: config.systemName,
    },
    platformServices: platformServices(config.platform),
    baselines: [config.primaryRegion, config.drRegion].map((region) => ({
      region,
      stackName: stackNameOf(config, 'Baseline', region),
      isHomeRegion: region === config.primaryRegion,
    })),
    system: {
      tenants: systemTenants(config).map((tenant) => ({
        ...tenant,
        stackName: stackNameOf(config, `System-${tenant.code}`, config.primaryRegion),
        drStackName: stackNameOf(config, `SystemDr-${tenant.code}`, copyRegion),
        copyVaultName: drBackupVaultName(config, tenant.code),
        clusterIdentifier: clusterIdentifierOf(config, tenant.code),
      })),
      copyRegion,
      aliasPrefix: systemAliasPrefix(config),
      levels: deriveNonFunctionalSettings(config.nonFunctional),
      sharedStackName: stackNameOf(config, 'System-Shared', config.primaryRegion),
      sharedDrStackName: stackNameOf(config, 'SystemDr-Shared', copyRegion),
    },
  };
  deepFreeze(plan);
  plans.set(config, plan);
  return plan;
}

function deepFreeze(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
}
