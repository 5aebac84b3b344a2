import {
  type CfnResource,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolation,
  Validations,
} from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, type NagPackProps, NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { GovCloudError } from '../../domain/errors';
import {
  ACKNOWLEDGEMENT_REASON_SUFFIX,
  describeRule,
  GOVCLOUD_PACK_NAME,
  GOVCLOUD_PROFILES,
  GOVCLOUD_RULE_DEFINITIONS,
  RULE_CRASHED_SUFFIX,
  type GovCloudProfile,
  type GovCloudRuleDefinition,
  type GovCloudRuleInfo,
  type GovCloudRuleSettings,
} from './govcloud-rules';
import AcknowledgementReason from './rules/governance/AcknowledgementReason';
import { ResourceIndex } from './utils/pass-index';
import { crashMessage, type NagRule } from './utils/rule';
import { onlyErrorsFail } from './pack-policy';
import { registeredPlugins, registeredTwiceError } from './registration';
import { type GovCloudNonFunctionalLevels, settingsOf } from './settings';

export type { GovCloudNonFunctionalLevels } from './settings';

/** Props of {@link GovCloudChecks}. */
export interface GovCloudChecksProps extends NagPackProps {
  /**
   * Regions stacks, replicas and backup copies may use (REG-1, REG-3). May narrow the Japanese
   * regions (e.g. Tokyo only), never widen them.
   * @default ['ap-northeast-1', 'ap-northeast-3'] (Tokyo, Osaka)
   */
  readonly allowedRegions?: readonly string[];
  /**
   * Minimum retention, in days, of log groups and of audit-log buckets' Object Lock (RET-1).
   * Configurable upward only.
   * @default 365
   */
  readonly minimumRetentionDays?: number;
  /**
   * Which system is judged. `core-business` (基幹業務システム) adds the closed-network rules
   * NET-1 (no Internet gateway, NAT gateway, public IP, Internet-facing endpoint) and NET-4 (no
   * ingress from anywhere); `baseline` (the tenant-area baseline, or a system allowed Internet
   * access) leaves them out. The stricter profile is the default so that a vendor's stack
   * checked without options is held to the closed-network rules of the standardised municipal
   * systems; the baseline stacks opt into `baseline`.
   * @default 'core-business'
   */
  readonly profile?: GovCloudProfile;
  /**
   * Non-functional levels the AVL rules judge with (地方公共団体情報システム非機能要件の標準).
   * Looser levels than the standard belong in the config with a written reason.
   * @default - the standard's levels: RPO 24 hours, availability 99.5%, remote copy required
   */
  readonly nonFunctional?: GovCloudNonFunctionalLevels;
}

/**
 * Rule ID of the finding reported when a rule throws instead of judging (規則の異常終了). A
 * crash is never a non-compliant resource: it has its own ID and `ruleMetadata.status`
 * `crashed`, its own row status in the compliance report, and it cannot be acknowledged, so a
 * broken rule fails loudly instead of being suppressed with the finding it should have judged.
 */
export const RULE_CRASHED_ID = `${GOVCLOUD_PACK_NAME}-${RULE_CRASHED_SUFFIX}`;

/** One rule that threw on one resource during the last validation pass. */
export interface GovCloudRuleCrash {
  /** Full ID of the rule that threw. */
  readonly ruleId: string;
  /** Construct path of the resource it was judging. */
  readonly constructPath: string;
  /** The error message. */
  readonly message: string;
}

/** One resource check of the pack, ready to run on a CfnResource. */
export interface GovCloudRuleCheck {
  /** Full rule ID, e.g. `GCJ-RET1-LogGroupRetention`. */
  readonly id: string;
  readonly requirements: GovCloudRuleInfo['requirements'];
  readonly level: NagMessageLevel;
  /**
   * The check. `index` holds the lookups of the caller's pass over the app (build one per pass
   * with `ResourceIndex.of(app)` and pass it to every call, or a large app is scanned per call).
   * @default index - a fresh index for the node's app
   */
  readonly check: (node: CfnResource, index?: ResourceIndex) => NagRuleCompliance;
}

