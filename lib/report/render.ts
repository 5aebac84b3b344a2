import {
  citeSource,
  REQUIREMENTS,
  type Requirement,
  type RequirementId,
} from '../../domain/requirements';
import type { Evidence, RuleResult } from './evidence';
import { responsibilityIn } from './responsibilities';
import { renderNonFunctional, type NonFunctionalEvidence } from './non-functional';
import { REQUIREMENT_TEXT_JA } from '../../domain/requirements-ja';
import { renderControlTower, type ControlTowerEvidence } from './control-tower';

/** Status of one rule in one stack. */
export type RuleStatus =
  'rule error' | 'pass' | 'fail' | 'acknowledged' | 'informational' | 'not applicable';

/** An approval the config records (e.g. the Digital Agency's approval for TEN-2). */
export interface Approval {
  readonly requirement: RequirementId;
  readonly reference: string;
}

/** The part of cdk.out/validation-report.json the report reads (other packs' findings). */
export interface ValidationReportLike {
  readonly pluginReports?: readonly {
    readonly pluginName: string;
    readonly violations?: readonly {
      readonly ruleName: string;
      readonly severity?: string;
      readonly violatingConstructs?: readonly { readonly constructPath?: string }[];
    }[];
  }[];
}

/** The three report files. */
export interface ComplianceReport {
  readonly markdown: string;
  readonly markdownJa: string;
  readonly csv: string;
  readonly summary: ReportSummary;
}

export interface ReportSummary {
  readonly requirements: number;
  /** Implemented by a construct of the app or checked by a rule. */
  readonly covered: number;
  /** Checked by at least one rule. */
  readonly checked: number;
  /** Checked, and every rule passes (or is acknowledged) in every stack where it applies. */
  readonly passing: number;
  /** Unacknowledged error-level findings of any pack (one per rule and resource). */
  readonly unacknowledgedErrors: number;
}

/** Status of a rule in one stack, from its evidence. */
export function ruleStatus(r: RuleResult): RuleStatus {
  if (r.crashed.length > 0) {
    return 'rule error';
  }
  if (r.nonCompliant.length > 0) {
    // An Info finding tells what the template does by design ("Nothing to fix"): not a failure.
    return r.level === 'Info' ? 'informational' : 'fail';
  }
  if (r.acknowledged.length > 0) {
    return 'acknowledged';
  }
  return r.compliant > 0 ? 'pass' : 'not applicable';
}

const STATUS_JA: Record<RuleStatus, string> = {
  'rule error': '規則の異常終了',
  pass: '適合',
  fail: '不適合',
  acknowledged: '承認済み（理由あり）',
  informational: '情報（対応不要）',
  'not applicable': '対象なし',
};

/** What the report states beside the rule results. */
export interface ReportContext {
  /**
   * The platform mode; in `gcas` the report states the platform's share (PLAT-1).
   * @default 'standalone'
   */
  readonly platformMode?: 'standalone' | 'gcas';
  /** Levels, settings and the recorded restore drill (AVL-1, AVL-2, PORT-3). */
  readonly nonFunctional?: NonFunctionalEvidence;
  /** Approvals the config records, e.g. the Digital Agency's approval of TEN-2 separation. */
  readonly approvals?: readonly Approval[];
  /**
   * What wrote the report, named in its first sentence (provenance, EVD-1).
   * @default '`npm run report`' (this repository's app)
   */
  readonly generatedBy?: string;
  /**
   * The Control Tower proactive controls' result for these templates (`npm run validate`).
   * @default - not run: the report says so
   */
  readonly controlTower?: { readonly evidence?: ControlTowerEvidence; readonly stale: boolean };
}

/**
 * Builds the requirement → control → rule → status matrix (EVD-1) with the responsibility
 * split (EVD-2), in English Markdown, Japanese Markdown and CSV.
 */
