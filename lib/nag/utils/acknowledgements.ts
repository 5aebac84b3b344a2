import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import {
  ACKNOWLEDGEMENT_JA_METADATA_TYPE,
  type AcknowledgementJaRecord,
} from '../../../constructs/core/nag-finding';
import { CDK_ACKNOWLEDGEMENTS_JA } from './cdk-acknowledgements';

/** One `Validations.of(x).acknowledge({ id, reason })` as recorded in construct metadata. */
export interface Acknowledgement {
  /** The acknowledged rule ID as written by the caller (without the `Annotation::` prefix). */
  readonly id: string;
  /** The ID exactly as recorded (e.g. `Annotation::GCJ-RET1-LogGroupRetention`). */
  readonly recordedId: string;
  readonly reason: unknown;
  /**
   * The reason in Japanese, for report.ja.md: recorded beside it by `acknowledgeFindings`, or
   * known for an acknowledgement aws-cdk-lib records itself (`CDK_ACKNOWLEDGEMENTS_JA`).
   * @default - none: the reason is shown as written in both editions (the config's own words)
   */
  readonly reasonJa?: string;
  /** Path of the construct the acknowledgement was recorded on. */
  readonly constructPath: string;
}

/**
 * Acknowledgements recorded directly on `construct` (not on its ancestors).
 *
 * aws-cdk-lib records an ID without a namespace as `Annotation::<id>`; cdk-nag strips that
 * prefix when matching, and so does this function. A namespaced ID (`<plugin>::<rule>`) is kept
 * as written.
 */
export function acknowledgementsOn(construct: IConstruct): Acknowledgement[] {
  const translations = construct.node.metadata
    .filter((m) => m.type === ACKNOWLEDGEMENT_JA_METADATA_TYPE)
    .map((m) => m.data as AcknowledgementJaRecord);
  const found: Acknowledgement[] = [];
  for (const entry of construct.node.metadata) {
    if (
      entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY ||
      typeof entry.data !== 'object' ||
      entry.data === null
    ) {
      continue;
    }
    for (const [recordedId, reason] of Object.entries(entry.data as Record<string, unknown>)) {
      const reasonJa =
        translations.find((t) => t.recordedId === recordedId && t.reason === reason)?.reasonJa ??
        CDK_ACKNOWLEDGEMENTS_JA.find((t) => t.id === recordedId && t.reason === reason)?.reasonJa;
      found.push({
        id: recordedId.replace(/^annotation::/i, ''),
        recordedId,
        reason,
        ...(reasonJa === undefined ? {} : { reasonJa }),
        constructPath: construct.node.path,
      });
    }
  }
  return found;
}

/** Acknowledgements that apply to `construct`: on it and on every ancestor. */
export function acknowledgementsApplyingTo(construct: IConstruct): Acknowledgement[] {
  return construct.node.scopes.flatMap(acknowledgementsOn);
}

/** True when the reason is missing, not a string, or only whitespace. */
export function hasEmptyReason(ack: Acknowledgement): boolean {
  return typeof ack.reason !== 'string' || ack.reason.trim() === '';
}

/**
 * True when `ruleName` is one finding of a rule (`AwsSolutions-IAM5[Action::s3:*]`) and the
 * rule itself (`AwsSolutions-IAM5`) is acknowledged, with a reason, on `construct` or an
 * ancestor. cdk-nag 3 only matches whole finding IDs; a construct whose wildcards are its
 * purpose (e.g. a permission boundary listing the delegated services) is acknowledged once,
 * for all its findings, rather than once per action.
 */
export function isRuleLevelAcknowledged(construct: IConstruct, ruleName: string): boolean {
  const match = /^([^[]+)\[.+\]$/.exec(ruleName);
  if (!match) {
    return false;
  }
  const ruleId = match[1];
  return acknowledgementsApplyingTo(construct).some((a) => a.id === ruleId && !hasEmptyReason(a));
}
