import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { GovCloudChecks, type GovCloudChecksProps } from './nag/govcloud-checks';
import { NagPackPolicy } from './nag/pack-policy';
import { registeredPlugins, registeredTwiceError } from './nag/registration';
import { cloudFormationValidationFor } from './validation/cloudformation-validation';

/**
 * Applies every check the project requires to an app: the Government Cloud pack,
 * cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs, and aws-cdk-lib's CloudFormation schema
 * validation run in worker threads (`ParallelCloudFormationValidation`, same findings). Only unacknowledged error-level findings
 * fail synthesis; warnings and info are reported (see `NagPackPolicy`).
 *
 * Call it once per app, and do not also add `GovCloudChecks` yourself: an app that already
 * carries the pack is refused here, and a pack added after this call fails synthesis with the
 * same message (EVD-1), since every finding would otherwise be reported twice.
 *
 * @returns the Government Cloud pack, whose rule checks the compliance evidence reuses
 */
export function applyChecks(app: App, props: GovCloudChecksProps = {}): GovCloudChecks {
  const existing = registeredPlugins(app).filter((p) => p instanceof GovCloudChecks).length;
  if (existing > 0) {
    throw registeredTwiceError('GovCloudChecks', existing + 1);
  }
  const govcloud = new GovCloudChecks(app, props);
  const cfn = cloudFormationValidationFor(app);
  Validations.of(app).addPlugins(
    // The templates go to the validation's workers first, to be validated while the packs run.
    ...(cfn ? [cfn.start] : []),
    govcloud,
    new NagPackPolicy(new AwsSolutionsChecks(app)),
    new NagPackPolicy(new NIST80053R5Checks(app)),
    ...(cfn ? [cfn.validation] : []),
  );
  return govcloud;
}
