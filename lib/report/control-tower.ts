import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * File `npm run validate` writes into `<outdir>/compliance/`, beside `evidence.json`: the
 * result of the Control Tower proactive controls (cfn-guard rules of
 * `@cdklabs/cdk-validator-cfnguard`) over the synthesized templates (EVD-1).
 */
export const CONTROL_TOWER_FILE = 'control-tower.json';

/** One finding of one control on one resource. */
export interface ControlTowerFinding {
  /** Control ID, e.g. `CT.S3.PR.4`. */
  readonly control: string;
  readonly stack: string;
  readonly logicalId: string;
  /** Acknowledged with a reason (bin/control-tower-acknowledgements.ts), or still open. */
  readonly acknowledged: boolean;
  /** The acknowledgement's reason, or the control's own description when open. */
  readonly reason: string;
  /**
   * The acknowledgement's reason in Japanese (report.ja.md); absent for an open finding, whose
   * description AWS writes in English only.
   */
  readonly reasonJa?: string;
  /** Whether the acknowledgement is a fix deferred to later (false when accepted for good). */
  readonly deferred: boolean;
}

/** What `npm run validate` records. */
export interface ControlTowerEvidence {
  /** sha256 of each template judged, by file name: the report uses the result only for these. */
  readonly templates: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly findings: readonly ControlTowerFinding[];
}

/** sha256 of every `*.template.json` in `dir`, by file name. */
export function templateDigests(dir: string): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .sort()) {
    digests[name] = createHash('sha256')
      .update(fs.readFileSync(path.join(dir, name)))
      .digest('hex');
  }
  return digests;
}

/**
 * The Control Tower result for the templates in `outdir`: read from `outdir`, else from
 * `validateDir` (where `npm run validate` synthesizes), and used only when every template it
 * judged is byte-identical to the one in `outdir` (synthesis is deterministic). `stale` when a
 * result exists but was computed on other templates.
 */
export function readControlTowerEvidence(
  outdir: string,
  validateDir = 'cdk.out.validate',
): { evidence?: ControlTowerEvidence; stale: boolean } {
  const candidates = [outdir, validateDir].map((d) =>
    path.join(d, 'compliance', CONTROL_TOWER_FILE),
  );
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) return { stale: false };
  const evidence = JSON.parse(fs.readFileSync(file, 'utf8')) as ControlTowerEvidence;
  const current = templateDigests(outdir);
  const same =
    Object.keys(current).length === Object.keys(evidence.templates).length &&
    Object.entries(current).every(([name, digest]) => evidence.templates[name] === digest);
  return same ? { evidence, stale: false } : { stale: true };
}

/** The report section (EN or JA) listing every Control Tower finding with its reason. */
export function renderControlTower(
  result: { evidence?: ControlTowerEvidence; stale: boolean },
  lang: 'en' | 'ja',
): string[] {
  const t = (en: string, jp: string): string => (lang === 'ja' ? jp : en);
  const out = [
    '',
    `## ${t('AWS Control Tower proactive controls', 'AWS Control Tower プロアクティブコントロール')}`,
    '',
  ];
  const { evidence } = result;
  if (!evidence) {
    out.push(
      result.stale
        ? t(
            'The recorded result was computed on other templates: run `npm run validate` again for these.',
            '記録された結果は別のテンプレートに対するもの。これらのテンプレートについて `npm run validate` を再実行すること。',
          )
        : t(
            'Not run for these templates: run `npm run validate`, then `npm run report`.',
            'これらのテンプレートには未実行。`npm run validate` の後に `npm run report` を実行すること。',
          ),
    );
    return out;
  }
  const open = evidence.findings.filter((f) => !f.acknowledged);
  out.push(
    t(
      `cfn-guard rules of \`@cdklabs/cdk-validator-cfnguard\` over ${Object.keys(evidence.templates).length} templates (\`npm run validate\`): ${evidence.findings.length - open.length} acknowledged finding(s), ${open.length} open.`,
      `\`@cdklabs/cdk-validator-cfnguard\` の cfn-guard ルールを ${Object.keys(evidence.templates).length} テンプレートに適用（\`npm run validate\`）：承認済み ${evidence.findings.length - open.length} 件、未承認 ${open.length} 件。`,
    ),
    '',
  );
  if (evidence.findings.length === 0) {
    out.push(t('No findings.', '検出事項なし。'));
    return out;
  }
  out.push(
    `| ${t('control', 'コントロール')} | ${t('stack', 'スタック')} | ${t('resource', 'リソース')} | ${t('status', '状態')} | ${t('deferred fix', '対応予定')} | ${t('reason', '理由')} |`,
    '|---|---|---|---|---|---|',
  );
  for (const f of evidence.findings) {
    const status = f.acknowledged ? t('acknowledged', '承認済み') : t('open', '未承認');
    const deferred = f.deferred ? t('yes', 'あり') : t('no', 'なし');
    out.push(
      `| ${f.control} | ${f.stack} | \`${f.logicalId}\` | ${status} | ${deferred} | ${(lang === 'ja' ? (f.reasonJa ?? f.reason) : f.reason).replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
    );
  }
  return out;
}
