import { types } from 'util';
import { Stage, type PolicyViolation } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, NIST80053R5Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { GovCloudChecks, type GovCloudChecksProps } from '../nag/govcloud-checks';
import { govCloudRule } from '../nag/govcloud-rules';
import { acknowledgementsApplyingTo, isRuleLevelAcknowledged } from '../nag/utils/acknowledgements';

// Test helper for vendors' pipelines: run the nag packs over a Stack or an App and fail with a
// readable list of the findings nobody acknowledged. Plain `throw`, no jest import, so it works
// under any test runner (jest, vitest, node:test, mocha).

/** Severity of a finding, as reported by the packs. */
export type FindingLevel = 'error' | 'warning' | 'info';

/** One unacknowledged finding of one pack on one resource. */
export interface NagFinding {
  /** The pack's plugin name, e.g. `GovCloudChecks`, `AwsSolutions`, `NIST.800.53.R5`. */
  readonly pack: string;
  /** The rule ID, as to acknowledge it, e.g. `GCJ-RET1-LogGroupRetention`, `AwsSolutions-S1`. */
  readonly ruleId: string;
  readonly level: FindingLevel;
  /** Construct path of the resource (or, for an acknowledgement finding, of the construct it is on). */
  readonly constructPath: string;
  /** What is wrong (the rule's info line). */
  readonly description: string;
  /** Requirement IDs the rule checks (GovCloudChecks rules only). */
  readonly requirements: readonly string[];
  /** How to fix it, when the pack says. */
  readonly fix?: string;
}

/** Which packs to run: a list of pack instances, or `'default'`. */
export type PackSelection = readonly NagPack[] | 'default';

/** Options of {@link collectFindings}. */
export interface CollectFindingsOptions {
  /**
   * Synthesize the app before validating (once; a synthesized app is not synthesized again), so
   * that aspects such as `Tags.of(app).add(...)` have been applied, as they are when `cdk synth`
   * runs the packs. A synthesis failure caused by validation plugins registered on the app is
   * ignored here (this helper reports the findings itself); any other synthesis error is thrown.
   * @default true
   */
  readonly synthesize?: boolean;
  /** Props of the GovCloudChecks instance used by `'default'`. @default {} */
  readonly govCloud?: GovCloudChecksProps;
}

/** Options of {@link expectNoUnacknowledgedFindings}. */
export interface ExpectNoFindingsOptions extends CollectFindingsOptions {
  /**
   * Packs to run.
   * @default 'default': GovCloudChecks, AwsSolutionsChecks and NIST80053R5Checks
   */
  readonly packs?: PackSelection;
  /**
   * Finding levels that fail the check.
   * @default ['error']
   */
  readonly levels?: readonly FindingLevel[];
}

/** GovCloudChecks + AwsSolutionsChecks + NIST80053R5Checks, fresh instances. */
export function defaultPacks(govCloud: GovCloudChecksProps = {}): NagPack[] {
  return [new GovCloudChecks(govCloud), new AwsSolutionsChecks(), new NIST80053R5Checks()];
}

/**
 * Runs the packs over `scope` (an App, Stage or Stack) and returns every finding that is not
 * acknowledged, sorted by level, rule and construct path. An acknowledgement counts when it is
 * recorded on the resource or an ancestor with the rule ID (`AwsSolutions-S1`) or the
 * namespaced ID the CDK also honours (`AwsSolutions::AwsSolutions-S1`); a rule acknowledged
 * as a whole (`AwsSolutions-IAM5`) covers its findings (`AwsSolutions-IAM5[Action::s3:*]`).
 */
