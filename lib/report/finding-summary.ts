import * as fs from 'fs';
import * as path from 'path';

/** The part of `cdk.out/validation-report.json` the summary reads. */
export interface ValidationReportForSummary {
  readonly pluginReports?: readonly {
    readonly pluginName: string;
    readonly violations?: readonly {
      readonly ruleName: string;
      readonly description?: string;
      readonly suggestedFix?: string;
      readonly severity?: string;
      readonly violatingConstructs?: readonly { readonly constructPath?: string }[];
    }[];
  }[];
}

const SEVERITY_ORDER = ['fatal', 'error', 'warning', 'info'];
/** Paths printed per error rule; every path is in the validation report and the compliance report. */
const ERROR_PATHS_SHOWN = 10;

/**
 * The findings of a validation report as one block per rule with its count (EVD-1): an
 * application-mode app used to print 36 identical TEN-2 blocks, 150 municipalities over 900
 * INFO lines. Errors list their first construct paths (each must be fixed); warnings and
 * info name the first one. Every resource stays in the validation report and in the
 * compliance report.
 */
export function summarizeFindings(report: ValidationReportForSummary, reportPath: string): string {
  const rules = (report.pluginReports ?? []).flatMap((p) =>
    (p.violations ?? []).map((v) => ({
      plugin: p.pluginName,
      rule: v.ruleName,
      severity: (v.severity ?? 'error').toLowerCase(),
      description: v.description ?? '',
      fix: v.suggestedFix,
      paths: (v.violatingConstructs ?? []).map((c) => c.constructPath || '(unknown)'),
    })),
  );
  if (rules.length === 0) {
    return '';
  }
  const rank = (s: string) => {
    const i = SEVERITY_ORDER.indexOf(s);
    return i < 0 ? SEVERITY_ORDER.length : i;
  };
  rules.sort((a, b) => rank(a.severity) - rank(b.severity) || a.rule.localeCompare(b.rule));
  const count = (s: string) =>
    rules.filter((r) => r.severity === s).reduce((n, r) => n + r.paths.length, 0);
  const total = rules.reduce((n, r) => n + r.paths.length, 0);
  const lines = [
    `govcloud-jp: ${total} finding(s) of ${rules.length} rule(s) (${count('fatal') + count('error')} error, ${count('warning')} warning, ${count('info')} info), one block per rule; every resource is listed in ${reportPath} and in the compliance report (npm run report).`,
  ];
  for (const r of rules) {
    const blocking = r.severity === 'error' || r.severity === 'fatal';
    const shown = r.paths.slice(0, blocking ? ERROR_PATHS_SHOWN : 1);
    const more = r.paths.length - shown.length;
    lines.push(
      '',
      `${r.severity.toUpperCase()} ${r.rule} ×${r.paths.length} (${r.plugin}): ${r.description}`,
      ...shown.map((p) => `   ${p}`),
      ...(more > 0 ? [`   … and ${more} more`] : []),
      ...(r.fix ? [`   Fix: ${r.fix}`] : []),
    );
  }
  return lines.join('\n');
}

/** A finding block as aws-cdk-lib prints it: `SEVERITY description (Plugin)`. */
const FINDING_LINE = /^(FATAL|ERROR|WARNING|INFO) .* \([^()]+\)$/m;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Runs `synth` (e.g. `() => app.synth()`) with aws-cdk-lib's printout of the validation
 * report, one block per finding, replaced by {@link summarizeFindings} of the report it wrote
 * to `<outdir>/validation-report.json`. Other messages pass through unchanged and in order.
 */
export function withFindingSummary<T>(outdir: string, synth: () => T): T {
  const reportPath = path.join(outdir, 'validation-report.json');
  const before = fs.existsSync(reportPath) ? fs.statSync(reportPath).mtimeMs : undefined;
  const original = console.error;
  const held: unknown[][] = [];
  console.error = (...args: unknown[]) => {
    held.push(args);
  };
  try {
    return synth();
  } finally {
    console.error = original;
    const written =
      fs.existsSync(reportPath) && fs.statSync(reportPath).mtimeMs !== before
        ? (JSON.parse(fs.readFileSync(reportPath, 'utf8')) as ValidationReportForSummary)
        : undefined;
    let summarized = false;
    for (const args of held) {
      const text = args.map(String).join(' ').replace(ANSI, '');
      if (written && FINDING_LINE.test(text)) {
        // CDK's preamble (built-in CloudFormation validation downgraded to warnings) is kept.
        const preamble = text.split('\n\n').filter((p) => p.startsWith('[Warning]'));
        if (preamble.length > 0) original(preamble.join('\n\n'));
        if (!summarized) {
          const relative = path.relative(process.cwd(), reportPath);
          const summary = summarizeFindings(
            written,
            relative.startsWith('..') ? reportPath : relative,
          );
          if (summary) original(summary);
          summarized = true;
        }
        continue;
      }
      original(...args);
    }
  }
}
