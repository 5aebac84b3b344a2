#!/usr/bin/env node
// The CDK app (`cdk.json`): bin/synth.ts, loaded after the CloudFormation validation engine has
// started building in a worker thread and with V8's code cache on (bin/compile-cache.ts). The
// engine takes seconds to build; started here, before aws-cdk-lib and the project load, it is
// ready by the time the templates are written.
import { installCompileCache } from './compile-cache';
import { prestartEnginePool } from '../lib/validation/engine-pool';

// Before anything else loads: aws-cdk-lib's modules then come from V8's code cache.
installCompileCache();
prestartEnginePool();
// A require, not an import: an import would load bin/synth.ts before the engine starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runSynth, cliContextFromEnv } = require('./synth') as typeof import('./synth');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { App } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');

const status = runSynth(new App(), cliContextFromEnv());
// A bad input ends the process at once, with the engine still building in its worker.
if (status !== 0) process.exit(status);
