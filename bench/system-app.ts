// Bench-only app: builds a config exactly as bin/synth.ts does, but without the checks (nag
// packs, compliance evidence, SCP documents), so that `npm run bench` can show how much of the
// synth time of a large shared system is the checks and how much is building the templates.
import { App } from 'aws-cdk-lib';
import { buildGovCloudApp } from '../lib/app';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../lib/config';

const app = new App();
buildGovCloudApp(app, loadConfig(app.node.tryGetContext('config') ?? DEFAULT_CONFIG_PATH));
app.synth();