export function renderReport(
  evidence: Evidence,
  validation: ValidationReportLike,
  title: string,
  context: ReportContext = {},
): ComplianceReport {
  const byRequirement = new Map<string, RuleResult[]>();
  for (const r of evidence.ruleResults) {
    for (const id of r.requirements) {
      byRequirement.set(id, [...(byRequirement.get(id) ?? []), r]);
    }
  }
  const implementedBy = new Map<string, string[]>();
  for (const i of evidence.implementations) {
    for (const id of i.requirements) {
      implementedBy.set(id, [...(implementedBy.get(id) ?? []), i.path]);
    }
  }
  // Findings of rules the evidence judged are counted from the evidence, the rest (other
  // packs, pack-level checks) from the validation report.
  const judgedRules = new Set(evidence.ruleResults.map((r) => r.ruleId));
  const otherFindings = (validation.pluginReports ?? []).flatMap((p) =>
    (p.violations ?? [])
      .flatMap((v) =>
        (v.violatingConstructs ?? [{}]).map((c) => ({
          plugin: p.pluginName,
          rule: v.ruleName,
          severity: v.severity ?? 'error',
          path: c.constructPath ?? '(unknown)',
        })),
      )
      .filter((f) => !judgedRules.has(f.rule)),
  );

  const rows = REQUIREMENTS.map((req) => {
    const results = byRequirement.get(req.id) ?? [];
    const constructs = implementedBy.get(req.id) ?? [];
    const applicable = results.filter((r) => ruleStatus(r) !== 'not applicable');
    const passing =
      applicable.length > 0 &&
      applicable.every((r) => !['fail', 'rule error'].includes(ruleStatus(r)));
    return { req, results, constructs, passing };
  });

  const unacknowledgedErrors =
    evidence.ruleResults
      .filter((r) => r.level === 'Error')
      .reduce((n, r) => n + r.nonCompliant.length, 0) +
    evidence.ruleResults.reduce((n, r) => n + r.crashed.length, 0) +
    otherFindings.filter((f) => f.severity === 'error' || f.severity === 'fatal').length;
  const summary: ReportSummary = {
    requirements: rows.length,
    covered: rows.filter((r) => r.constructs.length > 0 || r.results.length > 0).length,
    checked: rows.filter((r) => r.results.length > 0).length,
    passing: rows.filter((r) => r.passing).length,
    unacknowledgedErrors,
  };

  return {
    markdown: markdown(rows, evidence, otherFindings, summary, title, 'en', context),
    markdownJa: markdown(rows, evidence, otherFindings, summary, title, 'ja', context),
    csv: csv(rows),
    summary,
  };
}

interface Row {
  readonly req: Requirement;
  readonly results: readonly RuleResult[];
  readonly constructs: readonly string[];
  readonly passing: boolean;
}

interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
}

