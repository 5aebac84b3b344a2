import { z } from 'zod';

/**
 * The account-level services a Government Cloud tenant account (個別領域) may already have
 * from the platform (ガバメントクラウド共通基盤, AWS Control Tower and delegated
 * administrators), in the order the synth summary lists them (PLAT-1).
 */
export const PLATFORM_SERVICES = [
  'trail',
  'configRecorder',
  'guardDuty',
  'securityHub',
  'accessAnalyzer',
] as const;

/** One of {@link PLATFORM_SERVICES}. */
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

/** `create`: the baseline creates the service; `existing`: it is already there and not ours. */
export type ServiceOwnership = 'create' | 'existing';

/** The platform modes (PLAT-1). */
export const PLATFORM_MODES = ['standalone', 'gcas'] as const;
export type PlatformMode = (typeof PLATFORM_MODES)[number];

/**
 * What each mode assumes before overrides. In `gcas` mode Control Tower's organization trail,
 * its Config recorder and delivery channel, and GuardDuty / Security Hub enabled by the
 * delegated administrator already exist; an account-level IAM Access Analyzer is not part of
 * what the platform enables in the tenant account, so the baseline still creates it.
 */
export const MODE_DEFAULTS: Readonly<
  Record<PlatformMode, Readonly<Record<PlatformService, ServiceOwnership>>>
> = {
  standalone: {
    trail: 'create',
    configRecorder: 'create',
    guardDuty: 'create',
    securityHub: 'create',
    accessAnalyzer: 'create',
  },
  gcas: {
    trail: 'existing',
    configRecorder: 'existing',
    guardDuty: 'existing',
    securityHub: 'existing',
    accessAnalyzer: 'create',
  },
};

const ownership = z.enum(['create', 'existing']);

