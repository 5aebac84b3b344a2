import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';
import { LockedBackupVault } from '../../constructs/backup/locked-backup-vault';
import { BaselineProtection } from '../../constructs/guardrails/baseline-protection';
import { PurposeKey } from '../../constructs/keys/purpose-key';
import { ClosedNetwork } from '../../constructs/network/closed-network';
import { PremisesConnectivity } from '../../constructs/network/connectivity';
import { tagTenantResources } from '../../constructs/system/municipality-tenant';
import { TenantBudget } from '../../constructs/system/tenant-budget';
import type { GovCloudPlan, TenantPlan } from '../config';
import { assertJapanRegion, availabilityZonesFor, BUDGETS_REGION } from './region';
import { applyStandardTags } from './tags';

export interface GovCloudDrStackProps extends StackProps {
  /** The resolved plan of the config (see `resolvePlan`). */
  readonly plan: GovCloudPlan;
  /** Municipalities whose backup copies land in this stack's vaults. */
  readonly tenants: readonly TenantPlan[];
  /**
   * CIDR of a pilot-light closed network in this stack.
   * @default - no network
   */
  readonly pilotLightCidr?: string;
}

/**
 * The disaster-recovery side of the sample system in the other Japanese region (Osaka by
 * default; 東西2センター): for each municipality a backup key and a locked, CMK-encrypted vault
 * that receives the copies of its recovery points — per municipality, so that crypto-erasing
 * one municipality also covers its copies (KEY-4) — and, optionally, a pilot-light closed
 * network (flow logs and gateway endpoints only; interface endpoints and compute are added on
 * failover, so it costs next to nothing while idle).
 *
 * Deploy it before the primary system stacks: their copy actions name its vaults.
 *
 * Implements BAK-2 (destination vault with a CMK in the other region), BAK-3 (Vault Lock),
 * BAK-4 (DR deployable in Osaka), REG-3, KEY-4.
 */
export class GovCloudDrStack extends Stack {
  /** Copy vault per municipality code. */
  public readonly vaults: Readonly<Record<string, backup.BackupVault>>;
  /** Backup key per municipality code. */
  public readonly keys: Readonly<Record<string, PurposeKey>>;
  /** The pilot-light network, when requested. */
  public readonly network?: ClosedNetwork;

  /** The config's zones, read by the `availabilityZones` override before `super` returns. */
  private configuredZones?: readonly string[];

  constructor(scope: Construct, id: string, props: GovCloudDrStackProps) {
    super(scope, id, props);
    const { plan } = props;
    const { config } = plan;
    this.configuredZones = config.system.availabilityZones;
    assertJapanRegion(this, props.env?.region);
    applyStandardTags(this, plan.tags);
    // Deployable through the hardened CDK bootstrap: every role carries the baseline boundary.
    BaselineProtection.applyBoundary(this);
    const system = config.system;
    const aliasPrefix = plan.system.aliasPrefix;
    const vaults: Record<string, backup.BackupVault> = {};
    const keys: Record<string, PurposeKey> = {};

    for (const tenant of props.tenants) {
      const scopeOf = new Construct(this, `Tenant-${tenant.code}`);
      keys[tenant.code] = new PurposeKey(scopeOf, 'BackupKey', {
        purpose: 'backup',
        qualifier: tenant.code,
        aliasPrefix,
      });
      vaults[tenant.code] = new LockedBackupVault(scopeOf, 'CopyVault', {
        encryptionKey: keys[tenant.code].key,
        minRetentionDays: system.backup.vaultLockMinRetentionDays,
        changeableForDays: system.backup.vaultLockChangeableForDays,
        backupVaultName: tenant.copyVaultName,
      }).vault;
      if (
        system.perTenantMonthlyBudgetUsd !== undefined &&
        this.region === BUDGETS_REGION &&
        config.primaryRegion !== BUDGETS_REGION
      ) {
        // The primary region (Osaka) has no AWS::Budgets::Budget; budgets are account-wide.
        new TenantBudget(scopeOf, 'Budget', {
          municipalityCode: tenant.code,
          monthlyLimitUsd: system.perTenantMonthlyBudgetUsd,
          notificationEmails: config.notificationEmails,
        });
      }
      tagTenantResources(scopeOf, tenant.code);
    }
    this.vaults = vaults;
    this.keys = keys;

    if (props.pilotLightCidr) {
      const owner = props.tenants.length === 1 ? props.tenants[0].code : 'shared';
      const networkScope = new Construct(this, 'PilotLight');
      const logKey = new PurposeKey(networkScope, 'LogKey', {
        purpose: 'audit-logs',
        qualifier: `dr-${owner}`,
        aliasPrefix,
      });
      this.network = new ClosedNetwork(networkScope, 'Network', {
        cidr: props.pilotLightCidr,
        maxAzs: system.maxAzs,
        premisesCidrs: system.premisesCidrs,
        interfaceEndpoints: [],
        flowLogKey: logKey.key,
        retention: plan.logRetention,
        connectivity: system.dr.transitGatewayId
          ? PremisesConnectivity.transitGateway({
              transitGatewayId: system.dr.transitGatewayId,
              defaultRoute: system.defaultRouteToPremises,
            })
          : undefined,
      });
      if (owner !== 'shared') {
        tagTenantResources(networkScope, owner);
      }
    }
  }

  /**
   * Fixed zones (config or the documented Tokyo/Osaka default), never a lookup: synth needs no
   * credentials even with an account set (BAK-4, PORT-2).
   */
  public override get availabilityZones(): string[] {
    return (
      availabilityZonesFor(this.region, this.account, this.configuredZones) ??
      super.availabilityZones
    );
  }
}
