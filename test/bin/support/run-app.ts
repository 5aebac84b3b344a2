import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { App } from 'aws-cdk-lib';
import { runSynth } from '../../../bin/synth';
import { ParallelCloudFormationValidation } from '../../../lib/validation/cloudformation-validation';
import * as cdkJson from '../../../cdk.json';

/** cdk.json's app command (`node <flags> bin/app.ts`): node's flags and the entry point. */
const [NODE, ...APP_ARGS] = cdkJson.app.split(' ');
if (NODE !== 'node') throw new Error(`cdk.json "app" does not start with node: ${cdkJson.app}`);

/** The context `cdk synth -c config=<file>` hands the app (cdk.json's, then `-c`), and an outdir. */
function cliRun(config: string | undefined, extraContext: Record<string, unknown>) {
  return {
    context: { ...cdkJson.context, config, ...extraContext },
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-out-')),
  };
}

/**
 * Runs the real CDK app entry point the way `cdk synth -c config=<file>` does (cdk.json's app
 * command, context and output directory through the CDK's environment variables), without the
 * CLI's start-up cost.
 */
export function synth(
  config: string | undefined,
  extraContext: Record<string, unknown> = {},
): { status: number | null; stderr: string; outdir: string } {
  const { context, outdir } = cliRun(config, extraContext);
  const result = spawnSync(process.execPath, APP_ARGS, {
    cwd: path.resolve(__dirname, '../../..'),
    env: {
      ...process.env,
      // The real app runs aws-cdk-lib's CloudFormation validation (jest.config.js turns it off).
      CDK_VALIDATION: 'true',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      // No credentials at all: synth must never need them (ARCHITECTURE "Decisions").
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

/**
 * Runs what the app command runs (bin/synth.ts's `runSynth`, with the context `cdk synth -c
 * config=<file>` passes) in this process, with aws-cdk-lib's CloudFormation validation on as
 * in the app: the same templates, reports and messages as {@link synth}, without starting a
 * process, loading the project again and building a validation engine per run. `stderr` is
 * what the run wrote to `console.error`; `validated`, the templates aws-cdk-lib's
 * CloudFormation validation (the project's parallel plugin) was given. The app process's own
 * part (bin/app.ts: the engine started before the project loads, the exit status) is proven by
 * the tests that use {@link synth}.
 */
export function synthInProcess(
  config: string | undefined,
  extraContext: Record<string, unknown> = {},
): { status: number; stderr: string; outdir: string; validated: number } {
  const { context, outdir } = cliRun(config, extraContext);
  const lines: string[] = [];
  const plugin = ParallelCloudFormationValidation.prototype;
  const validate = Object.getOwnPropertyDescriptor(plugin, 'validate')!;
  let validated = 0;
  plugin.validate = function (this: ParallelCloudFormationValidation, ...args) {
    validated += args[0].stackTemplates.length;
    return (validate.value as typeof plugin.validate).apply(this, args);
  };
  const error = console.error;
  const validation = process.env.CDK_VALIDATION;
  console.error = (...args: unknown[]) => {
    lines.push(`${util.format(...args)}\n`);
  };
  process.env.CDK_VALIDATION = 'true';
  try {
    const status = runSynth(new App({ outdir, context }), context);
    return { status, stderr: lines.join(''), outdir, validated };
  } finally {
    Object.defineProperty(plugin, 'validate', validate);
    console.error = error;
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
  }
}
