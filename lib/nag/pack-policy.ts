import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { isRuleLevelAcknowledged } from './utils/acknowledgements';

/**
 * The project's policy for any cdk-nag 3 pack, applied by wrapping it:
 *
 * - Only error-level findings fail synthesis. cdk-nag 3 reports `success: false` for any
 *   finding, WARN and INFO included, and the CDK then fails `cdk synth`. An unacknowledged
 *   ERROR blocks a deployment; a WARNING is reported for a human to judge (e.g. TEN-2 needs
 *   the Digital Agency's approval, not a code change).
 * - A rule acknowledged as a whole (`AwsSolutions-IAM5`, with a reason) covers each of its
 *   findings on that construct (`AwsSolutions-IAM5[Action::s3:*]`), see
 *   `isRuleLevelAcknowledged`. The acknowledgement and its reason appear in the compliance
 *   report like any other.
 *
 * Every pack the project applies goes through this one wrapper.
 */
export class NagPackPolicy implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];

  constructor(private readonly inner: IPolicyValidationPlugin) {
    this.name = inner.name;
    this.version = inner.version;
    this.ruleIds = inner.ruleIds;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.inner.validate(context);
    const root = (context as { appConstruct?: IConstruct }).appConstruct;
    return onlyErrorsFail(root ? withoutRuleLevelAcknowledged(report, root) : report);
  }
}

/** Recomputes `success` from the severities: true unless an error-level violation remains. */
export function onlyErrorsFail(report: PolicyValidationPluginReport): PolicyValidationPluginReport {
  return {
    ...report,
    success: report.violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'),
  };
}

/** Drops the findings whose rule is acknowledged as a whole on the violating construct. */
export function withoutRuleLevelAcknowledged(
  report: PolicyValidationPluginReport,
  root: IConstruct,
): PolicyValidationPluginReport {
  const byPath = new Map(root.node.findAll().map((c) => [c.node.path, c]));
  const violations = report.violations
    .map((v) => ({
      ...v,
      violatingResources: v.violatingResources.filter((r) => {
        const construct = r.constructPath ? byPath.get(r.constructPath) : undefined;
        return !(construct && isRuleLevelAcknowledged(construct, v.ruleName));
      }),
    }))
    .filter((v) => v.violatingResources.length > 0);
  return { ...report, violations };
}