/**
 * cdk-nag 3 rule pack for Japan's Government Cloud (ガバメントクラウド). Every rule ID carries
 * the requirement it checks (e.g. `GCJ-RET1-LogGroupRetention` checks RET-1); the explanation
 * (shown with `verbose: true`) quotes the requirement in English and Japanese with its source
 * clause. See {@link GOVCLOUD_RULES} for the list.
 *
 * Rules judge CloudFormation (L1) properties, so the pack judges any CDK app, including stacks
 * that do not use this library's constructs.
 *
 * Levels behave: the report's `success` is false only when an ERROR finding remains; WARN
 * (judgement calls, e.g. TEN-2 which needs the Digital Agency's approval) and INFO findings are
 * reported without failing synthesis. INFO findings carry severity `info`.
 *
 * Acknowledge a finding with `acknowledgeFindings(construct, { id: 'GCJ-…', reason, reasonJa })`
 * (the Japanese reason goes to report.ja.md) or `Validations.of(construct).acknowledge({ id,
 * reason })`; every acknowledgement in the app, whichever pack it is for, must have a non-empty reason, or
 * the pack reports `GCJ-EVD1-AcknowledgementReason` as an error (that finding cannot be
 * acknowledged away by cdk-nag's mechanism).
 *
 * @example
 * Validations.of(app).addPlugins(new GovCloudChecks({ profile: 'core-business' }));
 */
export class GovCloudChecks extends NagPack {
  public readonly name: string;
  public override readonly ruleIds: string[];
  /** The profile the pack judges with. */
  public readonly profile: GovCloudProfile;
  /** Settings rules are built with (allowed regions, minimum retention). */
  public readonly settings: GovCloudRuleSettings;
  /** The rules this instance applies, with their texts for its settings. */
  public readonly rules: readonly GovCloudRuleInfo[];

  /** Rules that threw during the last validation pass (empty when every rule judged). */
  public get crashes(): readonly GovCloudRuleCrash[] {
    return this.lastCrashes;
  }

  private lastCrashes: GovCloudRuleCrash[] = [];

  /** Lookups of the validation pass under way, handed to every rule; none between passes. */
  private pass?: ResourceIndex;

  /** Results of the last validation pass, per resource and rule ID. */
  private lastResults = new WeakMap<CfnResource, Map<string, NagRuleCompliance>>();

  private readonly active: ReadonlyArray<{
    readonly definition: GovCloudRuleDefinition;
    readonly info: GovCloudRuleInfo;
    readonly check?: NagRule;
  }>;

  constructor(props?: GovCloudChecksProps);
  constructor(scope?: IConstruct, props?: GovCloudChecksProps);
  constructor(scopeOrProps?: IConstruct | GovCloudChecksProps, maybeProps?: GovCloudChecksProps) {
    const scope = isConstruct(scopeOrProps) ? scopeOrProps : undefined;
    const props = (isConstruct(scopeOrProps) ? maybeProps : scopeOrProps) ?? {};
    super(scope, props);
    this.packName = GOVCLOUD_PACK_NAME;
    this.name = 'GovCloudChecks';

    this.profile = props.profile ?? 'core-business';
    if (!GOVCLOUD_PROFILES.includes(this.profile)) {
      throw new GovCloudError({
        code: 'GovCloudChecksProfileUnknown',
        problem: `GovCloudChecks profile "${String(props.profile)}" is unknown`,
        requirement: 'NET-1',
        fix: `use ${GOVCLOUD_PROFILES.map((p) => `"${p}"`).join(' or ')}.`,
      });
    }
    this.settings = settingsOf(props);

    this.active = GOVCLOUD_RULE_DEFINITIONS.filter((d) => d.profiles.includes(this.profile)).map(
      (definition) => ({
        definition,
        info: describeRule(definition, this.settings),
        check: definition.check?.(this.settings),
      }),
    );
    this.rules = this.active.map((a) => a.info);
    this.ruleIds = this.rules.map((r) => r.id);
  }

  /**
   * The resource checks this instance applies, with their IDs, requirement IDs and levels, for
   * tools that judge resources one by one (e.g. the compliance report, which also needs the
   * compliant and not-applicable counts that a validation report does not carry). The
   * acknowledgement rule (GCJ-EVD1-AcknowledgementReason) is pack-level and not included.
   */
  public ruleChecks(): GovCloudRuleCheck[] {
    return this.active.flatMap(({ info, check }) =>
      check
        ? [
            {
              id: info.id,
              requirements: info.requirements,
              level: info.level,
              // A resource this instance judged in its last pass is not judged again.
              check: (node: CfnResource, index = ResourceIndex.of(node)) =>
                this.lastResults.get(node)?.get(info.id) ?? check(node, index),
            },
          ]
        : [],
    );
  }

