import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';

/**
 * Wraps a validation plugin (any cdk-nag 3 pack) so that only error-level findings fail
 * synthesis.
 *
 * cdk-nag 3 reports `success: false` for any finding, WARN and INFO included, and the CDK
 * then fails `cdk synth`. Our policy is that an unacknowledged ERROR blocks a deployment and a
 * WARNING is reported for a human to judge (e.g. TEN-2 needs the Digital Agency's approval,
 * not a code change). Every pack the project applies goes through this one wrapper.
 */
export class WarningsDoNotFail implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];

  constructor(private readonly inner: IPolicyValidationPlugin) {
    this.name = inner.name;
    this.version = inner.version;
    this.ruleIds = inner.ruleIds;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return onlyErrorsFail(this.inner.validate(context));
  }
}

/** Recomputes `success` from the severities: true unless an error-level violation remains. */
export function onlyErrorsFail(report: PolicyValidationPluginReport): PolicyValidationPluginReport {
  return {
    ...report,
    success: report.violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'),
  };
}
