import type { Stage } from 'aws-cdk-lib';
import type { GovCloudChecks } from '../nag/govcloud-checks';
import { collectEvidence } from './evidence';
import { type PlatformServicesFile, writeEvidence, writeReport } from './files';
import type { NonFunctionalEvidence } from './non-functional';
import type { Approval, ReportSummary } from './render';

/** Options of {@link writeComplianceReport}. */
export interface ComplianceReportOptions {
  /** Title of the report, e.g. municipality, code, system and environment. */
  readonly title: string;
  /** The Government Cloud pack the app is checked with: what `applyChecks(app)` returns. */
  readonly checks: GovCloudChecks;
  /**
   * Approvals to record, e.g. the Digital Agency's approval of application-level separation
   * (TEN-2).
   * @default - none
   */
  readonly approvals?: readonly Approval[];
  /**
   * Non-functional levels and settings (AVL-1, AVL-2, PORT-3).
   * @default - the report has no non-functional section
   */
  readonly nonFunctional?: NonFunctionalEvidence;
  /**
   * The platform mode and service split (PLAT-1).
   * @default - standalone
   */
  readonly platform?: PlatformServicesFile;
  /**
   * What wrote the report, named in its provenance sentence (EVD-1).
   * @default '`writeComplianceReport` (govcloud-jp-cdk) in the CDK app'
   */
  readonly generatedBy?: string;
}

/**
 * Writes the compliance evidence and report of a vendor's CDK app (EVD-1, EVD-2):
 * `<outdir>/compliance/evidence.json`, `report.md`, `report.ja.md` and `report.csv`, where
 * `outdir` is the app's cloud assembly directory (`cdk.out` under `cdk synth`).
 *
 * Synthesizes the app first (a no-op when it already was), so that tags applied by aspects and
 * CDK's validation report are what the evidence sees. The report states that this function,
 * not this repository's `npm run report`, wrote it. When synthesis ends with unacknowledged
 * errors the report is still written, for the fix, and `summary.unacknowledgedErrors` counts
 * them.
 *
 * @example
 * const checks = applyChecks(app);
 * writeComplianceReport(app, { title: '架空市 139998 / juki / staging', checks });
 */
export function writeComplianceReport(
  app: Stage,
  options: ComplianceReportOptions,
): { files: string[]; summary: ReportSummary } {
  app.synth();
  const evidenceFile = writeEvidence(app.outdir, {
    title: options.title,
    evidence: collectEvidence(app, options.checks.ruleChecks()),
    platform: options.platform,
    nonFunctional: options.nonFunctional,
    approvals: options.approvals ?? [],
    generatedBy: options.generatedBy ?? '`writeComplianceReport` (govcloud-jp-cdk) in the CDK app',
  });
  const { files, summary } = writeReport(app.outdir);
  return { files: [evidenceFile, ...files], summary };
}
