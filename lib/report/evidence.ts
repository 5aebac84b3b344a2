import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { IMPLEMENTS_METADATA_TYPE } from '../../constructs/core/implements';
import {
  type Acknowledgement,
  acknowledgementsApplyingTo,
  acknowledgementsOn,
} from '../nag/utils/acknowledgements';
import { ResourceIndex } from '../nag/utils/pass-index';
import { crashMessage, type NagRule } from '../nag/utils/rule';
import type { RequirementId } from '../../domain/requirements';

/** A rule as the evidence collector runs it. */
export interface EvidenceRule {
  /** Full rule ID, e.g. `GCJ-RET1-LogGroupRetention`. */
  readonly id: string;
  readonly requirements: readonly RequirementId[];
  /** 'Error' | 'Warning' | 'Info' (cdk-nag's NagMessageLevel values). */
  readonly level: string;
  readonly check: NagRule;
}

/** How one rule judged the resources of one stack. */
export interface RuleResult {
  readonly ruleId: string;
  readonly requirements: readonly RequirementId[];
  readonly level: string;
  readonly stack: string;
  readonly compliant: number;
  readonly notApplicable: number;
  /** Unacknowledged non-compliant resources (construct paths). */
  readonly nonCompliant: readonly string[];
  /**
   * Non-compliant resources whose finding is acknowledged, with the reason given (and its
   * Japanese edition, where one exists; see {@link AcknowledgementEvidence}).
   */
  readonly acknowledged: readonly {
    readonly path: string;
    readonly reason: string;
    readonly reasonJa?: string;
  }[];
  /**
   * Resources the rule threw on instead of judging, with the error: neither a pass nor a
   * finding, reported with its own status (GCJ-EVD1-RuleCrashed).
   */
  readonly crashed: readonly { readonly path: string; readonly message: string }[];
}

/** Everything the compliance report needs from a synthesized app (EVD-1, EVD-2). */
export interface Evidence {
  readonly stacks: readonly { readonly name: string; readonly region: string }[];
  /** Constructs that record which requirements they implement. */
  readonly implementations: readonly {
    readonly stack: string;
    readonly path: string;
    readonly requirements: readonly RequirementId[];
  }[];
  readonly ruleResults: readonly RuleResult[];
  /** Every acknowledgement in the app, of any pack, with its reason. */
  readonly acknowledgements: readonly AcknowledgementEvidence[];
}

/** One acknowledgement as the evidence records it (EVD-1). */
export interface AcknowledgementEvidence {
  readonly path: string;
  readonly ruleId: string;
  /** The reason as recorded: what cdk-nag matched on, shown in report.md. */
  readonly reason: string;
  /**
   * The reason in Japanese, shown in report.ja.md: given with the library's own
   * acknowledgements (`acknowledgeFindings`) and aws-cdk-lib's.
   * @default - none: a config acknowledgement is the user's own words, shown as written in both editions
   */
  readonly reasonJa?: string;
}

/**
 * Runs every rule over every resource of every stack in `root` (after `app.synth()`, so that
 * aspects such as tagging have been applied) and records pass / fail / acknowledged / not
 * applicable, the constructs implementing each requirement and every acknowledgement.
 * Deterministic: the same app gives the same evidence.
 */
export function collectEvidence(root: IConstruct, rules: readonly EvidenceRule[]): Evidence {
  return collect(root, rules, ResourceIndex.of(root));
}

function collect(root: IConstruct, rules: readonly EvidenceRule[], index: ResourceIndex): Evidence {
  const stacks = root.node.findAll().filter(Stack.isStack);
  const ruleResults: RuleResult[] = [];
  for (const stack of stacks) {
    const resources = stack.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
    for (const rule of rules) {
      ruleResults.push(judge(rule, stack, resources, index));
    }
  }

  const all = root.node.findAll();
  return {
    stacks: stacks.map((s) => ({ name: s.stackName, region: s.region })),
    implementations: all.flatMap((c) => {
      const requirements = c.node.metadata
        .filter((m) => m.type === IMPLEMENTS_METADATA_TYPE)
        .flatMap((m) => m.data as RequirementId[]);
      return requirements.length > 0
        ? [{ stack: stackNameOf(c), path: c.node.path, requirements: [...new Set(requirements)] }]
        : [];
    }),
    ruleResults,
    acknowledgements: all
      .flatMap(acknowledgementsOn)
      .map((a) => ({
        path: a.constructPath,
        ruleId: a.id,
        reason: String(a.reason ?? ''),
        ...withReasonJa(a),
      }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId)),
  };
}

function judge(
  rule: EvidenceRule,
  stack: Stack,
  resources: readonly CfnResource[],
  index: ResourceIndex,
): RuleResult {
  let compliant = 0;
  let notApplicable = 0;
  const nonCompliant: string[] = [];
  const acknowledged: { path: string; reason: string; reasonJa?: string }[] = [];
  const crashed: { path: string; message: string }[] = [];
  for (const resource of resources) {
    let result: NagRuleCompliance;
    try {
      result = rule.check(resource, index);
    } catch (error) {
      crashed.push({
        path: resource.node.path,
        message: crashMessage(error),
      });
      continue;
    }
    if (result === NagRuleCompliance.COMPLIANT) {
      compliant++;
    } else if (result === NagRuleCompliance.NOT_APPLICABLE) {
      notApplicable++;
    } else {
      const ack = acknowledgementsApplyingTo(resource).find((a) => a.id === rule.id);
      if (ack) {
        acknowledged.push({
          path: resource.node.path,
          reason: String(ack.reason ?? ''),
          ...withReasonJa(ack),
        });
      } else {
        nonCompliant.push(resource.node.path);
      }
    }
  }
  return {
    ruleId: rule.id,
    requirements: rule.requirements,
    level: rule.level,
    stack: stack.stackName,
    compliant,
    notApplicable,
    nonCompliant,
    acknowledged,
    crashed,
  };
}

/** `{ reasonJa }` where the acknowledgement has one, else nothing: evidence.json omits the key. */
function withReasonJa(ack: Acknowledgement): { reasonJa?: string } {
  return ack.reasonJa === undefined ? {} : { reasonJa: ack.reasonJa };
}

function stackNameOf(c: IConstruct): string {
  try {
    return Stack.of(c).stackName;
  } catch {
    return '(app)';
  }
}
