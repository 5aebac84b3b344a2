import { type App, Tags } from 'aws-cdk-lib';
import type { GovCloudConfig } from './config';
import { GovCloudBaselineStack } from './stacks/baseline-stack';

/** Region names used in stack ids: readable, stable. */
const REGION_LABEL: Record<string, string> = {
  'ap-northeast-1': 'Tokyo',
  'ap-northeast-3': 'Osaka',
};

/** The stacks one config produces. */
export interface GovCloudStacks {
  /** One baseline per configured region, home region first. */
  readonly baselines: readonly GovCloudBaselineStack[];
}

/**
 * Builds every stack of one config into `app`: the baseline for the primary and the DR
 * region, and (when configured) the sample system. Tags every resource with environment,
 * municipality code and system (IAM-6, TEN-3, DET-4) plus the config's own tags.
 */
export function buildGovCloudApp(app: App, config: GovCloudConfig): GovCloudStacks {
  const baselines = [config.primaryRegion, config.drRegion].map(
    (region) =>
      new GovCloudBaselineStack(app, `${config.systemName}-Baseline-${REGION_LABEL[region]}`, {
        env: { account: config.accountId, region },
        config,
        isHomeRegion: region === config.primaryRegion,
        description: `Government Cloud baseline (ベースラインテンプレート) for ${config.municipality.name} ${config.municipality.code}, ${region} (govcloud-jp-cdk)`,
      }),
  );

  for (const [key, value] of Object.entries(standardTags(config))) {
    Tags.of(app).add(key, value);
  }
  return { baselines };
}

/** Tags every resource carries: cost allocation and the purpose of the tenant area. */
export function standardTags(config: GovCloudConfig): Record<string, string> {
  return {
    ...config.tags,
    Environment: config.environment,
    MunicipalityCode: config.municipality.code,
    System: config.systemName,
  };
}