function markdown(
  rows: readonly Row[],
  evidence: Evidence,
  findings: readonly Finding[],
  summary: ReportSummary,
  title: string,
  lang: 'en' | 'ja',
  {
    platformMode = 'standalone',
    nonFunctional,
    approvals = [],
    generatedBy = '`npm run report`',
    controlTower,
  }: ReportContext,
): string {
  const ja = lang === 'ja';
  const t = (en: string, jp: string): string => (ja ? jp : en);
  const out: string[] = [
    `# ${t('Compliance report', '準拠状況レポート')}: ${title}`,
    '',
    t(
      `Generated from the synthesized app by ${generatedBy} (EVD-1). It maps each requirement of the catalog to the constructs that implement it, the rules that check it and their result per stack, and states what remains the operator’s responsibility (EVD-2). Status was judged on the CloudFormation templates only; nothing was deployed.`,
      `${generatedBy} により合成済みアプリから生成（EVD-1）。要件ごとに、実装する構成要素、検査するルールとスタック別の結果、運用者に残る責任（EVD-2）を示す。判定は CloudFormation テンプレートに対するもので、デプロイは行っていない。`,
    ),
    '',
    `## ${t('Summary', '概要')}`,
    '',
    `| ${t('requirements', '要件数')} | ${t('covered', '対応済み')} | ${t('checked by a rule', 'ルールで検査')} | ${t('passing', '適合')} | ${t('unacknowledged errors', '未承認のエラー')} |`,
    '|---|---|---|---|---|',
    `| ${summary.requirements} | ${summary.covered} | ${summary.checked} | ${summary.passing} | ${summary.unacknowledgedErrors} |`,
    '',
    `${t('Stacks', 'スタック')}: ${evidence.stacks.map((s) => `\`${s.name}\` (${s.region})`).join(', ')}`,
    '',
    ...approvals.flatMap((a) => [
      `${t('Approval recorded in config', '設定に記録された承認')} (${a.requirement}): ${a.reference}`,
      '',
    ]),
    `## ${t('Requirements', '要件')}`,
  ];
  if (platformMode === 'gcas') {
    out.push(
      '',
      t(
        'Platform mode `gcas` (PLAT-1): the Government Cloud platform (Control Tower) runs the trail, Config recorder, GuardDuty and Security Hub of the account; each requirement states the platform’s share.',
        'プラットフォームモード `gcas`（PLAT-1）：アカウントの証跡・Config レコーダー・GuardDuty・Security Hub はガバメントクラウド共通基盤（Control Tower）が運用する。要件ごとに共通基盤の分担を記す。',
      ),
    );
  }
  for (const row of rows) {
    const resp = responsibilityIn(row.req.id as RequirementId, platformMode);
    const jaText = REQUIREMENT_TEXT_JA[row.req.id as RequirementId];
    out.push('', `### ${row.req.id} — ${ja ? jaText.title : row.req.requirement}`, '');
    out.push(
      `- ${t('Source', '出典')}: ${citeSource(row.req.source)}; ${t('where', '適用')}: ${row.req.where.join(', ')}`,
    );
    out.push(
      `- ${t('Expectation', '期待される実装')}: ${ja ? jaText.expectation : row.req.expectation}`,
    );
    if (resp.platform !== undefined) {
      out.push(
        `- ${t('Provided by the platform (gcas mode)', '共通基盤が提供（gcas モード）')}: ${ja ? resp.platformJa : resp.platform}`,
      );
    }
    out.push(
      `- ${t('Covered by the templates', 'テンプレートが担う範囲')}: ${ja ? resp.coveredJa : resp.covered}`,
    );
    out.push(
      `- ${t('Operator’s responsibility', '運用者の責任')}: ${ja ? resp.operatorJa : resp.operator}`,
    );
    if (row.constructs.length > 0) {
      out.push(
        `- ${t('Implemented by', '実装')}: ${row.constructs.map((p) => `\`${p}\``).join(', ')}`,
      );
    }
    if (row.results.length === 0) {
      // Every N requirement has a rule (test/nag/pack.test.ts); the others are built, not checked.
      const none = t(
        `none: outside the rule pack's scope (where: ${row.req.where.join(', ')}); see the constructs above`,
        `なし：ルールパックの対象外（適用: ${row.req.where.join(', ')}）。上記の構成要素を参照`,
      );
      out.push(`- ${t('Rules', 'ルール')}: ${none}`);
      continue;
    }
    out.push(
      '',
      `| ${t('rule', 'ルール')} | ${t('level', 'レベル')} | ${t('stack', 'スタック')} | ${t('status', '状態')} | ${t('details', '詳細')} |`,
      '|---|---|---|---|---|',
    );
    // Rows only where a rule found resources to judge; a rule with none anywhere gets one row.
    const judged = row.results.filter((r) => ruleStatus(r) !== 'not applicable');
    const idle = [...new Set(row.results.map((r) => r.ruleId))].filter(
      (id) => !judged.some((r) => r.ruleId === id),
    );
    for (const id of idle) {
      const level = row.results.find((r) => r.ruleId === id)?.level ?? '';
      out.push(
        `| ${id} | ${level} | ${t('(all)', '（全スタック）')} | ${ja ? STATUS_JA['not applicable'] : 'not applicable'} |  |`,
      );
    }
    for (const r of judged) {
      const status = ruleStatus(r);
      const details = [
        r.compliant > 0 ? `${r.compliant} ${t('compliant', '適合')}` : '',
        r.nonCompliant.length > 0
          ? `${t('non-compliant', '不適合')}: ${r.nonCompliant.map((p) => `\`${p}\``).join(', ')}`
          : '',
        ...r.crashed.map(
          (c) => `${t('rule error', '規則の異常終了')} \`${c.path}\`: ${escapeCell(c.message)}`,
        ),
        ...r.acknowledged.map(
          (a) =>
            `${t('acknowledged', '承認')} \`${a.path}\`: ${escapeCell(ja ? (a.reasonJa ?? a.reason) : a.reason)}`,
        ),
      ]
        .filter(Boolean)
        .join('; ');
      out.push(
        `| ${r.ruleId} | ${r.level} | ${r.stack} | ${ja ? STATUS_JA[status] : status} | ${escapeCell(details)} |`,
      );
    }
  }
  if (nonFunctional) {
    out.push(...renderNonFunctional(nonFunctional, evidence.ruleResults, lang));
  }
  out.push('', `## ${t('Acknowledgements (all packs)', '承認一覧（全パック）')}`, '');
  if (evidence.acknowledgements.length === 0) {
    out.push(t('None.', 'なし。'));
  } else {
    out.push(
      `| ${t('rule', 'ルール')} | ${t('construct', '構成要素')} | ${t('reason', '理由')} |`,
      '|---|---|---|',
    );
    for (const a of evidence.acknowledgements) {
      // A config acknowledgement has no reasonJa: the user's words, as written, in both editions.
      const reason = ja ? (a.reasonJa ?? a.reason) : a.reason;
      out.push(`| ${a.ruleId} | \`${a.path}\` | ${escapeCell(reason)} |`);
    }
  }
  out.push(...renderControlTower(controlTower ?? { stale: false }, lang));
  out.push(
    '',
    `## ${t('Unacknowledged findings of all packs', '未承認の検出事項（全パック）')}`,
    '',
  );
  if (findings.length === 0) {
    out.push(t('None.', 'なし。'));
  } else {
    out.push(
      `| ${t('pack', 'パック')} | ${t('rule', 'ルール')} | ${t('severity', '重大度')} | ${t('construct', '構成要素')} |`,
      '|---|---|---|---|',
    );
    for (const f of findings) {
      out.push(`| ${f.plugin} | ${f.rule} | ${f.severity} | \`${f.path}\` |`);
    }
  }
  return out.join('\n') + '\n';
}

