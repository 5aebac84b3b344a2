import * as fs from 'fs';
import * as path from 'path';
import { GovCloudError } from '../../constructs/core/errors';
import { readControlTowerEvidence } from './control-tower';
import type { Evidence } from './evidence';
import type { NonFunctionalEvidence } from './non-functional';
import {
  type Approval,
  renderReport,
  type ReportSummary,
  type ValidationReportLike,
} from './render';

/** Where the evidence and the report live inside the cloud assembly directory. */
export const COMPLIANCE_DIR = 'compliance';
const EVIDENCE_FILE = 'evidence.json';

/** Which account-level services each baseline stack creates and which it expects (PLAT-1). */
export interface PlatformServicesFile {
  readonly mode: 'standalone' | 'gcas';
  readonly stacks: readonly {
    readonly stack: string;
    readonly region: string;
    /** Services this stack creates. */
    readonly creates: readonly string[];
    /** Services that must exist in the account and region before deployment. */
    readonly expectsExisting: readonly string[];
  }[];
}

/** What the app records next to the templates for `npm run report`. */
export interface EvidenceFile {
  /** Title of the report: municipality, code, system, environment. */
  readonly title: string;
  readonly evidence: Evidence;
  /**
   * The platform mode and service split; the report then states the platform's share (PLAT-1).
   * @default - standalone
   */
  readonly platform?: PlatformServicesFile;
  /** Levels, settings and the recorded restore drill (AVL-1, AVL-2, PORT-3). */
  readonly nonFunctional?: NonFunctionalEvidence;
  /** Approvals the config records, e.g. the Digital Agency's approval of TEN-2 separation. */
  readonly approvals?: readonly Approval[];
  /**
   * What wrote the evidence and the report (provenance line of the report, EVD-1).
   * @default '`npm run report`'
   */
  readonly generatedBy?: string;
}

/**
 * Writes `<outdir>/platform-services.json`: what the stacks create and what they expect to
 * exist, to compare with the README check list before `cdk deploy` (PLAT-1).
 */
export function writePlatformServices(outdir: string, file: PlatformServicesFile): string {
  fs.mkdirSync(outdir, { recursive: true });
  const target = path.join(outdir, 'platform-services.json');
  fs.writeFileSync(target, JSON.stringify(file, undefined, 2) + '\n');
  return target;
}

/** Writes the evidence gathered at synth time into `<outdir>/compliance/evidence.json`. */
export function writeEvidence(outdir: string, file: EvidenceFile): string {
  const dir = path.join(outdir, COMPLIANCE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, EVIDENCE_FILE);
  fs.writeFileSync(target, JSON.stringify(file, undefined, 2) + '\n');
  return target;
}

/**
 * Reads the evidence, CDK's validation report and, where `npm run validate` judged the same
 * templates, the Control Tower result from a cloud assembly directory and writes
 * `report.md`, `report.ja.md` and `report.csv` into `<outdir>/compliance/`.
 */
export function writeReport(outdir: string): { files: string[]; summary: ReportSummary } {
  const dir = path.join(outdir, COMPLIANCE_DIR);
  const evidencePath = path.join(dir, EVIDENCE_FILE);
  if (!fs.existsSync(evidencePath)) {
    throw new GovCloudError({
      code: 'ReportEvidenceMissing',
      problem: `${evidencePath} not found`,
      requirement: 'EVD-1',
      fix: 'the report is built from a synthesized app. Fix: run `npm run synth` first.',
    });
  }
  const { title, evidence, platform, nonFunctional, approvals, generatedBy } = JSON.parse(
    fs.readFileSync(evidencePath, 'utf8'),
  ) as EvidenceFile;
  const validationPath = path.join(outdir, 'validation-report.json');
  const validation: ValidationReportLike = fs.existsSync(validationPath)
    ? (JSON.parse(fs.readFileSync(validationPath, 'utf8')) as ValidationReportLike)
    : {};
  const report = renderReport(evidence, validation, title, {
    platformMode: platform?.mode,
    nonFunctional,
    approvals,
    generatedBy,
    controlTower: readControlTowerEvidence(outdir),
  });
  const files = [
    ['report.md', report.markdown],
    ['report.ja.md', report.markdownJa],
    ['report.csv', report.csv],
  ].map(([name, content]) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, content);
    return target;
  });
  return { files, summary: report.summary };
}