const platformObject = z.strictObject({
  /**
   * `standalone` (default): the baseline creates the trail, Config recorder and delivery
   * channel, GuardDuty, Security Hub and Access Analyzer. `gcas`: the Government Cloud
   * platform (Control Tower) already runs them in the tenant account (PLAT-1).
   */
  mode: z.enum(PLATFORM_MODES).default('standalone').meta({
    requirement: 'PLAT-1',
    fix: 'use "standalone" (the baseline creates every service) or "gcas" (Control Tower already runs them; run the README check list first)',
  }),
  /** Override of the mode's default for the CloudTrail trail (LOG-1). */
  trail: ownership.optional().meta({
    requirement: 'LOG-1',
    fix: 'use "create" or "existing" (check with `aws cloudtrail describe-trails`)',
  }),
  /** Override for the Config recorder and delivery channel (DET-1). */
  configRecorder: ownership.optional().meta({
    requirement: 'DET-1',
    fix: 'use "create" or "existing" (check with `aws configservice describe-configuration-recorders`)',
  }),
  /** Override for the GuardDuty detector (DET-2). */
  guardDuty: ownership.optional().meta({
    requirement: 'DET-2',
    fix: 'use "create" or "existing" (check with `aws guardduty list-detectors`)',
  }),
  /** Override for the Security Hub CSPM hub (DET-2). */
  securityHub: ownership.optional().meta({
    requirement: 'DET-2',
    fix: 'use "create" or "existing" (check with `aws securityhub describe-hub`)',
  }),
  /** Override for the account's IAM Access Analyzer (DET-2). */
  accessAnalyzer: ownership.optional().meta({
    requirement: 'DET-2',
    fix: 'use "create" or "existing" (check with `aws accessanalyzer list-analyzers`)',
  }),
  /**
   * The existing trail's CloudWatch Logs log group in this account and the home region, for
   * the CIS metric-filter alarms (root use, IAM changes, sign-in failures, DET-3). Needed
   * when `trail` is `existing` unless `trailMetricAlarms` is false.
   */
  existingTrailLogGroupName: z
    .string()
    .regex(/^[\w\-./#]{1,512}$/)
    .optional()
    .meta({
      requirement: 'DET-3',
      fix: 'give the log group name from `aws cloudtrail describe-trails` (CloudWatchLogsLogGroupArn) when it is in this account, or set "trailMetricAlarms": false; leave it out when trail is "create"',
    }),
  /**
   * Create the metric-filter alarms on the trail's log group. Set false when the existing
   * trail delivers to CloudWatch Logs only outside this account (Control Tower's organization
   * trail delivers to the management account): the EventBridge alerts still cover root
   * sign-in, break-glass use and changes of the audit path.
   */
  trailMetricAlarms: z
    .boolean()
    .default(true)
    .meta({ requirement: 'DET-3', fix: 'use true or false' }),
  /**
   * The system is developed and released through CI/CD. Only then may `environment` be
   * `development`: the GCAS guide provides no development environment otherwise (IAM-6).
   */
  ciCd: z.boolean().default(false).meta({
    requirement: 'IAM-6',
    fix: 'use true only when the system is developed and released through CI/CD',
  }),
});

/**
 * The platform section (PLAT-1). `"platform": "gcas"` is short for `{ "mode": "gcas" }`.
 */
export const platformSchema = z
  .preprocess((v) => (typeof v === 'string' ? { mode: v } : v), platformObject)
  .prefault({});

export type PlatformConfig = z.output<typeof platformSchema>;

/** Who creates each service, with the mode's defaults and the overrides applied. */
export function platformServices(
  platform: PlatformConfig,
): Readonly<Record<PlatformService, ServiceOwnership>> {
  const defaults = MODE_DEFAULTS[platform.mode];
  return Object.fromEntries(
    PLATFORM_SERVICES.map((s) => [s, platform[s] ?? defaults[s]]),
  ) as Record<PlatformService, ServiceOwnership>;
}

/** What `refinePlatformAgainstRoot` needs from the whole config. */
interface RootView {
  readonly environment: string;
  readonly platform: PlatformConfig;
  readonly detection: { readonly createConfigServiceLinkedRole: boolean };
  readonly access: { readonly logCollector?: unknown };
}

/**
 * Checks that need other sections: a service claimed `existing` must not be one the baseline
 * still references, and `development` needs CI/CD (IAM-6).
 */
export function refinePlatformAgainstRoot(root: RootView, ctx: z.RefinementCtx): void {
  const p = root.platform;
  const services = platformServices(p);
  const issue = (path: PropertyKey[], input: unknown, message: string): void => {
    ctx.addIssue({ code: 'custom', path, input, message });
  };
  if (root.environment === 'development' && !p.ciCd) {
    issue(
      ['environment'],
      root.environment,
      'a development environment is provided only for systems developed with CI/CD (GCAS guide 「ガバメントクラウド利用概要(AWS編)」 §1.1: 開発環境は原則提供しない); production and staging (検証) are separate tenant areas',
    );
  }
  if (services.trail === 'existing' && p.trailMetricAlarms && !p.existingTrailLogGroupName) {
    issue(
      ['platform', 'existingTrailLogGroupName'],
      undefined,
      'trail is "existing", so the metric-filter alarms need the log group the existing trail delivers to in this account',
    );
  }
  if (services.trail === 'create' && p.existingTrailLogGroupName) {
    issue(
      ['platform', 'existingTrailLogGroupName'],
      p.existingTrailLogGroupName,
      'is given although the baseline creates the trail (and its log group) itself',
    );
  }
  if (services.configRecorder === 'existing' && root.detection.createConfigServiceLinkedRole) {
    issue(
      ['detection', 'createConfigServiceLinkedRole'],
      true,
      'configRecorder is "existing": the recorder and its role are the platform\'s, the baseline creates no Config service-linked role; set it to false',
    );
  }
  if (
    services.trail === 'existing' &&
    services.configRecorder === 'existing' &&
    root.access.logCollector !== undefined
  ) {
    issue(
      ['access', 'logCollector'],
      root.access.logCollector,
      'the central log reader reads the baseline\'s CloudTrail and Config archives, but with trail and configRecorder "existing" the baseline creates no archive (the platform\'s log archive holds those logs); remove access.logCollector or set one of them to "create"',
    );
  }
}
