import { type IPolicyValidationPlugin, Stage } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { GovCloudError } from '../../domain/errors';

/**
 * The validation plugins registered on every stage of `root` (the app and nested stages), in
 * registration order. aws-cdk-lib keeps them on the stage without a public reader (the public
 * `policyValidationBeta1` getter is deprecated and prints a warning on each read), so an
 * unreadable list is taken as empty rather than guessed.
 */
export function registeredPlugins(root: IConstruct): IPolicyValidationPlugin[] {
  return root.node
    .findAll()
    .filter(Stage.isStage)
    .flatMap(
      (stage) =>
        (stage as unknown as { _validationPlugins?: readonly IPolicyValidationPlugin[] })
          ._validationPlugins ?? [],
    );
}

/**
 * The one error for a pack registered twice on one app (EVD-1): every rule would run, and
 * every finding be reported and counted, once per registration.
 */
export function registeredTwiceError(packName: string, count: number): GovCloudError {
  return new GovCloudError({
    code: 'GovCloudChecksRegisteredTwice',
    problem: `${packName} is registered ${count} times on this app`,
    requirement: 'EVD-1',
    fix: `each registration runs every rule again and reports every finding again. Fix: register the checks once — either applyChecks(app) alone (it adds ${packName}, AwsSolutions and NIST.800.53.R5), or Validations.of(app).addPlugins(new ${packName}(…)) alone.`,
  });
}
