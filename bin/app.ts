#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../lib/config';
import { buildGovCloudApp, platformServicesOf } from '../lib/app';
import { applyChecks } from '../lib/checks';
import { collectEvidence } from '../lib/report/evidence';
import { writeEvidence, writePlatformServices } from '../lib/report/files';
import { nonFunctionalEvidence } from '../lib/report/non-functional';
import { writeScpDocuments } from '../lib/scp';
import { baselineBucketArnPattern } from '../lib/stacks/baseline-stack';

const app = new App();
const configPath: string = app.node.tryGetContext('config') ?? DEFAULT_CONFIG_PATH;

let config;
try {
  config = loadConfig(configPath);
} catch (e) {
  if (e instanceof ConfigError) {
    // A bad config ends synth here: one line per problem, no stack trace, no template.
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const { baselines } = buildGovCloudApp(app, config, {
  stackSet: truthy(app.node.tryGetContext('stackset')),
});
const govcloudChecks = applyChecks(app, {
  nonFunctional: {
    rpoHours: config.nonFunctional.rpoHours,
    availabilityPercent: config.nonFunctional.availabilityPercent,
    remoteCopy: config.nonFunctional.disasterRecovery.remoteCopy,
  },
});
app.synth();
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
});
// SCP documents for the organization owner (LOG-2, REG-2): written, never attached here.
writeScpDocuments(app.outdir, {
  protectedBucketArns: baselines.map((s) => baselineBucketArnPattern(s.stackName)),
});

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}
