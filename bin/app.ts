#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../lib/config';
import { buildGovCloudApp } from '../lib/app';
import { applyChecks } from '../lib/checks';

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

buildGovCloudApp(app, config, { stackSet: truthy(app.node.tryGetContext('stackset')) });
applyChecks(app);
app.synth();

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}
