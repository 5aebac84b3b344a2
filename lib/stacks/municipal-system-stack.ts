import { CfnOutput, Stack, Tags, Validations, type App, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import { backupVaultArn } from '../../constructs/backup/protected-backup-plan';
import { BaselineProtection } from '../../constructs/guardrails/baseline-protection';
import { PurposeKey } from '../../constructs/keys/purpose-key';
import { ClosedNetwork, type ClosedNetworkProps } from '../../constructs/network/closed-network';
import {
  PremisesConnectivity,
  type IPremisesConnectivity,
} from '../../constructs/network/connectivity';
import { MunicipalityTenant } from '../../constructs/system/municipality-tenant';
import { ApplicationTier } from '../../constructs/system/application-tier';
import { OperationsLogBucket } from '../../constructs/system/operations-log-bucket';
import type { GovCloudPlan, SystemConfig, TenantPlan } from '../config';
import { GovCloudDrStack } from './dr-stack';
import { TENANCY_APPLICATION, TENANCY_TAG, TENANCY_VPC } from '../../domain/tags';
import { assertJapanRegion, availabilityZonesFor, BUDGETS_REGION } from './region';
import { applyStandardTags } from './tags';

/** The network options every closed network of the system gets from config. */
function networkOptions(
  s: SystemConfig,
  cidr: string,
): Omit<ClosedNetworkProps, 'flowLogKey' | 'retention'> {
  let connectivity: IPremisesConnectivity | undefined;
  if (s.transitGatewayId) {
    connectivity = PremisesConnectivity.transitGateway({
      transitGatewayId: s.transitGatewayId,
      defaultRoute: s.defaultRouteToPremises,
    });
  } else if (s.vpnGatewayId) {
    connectivity = PremisesConnectivity.vpnGateway({
      vpnGatewayId: s.vpnGatewayId,
      defaultRoute: s.defaultRouteToPremises,
    });
  }
  return {
    cidr,
    maxAzs: s.maxAzs,
    premisesCidrs: s.premisesCidrs,
    interfaceEndpoints: s.interfaceEndpoints,
    connectivity,
    resolver: s.resolver,
  };
}

export interface MunicipalSharedPlatformStackProps extends StackProps {
  /** The resolved plan of the config (tenancy `application`; see `resolvePlan`). */
  readonly plan: GovCloudPlan;
}

/**
 * The platform shared by all municipalities in application-level separation (アプリケーション
 * レベルでの分離): one closed network and one application tier. Every resource is tagged
 * `govcloud-jp:tenancy = application`, and the stack carries a TEN-2 warning: this separation
 * model needs the Digital Agency's approval, whose reference the config must give.
 *
 * Implements TEN-2 (flagged, approval reference recorded), NET-1..6, LOG-4, LOG-5.
 */
export class MunicipalSharedPlatformStack extends Stack {
  /** The shared network. */
  public readonly network: ClosedNetwork;
  /** The shared application tier. */
  public readonly application: ApplicationTier;

  /** The config's zones, read by the `availabilityZones` override before `super` returns. */
  private configuredZones?: readonly string[];

  constructor(scope: Construct, id: string, props: MunicipalSharedPlatformStackProps) {
    super(scope, id, props);
    const { plan } = props;
    const { config } = plan;
    const s = config.system;
    this.configuredZones = s.availabilityZones;
    assertJapanRegion(this, props.env?.region);
    applyStandardTags(this, plan.tags);
    // Deployable through the hardened CDK bootstrap: every role carries the baseline boundary.
    BaselineProtection.applyBoundary(this);
    const key = new PurposeKey(this, 'SharedKey', {
      purpose: 'data',
      qualifier: 'shared',
      aliasPrefix: plan.system.aliasPrefix,
    });
    this.network = new ClosedNetwork(this, 'Network', {
      ...networkOptions(s, s.vpcCidr),
      flowLogKey: key.key,
      retention: plan.logRetention,
    });
    const operationsLogs = new OperationsLogBucket(this, 'OperationsLogs', {
      retentionDays: config.logRetentionDays,
    });
    this.application = new ApplicationTier(this, 'Application', {
      network: this.network,
      encryptionKey: key.key,
      certificateArn: s.certificateArn ?? '',
      accessLogsBucket: operationsLogs.bucket,
      repository: s.application.repositoryName
        ? ecr.Repository.fromRepositoryName(this, 'Repository', s.application.repositoryName)
        : undefined,
      imageTag: s.application.imageTag,
      containerPort: s.application.containerPort,
      healthCheckPath: s.application.healthCheckPath,
      cpu: s.sizes.taskCpu,
      memoryMiB: s.sizes.taskMemoryMiB,
      desiredCount: s.sizes.desiredCount,
      retention: plan.logRetention,
    });
    Tags.of(this).add(TENANCY_TAG, TENANCY_APPLICATION);
    Validations.of(this).addWarning(
      'GovCloudJp-TEN2',
      `TEN-2: ${plan.system.tenants.length} municipalities share one network and application tier (application-level separation). The rules allow separation other than a dedicated VPC per municipality only with the Digital Agency's approval (デジタル庁の承認; 「地方公共団体情報システムのガバメントクラウドの利用に関する基準」, デジタル庁, 2022, §4.1.4 note 6); approval reference recorded in config: "${s.applicationSeparationApproval ?? '(none)'}".`,
    );
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

export interface MunicipalSystemStackProps extends StackProps {
  /** The resolved plan of the config (see `resolvePlan`). */
  readonly plan: GovCloudPlan;
  /** The municipality this stack serves, one of `plan.system.tenants`. */
  readonly tenant: TenantPlan;
  /**
   * The shared platform (application mode only).
   * @default - the municipality gets its own closed network and application tier
   */
  readonly shared?: MunicipalSharedPlatformStack;
}

/**
 * The sample municipal standard-conformant system (標準準拠システム) of one municipality in
 * the primary region: one stack per municipality, so that each template stays far below
 * CloudFormation's limits (500 resources, 1 MB) however many municipalities a vendor serves,
 * and a municipality can join or leave without touching another's stack.
 *
 * In `vpc` and `account` mode the stack holds the municipality's own closed network,
 * application tier, data tier, keys, locked backup vault (copied to the DR stack's vault in
 * the other Japanese region), optional exit path and budget. In `application` mode it holds
 * only the data tier, keys, backup, exit and budget, and grants the shared application access.
 *
 * This stack may contain what the baseline must avoid (e.g. a custom resource) but currently
 * has neither assets nor Lambda functions.
 *
 * Backup interval, continuous backup and the exit path follow `config.nonFunctional` (see
 * `SystemPlan.levels`).
 *
 * Implements TEN-1, TEN-3, KEY-4, BAK-1..4, REG-3, PORT-1 (through the tenant), NET-1..6,
 * AVL-1, AVL-2, PORT-3.
 */
export class MunicipalSystemStack extends Stack {
  /** The municipality's resources. */
  public readonly tenant: MunicipalityTenant;

  /** The config's zones, read by the `availabilityZones` override before `super` returns. */
  private configuredZones?: readonly string[];

  constructor(scope: Construct, id: string, props: MunicipalSystemStackProps) {
    super(scope, id, props);
    const { plan, tenant } = props;
    const { config } = plan;
    const s = config.system;
    this.configuredZones = s.availabilityZones;
    assertJapanRegion(this, props.env?.region);
    applyStandardTags(this, plan.tags);
    // Deployable through the hardened CDK bootstrap: every role carries the baseline boundary.
    BaselineProtection.applyBoundary(this);
    const { copyRegion, levels } = plan.system;
    this.tenant = new MunicipalityTenant(this, `Municipality-${tenant.code}`, {
      municipality: { name: tenant.name, code: tenant.code },
      aliasPrefix: plan.system.aliasPrefix,
      network: props.shared ? undefined : networkOptions(s, tenant.vpcCidr),
      shared: props.shared
        ? { network: props.shared.network, application: props.shared.application }
        : undefined,
      application: props.shared
        ? undefined
        : {
            certificateArn: tenant.certificateArn,
            repository: s.application.repositoryName
              ? ecr.Repository.fromRepositoryName(this, 'Repository', s.application.repositoryName)
              : undefined,
            imageTag: s.application.imageTag,
            containerPort: s.application.containerPort,
            healthCheckPath: s.application.healthCheckPath,
          },
      clusterIdentifier: tenant.clusterIdentifier,
      sizes: s.sizes,
      backup: {
        retentionDays: s.backup.retentionDays,
        vaultLockMinRetentionDays: s.backup.vaultLockMinRetentionDays,
        vaultLockChangeableForDays: s.backup.vaultLockChangeableForDays,
        copyTo: {
          region: copyRegion,
          backupVaultArn: backupVaultArn(this, copyRegion, tenant.copyVaultName),
        },
        intervalHours: levels.backupIntervalHours,
        continuousBackup: levels.continuousBackup,
      },
      // Safety-confirmation data must be handed over within 72 hours (PORT-3): the exit path.
      exportSnapshots: s.exportSnapshots || levels.exportPath,
      // In Osaka the DR stack in Tokyo creates the budget (BUDGETS_REGION).
      monthlyBudgetUsd: this.region === BUDGETS_REGION ? s.perTenantMonthlyBudgetUsd : undefined,
      budgetNotificationEmails: config.notificationEmails,
      retention: plan.logRetention,
    });
    if (!props.shared) {
      Tags.of(this).add(TENANCY_TAG, TENANCY_VPC);
    }
    this.addOperatorOutputs();
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

  /** What the runbooks (restore, exit, crypto-erasure) need, without console look-ups. */
  private addOperatorOutputs(): void {
    const t = this.tenant;
    const outputs: Record<string, [string, string]> = {
      DataKeyArn: [t.dataKey.key.keyArn, `${t.dataKey.aliasName}: database, bucket, logs (KEY-4)`],
      BackupKeyArn: [
        t.backupKey.key.keyArn,
        `${t.backupKey.aliasName}: local backup vault (KEY-4)`,
      ],
      BackupVaultName: [t.backup.vault.vault.backupVaultName, 'Locked local vault (BAK-3)'],
      CopyVaultArn: [
        t.backup.copyTo.backupVaultArn,
        'Copy destination in the other Japanese region (BAK-2)',
      ],
      BackupRoleArn: [t.backup.role.roleArn, 'Role for AWS Backup restore jobs, in either region'],
      DatabaseClusterIdentifier: [t.data.cluster.clusterIdentifier, 'Aurora cluster'],
      ExchangeBucketName: [t.data.bucket.bucketName, 'Exchanged files (帳票 etc.)'],
    };
    if (t.system) {
      outputs.LoadBalancerDnsName = [
        t.system.application.loadBalancer.loadBalancerDnsName,
        'Internal ALB (HTTPS, premises only)',
      ];
      outputs.RepositoryUri = [
        t.system.application.repository.repositoryUri,
        'Push the application image here',
      ];
    }
    if (t.snapshotExport) {
      outputs.ExportBucketName = [t.snapshotExport.bucket.bucketName, 'Snapshot export (PORT-1)'];
      outputs.ExportRoleArn = [t.snapshotExport.exportRole.roleArn, 'Role for start-export-task'];
    }
    for (const [id, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, id, { value, description });
    }
  }
}

/** The sample-system stacks one config produces. */
export interface MunicipalSystemStacks {
  /** One stack per municipality in the primary region. */
  readonly systems: readonly MunicipalSystemStack[];
  /** The shared platform (application mode only). */
  readonly shared?: MunicipalSharedPlatformStack;
  /** DR stacks in the copy region: one per municipality, plus a shared pilot-light network. */
  readonly dr: readonly GovCloudDrStack[];
}

/**
 * Builds the sample system from the plan: per municipality a primary stack and a DR stack
 * (`<system>-System-<code>-<Region>`, `<system>-SystemDr-<code>-<Region>`), plus in
 * application mode `<system>-System-Shared-<Region>` (and a shared pilot-light network in the
 * DR region when requested). Each primary stack depends on its DR stack, whose vault it copies
 * into.
 */
export function buildMunicipalSystemStacks(app: App, plan: GovCloudPlan): MunicipalSystemStacks {
  const { config } = plan;
  const s = config.system;
  const primary = config.primaryRegion;
  const drRegion = plan.system.copyRegion;
  const env = (region: string) => ({ account: config.accountId, region });
  const application = s.tenancy === 'application';
  const owner = `${config.municipality.name} ${config.municipality.code}`;

  const shared = application
    ? new MunicipalSharedPlatformStack(app, plan.system.sharedStackName, {
        env: env(primary),
        plan,
        description: `Municipal sample system, shared platform (application-level separation, TEN-2) of ${owner}, ${primary} (govcloud-jp-cdk)`,
      })
    : undefined;
  const dr: GovCloudDrStack[] = [];
  if (application && s.dr.pilotLightNetwork) {
    dr.push(
      new GovCloudDrStack(app, plan.system.sharedDrStackName, {
        env: env(drRegion),
        plan,
        tenants: [],
        pilotLightCidr: s.dr.vpcCidr,
        description: `Municipal sample system, shared pilot-light network, ${drRegion} (govcloud-jp-cdk)`,
      }),
    );
  }
  const systems = plan.system.tenants.map((tenant) => {
    const drStack = new GovCloudDrStack(app, tenant.drStackName, {
      env: env(drRegion),
      plan,
      tenants: [tenant],
      pilotLightCidr: !application && s.dr.pilotLightNetwork ? tenant.drVpcCidr : undefined,
      description: `Municipal sample system DR (backup copy vault) for ${tenant.name} ${tenant.code}, ${drRegion} (govcloud-jp-cdk)`,
    });
    dr.push(drStack);
    const stack = new MunicipalSystemStack(app, tenant.stackName, {
      env: env(primary),
      plan,
      tenant,
      shared,
      description: `Municipal sample system (標準準拠システム) for ${tenant.name} ${tenant.code}, ${s.tenancy} separation, ${primary} (govcloud-jp-cdk)`,
    });
    stack.addStackDependency(drStack, 'the backup plan copies into the DR vault');
    return stack;
  });
  return { systems, shared, dr };
}