export function collectFindings(
  scope: IConstruct,
  packs: PackSelection = 'default',
  options: CollectFindingsOptions = {},
): NagFinding[] {
  if (options.synthesize ?? true) synthesizeOnce(scope);
  const selected = packs === 'default' ? defaultPacks(options.govCloud) : packs;
  const constructs = new Map<string, IConstruct>(
    scope.node.root.node.findAll().map((c) => [c.node.path, c]),
  );
  const findings: NagFinding[] = [];
  for (const pack of selected) {
    const report = pack.validateScope(scope);
    const namespace = pack.name.replace(/ /g, '-');
    for (const violation of report.violations) {
      for (const resource of violation.violatingResources) {
        const constructPath = resource.constructPath ?? resource.resourceLogicalId ?? '';
        const construct = constructs.get(constructPath);
        // A rule that threw has not judged the resource; no acknowledgement covers that.
        if (
          violation.ruleMetadata?.status !== 'crashed' &&
          construct &&
          (isNamespaceAcknowledged(construct, `${namespace}::${violation.ruleName}`) ||
            isRuleLevelAcknowledged(construct, violation.ruleName))
        ) {
          continue;
        }
        findings.push({
          pack: pack.name,
          ruleId: violation.ruleName,
          level: levelOf(violation),
          constructPath,
          description: violation.description,
          requirements: requirementsOf(violation),
          fix: violation.fix,
        });
      }
    }
  }
  return findings.sort(compareFindings);
}

/**
 * Throws an Error listing every unacknowledged finding at the given levels, one per line as
 * `ruleName — constructPath — description`; returns quietly when there is none.
 *
 * @example
 * test('my stack passes the Government Cloud packs', () => {
 *   const app = new App();
 *   const stack = new MyStack(app, 'My', { env: { region: 'ap-northeast-1' } });
 *   expectNoUnacknowledgedFindings(stack);
 * });
 */
export function expectNoUnacknowledgedFindings(
  scope: IConstruct,
  options: ExpectNoFindingsOptions = {},
): void {
  const levels = options.levels ?? ['error'];
  const findings = collectFindings(scope, options.packs ?? 'default', options).filter((f) =>
    levels.includes(f.level),
  );
  if (findings.length === 0) return;
  throw new Error(formatFindings(findings, scope, levels));
}

/** The message {@link expectNoUnacknowledgedFindings} throws. */
export function formatFindings(
  findings: readonly NagFinding[],
  scope: IConstruct,
  levels: readonly FindingLevel[],
): string {
  const lines = findings.map(
    (f) =>
      `  ${f.ruleId} — ${f.constructPath} — ${f.description}` +
      (f.requirements.length > 0 ? ` [${f.requirements.join(', ')}]` : '') +
      (levels.length > 1 ? ` (${f.level})` : ''),
  );
  const noun = findings.length === 1 ? 'finding' : 'findings';
  return [
    `${findings.length} unacknowledged nag ${noun} (${levels.join(', ')}) in ${scope.node.path || '<app>'}:`,
    ...lines,
    'Fix each resource, or acknowledge a finding with a reason: ' +
      "Validations.of(construct).acknowledge({ id: '<rule id>', reason: '<why it is acceptable>' }).",
  ].join('\n');
}

function synthesizeOnce(scope: IConstruct): void {
  const root = scope.node.root;
  if (!Stage.isStage(root)) return;
  try {
    root.synth();
  } catch (error) {
    // Validation plugins registered on the app fail synthesis after aspects have run; the
    // findings are reported below in our own format instead.
    if (!isValidationFailure(error)) throw error;
  }
}

function isValidationFailure(error: unknown): boolean {
  // aws-cdk-lib throws an UnscopedValidationError named 'ValidationFailed' when a plugin fails.
  // isNativeError, not instanceof: aws-cdk-lib may run in another realm than this file (a test
  // runner's sandbox), whose Error is another class.
  return types.isNativeError(error) && error.name === 'ValidationFailed';
}

function isNamespaceAcknowledged(construct: IConstruct, namespacedId: string): boolean {
  return acknowledgementsApplyingTo(construct).some((a) => a.recordedId === namespacedId);
}

function levelOf(violation: PolicyViolation): FindingLevel {
  const severity = (violation.severity ?? 'error').toLowerCase();
  if (severity === 'error' || severity === 'fatal') return 'error';
  if (severity === 'info') return 'info';
  return 'warning';
}

function requirementsOf(violation: PolicyViolation): string[] {
  const fromMetadata = violation.ruleMetadata?.requirements;
  if (fromMetadata) return fromMetadata.split(' ').filter((r) => r !== '');
  return [...(govCloudRule(violation.ruleName)?.requirements ?? [])];
}

const LEVEL_ORDER: Record<FindingLevel, number> = { error: 0, warning: 1, info: 2 };

function compareFindings(a: NagFinding, b: NagFinding): number {
  return (
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.constructPath.localeCompare(b.constructPath)
  );
}
