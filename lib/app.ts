import { type App, CfnRule, Fn, LegacyStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import { PLATFORM_SERVICES, resolvePlan, type GovCloudConfig } from './config';
import type { PlatformServicesFile } from './report/files';
import { GovCloudBaselineStack } from './stacks/baseline-stack';
import {
  buildMunicipalSystemStacks,
  type MunicipalSystemStacks,
} from './stacks/municipal-system-stack';

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
  const plan = resolvePlan(config);
  const baselineStackNames = plan.baselines.map((b) => b.stackName);
  const baselines = plan.baselines.map(({ region, stackName, isHomeRegion }) => {
    const stack = new GovCloudBaselineStack(app, stackName, {
      baselineStackNames,
      env: { account: options.stackSet ? undefined : config.accountId, region },
      plan,
      isHomeRegion,
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
    config.system.enabled && !options.stackSet ? buildMunicipalSystemStacks(app, plan) : undefined;

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

/** Context keys the app reads (`-c key=value`); anything else without a `:` is refused. */
export const APP_CONTEXT_KEYS = ['config', 'stackset'] as const;

/** What the app takes from the CDK context. */
export interface AppContext {
  /** The config file named with `-c config=…`; undefined when none was named. */
  readonly configPath?: string;
  /** `-c stackset=true`. */
  readonly stackSet: boolean;
}

/**
 * Reads the app's own context keys and refuses any other plain key (PORT-2): a typo such as
 * `-c conifg=my.json` used to fall back silently to the fictitious sample config. Keys with a
 * `:` or `/` (feature flags `@aws-cdk/…`, CDK's `aws:cdk:…`, cached lookups) belong to CDK
 * and are left alone. Returns a one-line message naming the key and the fix, or the context.
 */
export function readAppContext(
  context: Record<string, unknown>,
): { ok: true; context: AppContext } | { ok: false; message: string } {
  const known: readonly string[] = APP_CONTEXT_KEYS;
  for (const key of Object.keys(context)) {
    if (/[:/@]/.test(key) || known.includes(key)) {
      continue;
    }
    const near = known.find((k) => editDistance(k, key.toLowerCase()) <= 2);
    return {
      ok: false,
      message: `Unknown context key -c ${key}=${JSON.stringify(context[key])} [PORT-2]: ${
        near ? `did you mean "${near}"? ` : ''
      }Fix: use ${known.map((k) => `-c ${k}=…`).join(' or ')} (nothing else is read).`,
    };
  }
  const config = context.config;
  if (config !== undefined && (typeof config !== 'string' || config.trim() === '')) {
    return {
      ok: false,
      message: `-c config=${JSON.stringify(config)} is not a file path [PORT-2]. Fix: -c config=<path to a JSON or YAML config>.`,
    };
  }
  return {
    ok: true,
    context: {
      configPath: config as string | undefined,
      stackSet: context.stackset === true || context.stackset === 'true',
    },
  };
}

/**
 * Makes every stack of `app` undeployable (PORT-2): CloudFormation evaluates template rules
 * before it creates anything, whatever tool submits the template (`cdk deploy`, the console,
 * StackSets), so a template synthesized from the fictitious sample config fails at its first
 * deployment with this message instead of creating retained buckets and a role trusting a
 * fictitious account. Synth, diff and the report are unaffected.
 */
export function refuseDeployment(stacks: readonly Stack[], reason: string): void {
  for (const stack of stacks) {
    new CfnRule(stack, 'FictitiousSampleNotDeployable', {
      assertions: [
        {
          // No real region has this name, so the assertion is false in every deployment.
          assert: Fn.conditionEquals(Fn.ref('AWS::Region'), 'not-deployable'),
          assertDescription: reason,
        },
      ],
    });
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * Records the config's acknowledgements (`acknowledgements: [{ rule, path?, reason, … }]`) as
 * `Validations.of(x).acknowledge`, so that the nag packs, `cdk synth --strict`, the evidence and
 * the report all see them (EVD-1). Without `path` a finding is acknowledged in every stack;
 * a path ending in `/*` covers the construct and everything below it. Returns one message per
 * acknowledgement whose path matches nothing (a stale or misspelt path must not pass silently).
 */
export function applyAcknowledgements(app: App, config: GovCloudConfig): string[] {
  const problems: string[] = [];
  const all = app.node.findAll();
  config.acknowledgements.forEach((ack, i) => {
    const prefix = ack.path?.endsWith('/*') ? ack.path.slice(0, -2) : undefined;
    const targets =
      ack.path === undefined
        ? app.node.children.filter(Stack.isStack)
        : all.filter((c) =>
            prefix === undefined
              ? c.node.path === ack.path
              : c.node.path === prefix || c.node.path.startsWith(`${prefix}/`),
          );
    if (targets.length === 0) {
      problems.push(
        `acknowledgements.${i}.path = ${JSON.stringify(ack.path)} [EVD-1]: matches no construct of this app. Fix: copy the path from the validation report, or remove the acknowledgement.`,
      );
      return;
    }
    const reason = [
      ack.reason,
      ack.approvedBy ? `approved by ${ack.approvedBy}` : undefined,
      ack.reference ? `reference ${ack.reference}` : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    // An acknowledgement on a construct covers everything below it. No reasonJa: the reason is
    // the user's own words, shown as written in both editions of the report.
    const covering = targets[0].node.path === prefix ? targets.slice(0, 1) : targets;
    for (const target of covering) {
      Validations.of(target).acknowledge({ id: ack.rule, reason });
    }
  });
  return problems;
}
