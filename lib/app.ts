import { type App, CfnRule, Fn, LegacyStackSynthesizer } from 'aws-cdk-lib';
import { PLATFORM_SERVICES, type GovCloudConfig } from './config';
import type { PlatformServicesFile } from './report/files';
import { GovCloudBaselineStack } from './stacks/baseline-stack';
import {
  buildMunicipalSystemStacks,
  type MunicipalSystemStacks,
} from './stacks/municipal-system-stack';

/** Region names used in stack ids: readable, stable. */
const REGION_LABEL: Record<string, string> = {
  'ap-northeast-1': 'Tokyo',
  'ap-northeast-3': 'Osaka',
};

/** How the app is synthesized. */
export interface GovCloudAppOptions {
  /**
   * Synthesize the baseline for CloudFormation StackSets: no bootstrap dependency (no
   * `BootstrapVersion` parameter or rule, no asset manifest), no account pinned, and a rule
   * that refuses a stack instance in any region but the template's own. One StackSet per
   * region (Tokyo, Osaka) deploys it to every account of an OU.
   * @default false
   */
  readonly stackSet?: boolean;
}

/** The stacks one config produces. */
export interface GovCloudStacks {
  /** One baseline per configured region, home region first. */
  readonly baselines: readonly GovCloudBaselineStack[];
  /** The sample municipal system (primary, shared and DR stacks), when `system.enabled`. */
  readonly system?: MunicipalSystemStacks;
}

/**
 * Builds every stack of one config into `app`: the baseline for the primary and the DR
 * region, and (when configured) the sample system. Each stack tags its resources with
 * environment, municipality code and system (IAM-6, TEN-3, DET-4) plus the config's own tags.
 */
export function buildGovCloudApp(
  app: App,
  config: GovCloudConfig,
  options: GovCloudAppOptions = {},
): GovCloudStacks {
  const regions = [config.primaryRegion, config.drRegion];
  const baselineStackNames = regions.map(
    (region) => `${config.systemName}-Baseline-${REGION_LABEL[region]}`,
  );
  const baselines = regions.map((region, i) => {
    const stack = new GovCloudBaselineStack(app, baselineStackNames[i], {
      baselineStackNames,
      env: { account: options.stackSet ? undefined : config.accountId, region },
      config,
      isHomeRegion: region === config.primaryRegion,
      description: `Government Cloud baseline (ベースラインテンプレート) for ${config.municipality.name} ${config.municipality.code}, ${region} (govcloud-jp-cdk)`,
      synthesizer: options.stackSet ? new LegacyStackSynthesizer() : undefined,
      analyticsReporting: options.stackSet ? false : undefined,
    });
    if (options.stackSet) {
      pinToRegion(stack, region);
    }
    return stack;
  });

  // StackSets roll out the baseline only; the sample system is deployed per tenant with cdk.
  const system =
    config.system.enabled && !options.stackSet
      ? buildMunicipalSystemStacks(app, config, (region) => REGION_LABEL[region])
      : undefined;

  return { baselines, system };
}

/**
 * A StackSet deploys one template to whatever regions its operator lists; this rule makes a
 * stack instance in any other region fail before it creates anything (REG-1).
 */
function pinToRegion(stack: GovCloudBaselineStack, region: string): void {
  new CfnRule(stack, 'OnlyInItsRegion', {
    assertions: [
      {
        assert: Fn.conditionEquals(Fn.ref('AWS::Region'), region),
        assertDescription: `This template is for ${region} only [REG-1]: deploy the template built for each region to that region.`,
      },
    ],
  });
}

/**
 * Which account-level services each baseline creates and which it expects to exist (PLAT-1),
 * for `cdk.out/platform-services.json` and the report. Home-region-only services (the trail)
 * are listed where the stack would create them.
 */
export function platformServicesOf(
  config: GovCloudConfig,
  baselines: readonly GovCloudBaselineStack[],
): PlatformServicesFile {
  return {
    mode: config.platform.mode,
    stacks: baselines.map((stack) => ({
      stack: stack.stackName,
      region: stack.region,
      creates: PLATFORM_SERVICES.filter((s) => stack.services[s] === 'create'),
      expectsExisting: PLATFORM_SERVICES.filter((s) => stack.services[s] === 'existing'),
    })),
  };
}
