import { App } from 'aws-cdk-lib';
import * as cdkJson from '../../cdk.json';

/** An App with the same feature flags as `cdk synth` (cdk.json context), for stack tests. */
export function appLikeCli(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...cdkJson.context, ...context } });
}
