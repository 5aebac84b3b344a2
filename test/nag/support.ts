import {
  App,
  type PolicyValidationPluginReport,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { GovCloudChecks, type GovCloudChecksProps } from '../../lib/nag';

/** Tags every resource of the project carries (IAM-6, TEN-3). */
export const GOOD_TAGS = { Environment: 'production', MunicipalityCode: '131016' };

/** A fresh app (without the slow built-in CloudFormation validation) and a Tokyo stack. */
export function tokyoStack(id = 'Stack', props: StackProps = {}): Stack {
  const app = new App({ builtinCloudFormationValidation: false });
  return new Stack(app, id, { env: { region: 'ap-northeast-1' }, ...props });
}

/**
 * Runs the pack over `scope` directly (no synthesis), as the rule tests do, and fails when a
 * rule threw instead of judging (as cdk-nag's own rule tests do), so that no rule test can pass
 * on a crash that happens to look like the expected finding or its absence.
 */
export function validate(
  scope: IConstruct,
  props: GovCloudChecksProps = {},
): PolicyValidationPluginReport {
  const pack = new GovCloudChecks(props);
  const report = pack.validateScope(scope);
  if (pack.crashes.length > 0) {
    throw new Error(
      `A rule crashed: ${pack.crashes.map((c) => `${c.ruleId} on ${c.constructPath}: ${c.message}`).join('; ')}`,
    );
  }
  return report;
}

/** Construct paths flagged by one rule (its full ID, e.g. `GCJ-RET1-LogGroupRetention`). */
export function flagged(
  scope: IConstruct,
  ruleId: string,
  props: GovCloudChecksProps = {},
): string[] {
  return validate(scope, props)
    .violations.filter((v) => v.ruleName === ruleId)
    .flatMap((v) => v.violatingResources.map((r) => r.constructPath ?? ''))
    .sort();
}

/** The rule IDs reported for one construct path. */
export function rulesFor(
  scope: IConstruct,
  constructPath: string,
  props: GovCloudChecksProps = {},
): string[] {
  return validate(scope, props)
    .violations.filter((v) => v.violatingResources.some((r) => r.constructPath === constructPath))
    .map((v) => v.ruleName)
    .sort();
}

/**
 * A compliant customer-managed key (rotation on, 30-day window, retained, grants only for AWS
 * resources), written with plain aws-kms as a vendor would.
 */
export function cmk(scope: IConstruct, id = 'Key'): kms.Key {
  const key = new kms.Key(scope as Stack, id, {
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } },
    }),
  );
  return key;
}
