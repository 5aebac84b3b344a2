import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdkJson from '../../../cdk.json';

/** cdk.json's app command (`node <flags> bin/app.ts`): node's flags and the entry point. */
const [NODE, ...APP_ARGS] = cdkJson.app.split(' ');
if (NODE !== 'node') throw new Error(`cdk.json "app" does not start with node: ${cdkJson.app}`);

/**
 * Runs the real CDK app entry point the way `cdk synth -c config=<file>` does (cdk.json's app
 * command, context and output directory through the CDK's environment variables), without the
 * CLI's start-up cost.
 */
export function synth(
  config: string | undefined,
  extraContext: Record<string, unknown> = {},
): { status: number | null; stderr: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-out-'));
  const result = spawnSync(process.execPath, APP_ARGS, {
    cwd: path.resolve(__dirname, '../../..'),
    env: {
      ...process.env,
      // The real app runs aws-cdk-lib's CloudFormation validation (jest.config.js turns it off).
      CDK_VALIDATION: 'true',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, config, ...extraContext }),
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
