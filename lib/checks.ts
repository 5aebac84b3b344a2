import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { WarningsDoNotFail } from './nag/warnings-do-not-fail';

/**
 * Applies every check the project requires to an app: cdk-nag's AwsSolutions pack, each
 * wrapped so that only error-level findings fail synthesis.
 */
export function applyChecks(app: App): void {
  Validations.of(app).addPlugins(new WarningsDoNotFail(new AwsSolutionsChecks(app)));
}