  /**
   * Entry point of the CDK's validation during synthesis. The pack judges an app once: when
   * several instances are registered on the same app (e.g. `applyChecks(app)` and then
   * `addPlugins(new GovCloudChecks())`), the first judges and every later one fails as a
   * plugin error naming the fix, instead of reporting every finding twice (EVD-1).
   */
  public override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = (context as { appConstruct?: IConstruct }).appConstruct;
    if (root) {
      const packs = registeredPlugins(root).filter((p) => p instanceof GovCloudChecks);
      if (packs.length > 1 && packs[0] !== this) {
        throw registeredTwiceError(this.name, packs.length);
      }
    }
    return super.validate(context);
  }

  /**
   * Validates a construct tree (an App, Stage or Stack), as the CDK does through `validate()`
   * during synthesis. Adds the pack-level acknowledgement check, the requirement IDs of each
   * finding (`ruleMetadata.requirements`) and recomputes `success` from severities.
   *
   * Tags added with `Tags.of(...)` are applied by aspects during synthesis: call this on an
   * app that has been synthesized (e.g. after `Template.fromStack` or `app.synth()`), or the
   * tag rules only see tags given as props.
   */
  public override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.lastResults = new WeakMap();
    this.lastCrashes = [];
    this.pass = ResourceIndex.of(scope);
    let report: PolicyValidationPluginReport;
    try {
      report = super.validateScope(scope);
    } finally {
      this.pass = undefined;
    }
    const violations = report.violations.map((v) => this.annotate(v));
    if (this.lastCrashes.length > 0) violations.push(crashViolation(this.lastCrashes));
    const unreasoned = AcknowledgementReason(scope);
    if (unreasoned.length > 0) {
      const rule = this.active.find((a) => a.definition.suffix === ACKNOWLEDGEMENT_REASON_SUFFIX);
      if (rule) {
        violations.push(
          this.annotate({
            ruleName: rule.info.id,
            description: `${rule.info.info} Acknowledged without a reason: ${unreasoned.map((a) => `${a.id} at ${a.constructPath}`).join(', ')}.`,
            severity: 'error',
            violatingResources: unreasoned.map((a) => ({
              constructPath: a.constructPath,
              locations: [`Metadata/${Validations.ACKNOWLEDGED_RULES_METADATA_KEY}/${a.id}`],
            })),
          }),
        );
      }
    }
    return onlyErrorsFail({ ...report, violations });
  }

  protected checkResource(node: CfnResource): void {
    // Outside validateScope (e.g. the pack applied as an aspect) each resource gets its own.
    const index = this.pass ?? ResourceIndex.of(node);
    for (const { definition, info, check } of this.active) {
      if (!check) continue;
      this.applyRule({
        ruleSuffixOverride: definition.suffix,
        info: info.info,
        explanation: info.explanation,
        level: definition.level,
        node,
        rule: (n) => this.judge(n, index, info.id, check),
      });
    }
  }

  /**
   * Runs one check; a throw is recorded as a crash and hidden from cdk-nag, which would
   * otherwise report it under the rule's own ID, where an acknowledgement of the finding
   * silences it.
   */
  private judge(
    node: CfnResource,
    index: ResourceIndex,
    ruleId: string,
    check: NagRule,
  ): NagRuleCompliance {
    let result: NagRuleCompliance;
    try {
      result = check(node, index);
    } catch (error) {
      this.lastCrashes.push({
        ruleId,
        constructPath: node.node.path,
        message: crashMessage(error),
      });
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    return this.remember(node, ruleId, result);
  }

  private remember(
    node: CfnResource,
    ruleId: string,
    result: NagRuleCompliance,
  ): NagRuleCompliance {
    let results = this.lastResults.get(node);
    if (!results) {
      results = new Map();
      this.lastResults.set(node, results);
    }
    results.set(ruleId, result);
    return result;
  }

  /** Adds severity `info`, the requirement IDs and the fix to a finding of this pack. */
  private annotate(violation: PolicyViolation): PolicyViolation {
    const id = violation.ruleName.replace(/\[.*\]$/, '');
    const rule = this.active.find((a) => a.info.id === id)?.info;
    if (!rule) return violation;
    return {
      ...violation,
      severity: rule.level === NagMessageLevel.INFO ? 'info' : violation.severity,
      fix: violation.fix ?? rule.fix,
      ruleMetadata: {
        ...violation.ruleMetadata,
        requirements: rule.requirements.join(' '),
        level: rule.level,
        profile: this.profile,
      },
    };
  }
}

function crashViolation(crashes: readonly GovCloudRuleCrash[]): PolicyViolation {
  return {
    ruleName: RULE_CRASHED_ID,
    description: `A rule threw instead of judging; the resources below were not checked: ${crashes.map((c) => `${c.ruleId} on ${c.constructPath}: ${c.message}`).join('; ')}.`,
    severity: 'error',
    violatingResources: crashes.map((c) => ({
      constructPath: c.constructPath,
      locations: ['Properties'],
    })),
    ruleMetadata: {
      status: 'crashed',
      rules: [...new Set(crashes.map((c) => c.ruleId))].join(' '),
      requirements: 'EVD-1',
    },
  };
}

function isConstruct(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && 'node' in x;
}
