import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../lib/config';
import {
  APP_CONTEXT_KEYS,
  applyAcknowledgements,
  buildGovCloudApp,
  platformServicesOf,
  readAppContext,
  refuseDeployment,
} from '../lib/app';
import { applyChecks } from '../lib/checks';
import {
  startCloudFormationValidation,
  stopCloudFormationValidation,
} from '../lib/validation/cloudformation-validation';
import { collectEvidence } from '../lib/report/evidence';
import { COMPLIANCE_DIR, writeEvidence, writePlatformServices } from '../lib/report/files';
import { withFindingSummary } from '../lib/report/finding-summary';
import { nonFunctionalEvidence } from '../lib/report/non-functional';
import { writeScpDocuments } from '../lib/scp';
import { baselineBucketArnPattern } from '../lib/stacks/baseline-stack';

/**
 * What `cdk synth` runs (cdk.json's app command, through bin/app.ts): builds the app of the config
 * the context names into `app`, checks and synthesizes it, and writes the evidence, the
 * platform-services list and the SCP documents beside the templates. Progress and problems go
 * to `console.error` (stdout stays a template). Returns the exit status: 1 for a bad context,
 * config or acknowledgement, with one line per problem and no template written; 0 otherwise.
 * `cliContext` is the context the CLI passed (cdk.json, ~/.cdk.json, cdk.context.json and `-c`),
 * {@link cliContextFromEnv} in the app process; tests hand it directly to run this in-process.
 */
export function runSynth(app: App, cliContext: Record<string, unknown>): number {
  // The validation engine takes seconds to build: it builds in a worker while the app does.
  startCloudFormationValidation(app);
  try {
    return synthesize(app, cliContext);
  } finally {
    // A run stopped before synthesis leaves its engine to the process's next app (tests run many).
    stopCloudFormationValidation(app);
  }
}

function synthesize(app: App, cliContext: Record<string, unknown>): number {
  const read = readAppContext(allContext(app, cliContext));
  if (!read.ok) {
    console.error(read.message);
    return 1;
  }
  const configPath = read.context.configPath ?? DEFAULT_CONFIG_PATH;

  let config;
  try {
    config = loadConfig(configPath);
  } catch (e) {
    if (e instanceof ConfigError) {
      // A bad config ends synth here: one line per problem, no stack trace, no template.
      console.error(e.message);
      return 1;
    }
    throw e;
  }

  // Evidence of an earlier run must not outlive a failed synth: `npm run report` then fails.
  fs.rmSync(path.join(app.outdir, COMPLIANCE_DIR), { recursive: true, force: true });

  const { baselines } = buildGovCloudApp(app, config, {
    stackSet: read.context.stackSet,
  });
  if (read.context.configPath === undefined) {
    // The fictitious sample (架空市) may be synthesized and reported on, never deployed by accident.
    console.error(
      `No -c config=<file> given: synthesizing the fictitious sample ${DEFAULT_CONFIG_PATH}; its templates refuse deployment (rule FictitiousSampleNotDeployable). Name a config with -c config=<file> to deploy.`,
    );
    refuseDeployment(
      app.node.children.filter(Stack.isStack),
      `Synthesized from the fictitious sample config ${DEFAULT_CONFIG_PATH} because no -c config=<file> was given [PORT-2]: run cdk deploy -c config=<your municipality's file>.`,
    );
  }
  const stale = applyAcknowledgements(app, config);
  if (stale.length > 0) {
    console.error(stale.join('\n'));
    return 1;
  }
  const govcloudChecks = applyChecks(app, {
    nonFunctional: {
      rpoHours: config.nonFunctional.rpoHours,
      availabilityPercent: config.nonFunctional.availabilityPercent,
      remoteCopy: config.nonFunctional.disasterRecovery.remoteCopy,
    },
  });
  const stackCount = app.node.children.filter(Stack.isStack).length;
  // Progress goes to stderr, so that `cdk synth` output on stdout stays a template.
  console.error(
    `govcloud-jp: ${stackCount} stacks built from ${configPath}; synthesizing and validating…`,
  );
  const started = Date.now();
  // One block per rule with its count instead of one per finding; details stay in the reports.
  withFindingSummary(app.outdir, () => app.synth());
  console.error(
    `govcloud-jp: ${stackCount} stacks synthesized and validated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  // Know before you deploy (PLAT-1): what the stacks create and what must already exist.
  const platform = platformServicesOf(config, baselines);
  for (const s of platform.stacks) {
    console.error(
      `platform ${platform.mode}: ${s.stack} creates ${s.creates.join(', ') || 'none of the platform services'}; expects to exist ${s.expectsExisting.join(', ') || 'nothing'}`,
    );
  }
  writePlatformServices(app.outdir, platform);
  // After synthesis, aspects (tags) have been applied: the evidence sees the final resources.
  writeEvidence(app.outdir, {
    title: `${config.municipality.name} ${config.municipality.code} / ${config.systemName} / ${config.environment}`,
    evidence: collectEvidence(app, govcloudChecks.ruleChecks()),
    platform,
    nonFunctional: nonFunctionalEvidence(config.nonFunctional),
    approvals: config.system.applicationSeparationApproval
      ? [{ requirement: 'TEN-2', reference: config.system.applicationSeparationApproval }]
      : [],
  });
  // SCP documents for the organization owner (LOG-2, REG-2): written, never attached here.
  writeScpDocuments(app.outdir, {
    protectedBucketArns: baselines.map((s) => baselineBucketArnPattern(s.stackName)),
  });
  return 0;
}

/** The context the CLI passed to this process (cdk.json, ~/.cdk.json, cdk.context.json and `-c`). */
export function cliContextFromEnv(): Record<string, unknown> {
  // Large contexts arrive in a file named by CONTEXT_OVERFLOW_LOCATION_ENV instead.
  const overflow = process.env[cxapi.CONTEXT_OVERFLOW_LOCATION_ENV];
  const json = overflow ? fs.readFileSync(overflow, 'utf8') : process.env[cxapi.CONTEXT_ENV];
  return json ? (JSON.parse(json) as Record<string, unknown>) : {};
}

/** Every context key the CLI passed, and the app's own keys, with their values in `a`. */
function allContext(a: App, fromCli: Record<string, unknown>): Record<string, unknown> {
  const names = new Set([...Object.keys(fromCli), ...APP_CONTEXT_KEYS]);
  return Object.fromEntries(
    [...names].map((k) => [k, a.node.tryGetContext(k)] as const).filter(([, v]) => v !== undefined),
  );
}