function csv(rows: readonly Row[]): string {
  const header = [
    'requirement_id',
    'requirement',
    'source',
    'where',
    'implemented_by',
    'rule_id',
    'level',
    'stack',
    'status',
    'compliant',
    'non_compliant',
    'acknowledged',
    'acknowledgement_reasons',
    'covered_by_templates',
    'operator_responsibility',
  ];
  const lines = [header.join(',')];
  for (const row of rows) {
    const resp = responsibilityIn(row.req.id as RequirementId, 'standalone');
    const base = [
      row.req.id,
      row.req.requirement,
      citeSource(row.req.source),
      row.req.where.join(' '),
      row.constructs.join(' '),
    ];
    const tail = [resp.covered, resp.operator];
    if (row.results.length === 0) {
      lines.push(toCsv([...base, '', '', '', 'no rule', '', '', '', '', ...tail]));
      continue;
    }
    for (const r of row.results) {
      lines.push(
        toCsv([
          ...base,
          r.ruleId,
          r.level,
          r.stack,
          ruleStatus(r),
          String(r.compliant),
          r.nonCompliant.join(' '),
          r.acknowledged.map((a) => a.path).join(' '),
          r.acknowledged.map((a) => a.reason).join(' | '),
          ...tail,
        ]),
      );
    }
  }
  return lines.join('\n') + '\n';
}

function toCsv(fields: readonly string[]): string {
  return fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
