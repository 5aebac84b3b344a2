import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { flattenCfnValue } from '../../domain/cfn-value';
import { GovCloudError } from './errors';

/**
 * The id under which cdk-nag reports a finding about one policy resource (e.g.
 * `AwsSolutions-IAM5[Resource::<LogGroupABC.Arn>:*]`), so that a construct can acknowledge
 * exactly that finding — not every wildcard of the rule — with its reason. Mirrors how
 * cdk-nag flattens intrinsics: `{Ref: X}` → `<X>`, `{Fn::GetAtt: [X, Arn]}` → `<X.Arn>`,
 * `Fn::Join` concatenated.
 */
export function nagResourceFinding(scope: IConstruct, rule: string, resource: string): string {
  return `${rule}[Resource::${flattenCfnValue(Stack.of(scope).resolve(resource), 'finding')}]`;
}

/** One finding a construct accepts, with its reason in English and in Japanese (承認理由). */
export interface FindingAcknowledgement {
  /**
   * The rule or finding ID as cdk-nag reports it: `AwsSolutions-S1`, or one finding of a rule
   * such as `AwsSolutions-IAM5[Action::s3:GetObject*]` (see `nagResourceFinding`).
   */
  readonly id: string;
  /**
   * Why the finding is acceptable, in English: what cdk-nag, `cdk synth --strict`, report.md
   * and evidence.json show (EVD-1).
   */
  readonly reason: string;
  /**
   * The same reason in Japanese, for report.ja.md and `reasonJa` in evidence.json (EVD-1).
   * Must contain Japanese text; AWS service and API names stay as AWS writes them.
   */
  readonly reasonJa: string;
}

/**
 * Construct metadata type of the Japanese reason of an acknowledgement. It is recorded beside
 * aws-cdk-lib's `aws:cdk:acknowledged-rules` entry, which cdk-nag matches on and which keeps
 * the English reason unchanged.
 */
export const ACKNOWLEDGEMENT_JA_METADATA_TYPE = 'govcloud-jp:acknowledgement-ja';

/** What {@link ACKNOWLEDGEMENT_JA_METADATA_TYPE} records for one acknowledgement. */
export interface AcknowledgementJaRecord {
  /** The ID exactly as aws-cdk-lib recorded it (e.g. `Annotation::AwsSolutions-S1`). */
  readonly recordedId: string;
  /**
   * The English reason recorded with it: the Japanese reason belongs to this acknowledgement
   * only, not to another one of the same rule on the same construct (e.g. from the config).
   */
  readonly reason: string;
  readonly reasonJa: string;
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Acknowledges findings on `scope` with `Validations.of(scope).acknowledge({ id, reason })`, so
 * that cdk-nag matches them exactly as before, and records each Japanese reason beside it for
 * report.ja.md (EVD-1). Every acknowledgement of the library's constructs is made here.
 *
 * @throws GovCloudError `AcknowledgementReasonJaMissing` when a `reasonJa` contains no
 *   Japanese text (nothing is recorded then).
 */
export function acknowledgeFindings(
  scope: IConstruct,
  ...acknowledgements: FindingAcknowledgement[]
): void {
  // Checked at run time too: a JavaScript caller may pass no reasonJa or an English one.
  const untranslated = acknowledgements.find(
    (a) => typeof a.reasonJa !== 'string' || !JAPANESE.test(a.reasonJa),
  );
  if (untranslated) {
    throw new GovCloudError({
      code: 'AcknowledgementReasonJaMissing',
      problem: `acknowledgement ${untranslated.id}: reasonJa ${JSON.stringify(untranslated.reasonJa)} contains no Japanese text`,
      requirement: 'EVD-1',
      fix: 'give reasonJa the reason in Japanese (承認理由); report.ja.md shows it.',
      scope,
    });
  }
  for (const { id, reason, reasonJa } of acknowledgements) {
    Validations.of(scope).acknowledge({ id, reason });
    // aws-cdk-lib normalizes the ID as it records it (`Annotation::` prefix, spaces); the
    // entry just added names it as the report will read it.
    const recorded = scope.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .at(-1);
    for (const recordedId of Object.keys((recorded?.data ?? {}) as Record<string, unknown>)) {
      const record: AcknowledgementJaRecord = { recordedId, reason, reasonJa };
      scope.node.addMetadata(ACKNOWLEDGEMENT_JA_METADATA_TYPE, record);
    }
  }
}
