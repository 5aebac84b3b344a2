import * as fs from 'fs';
import * as path from 'path';
import { applyAcknowledgements, buildGovCloudApp } from '../../lib/app';
import { applyChecks } from '../../lib/checks';
import { loadConfig } from '../../lib/config';
import { collectEvidence } from '../../lib/report/evidence';
import { renderReport, type ValidationReportLike } from '../../lib/report/render';
import { REQUIREMENT_TEXT_JA } from '../../domain/requirements-ja';
import { REQUIREMENTS } from '../../domain/requirements';
import { appLikeCli } from '../support/app';

// Issue 11, problem 10: report.ja.md carried the catalog's English requirement and expectation
// sentences. Judged on the default app as bin/synth.ts builds and checks it.
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Five or more English words in a row: a sentence, not a service name or an identifier. */
const ENGLISH_RUN = /\b[A-Za-z][a-z]+(?:[ ,/-]+[A-Za-z][a-z]+){4,}\b/;

const config = loadConfig('config/default.json');
const app = appLikeCli();
buildGovCloudApp(app, config);
expect(applyAcknowledgements(app, config)).toEqual([]);
const checks = applyChecks(app, {
  nonFunctional: {
    rpoHours: config.nonFunctional.rpoHours,
    availabilityPercent: config.nonFunctional.availabilityPercent,
    remoteCopy: config.nonFunctional.disasterRecovery.remoteCopy,
  },
});
app.synth();
const validationFile = path.join(app.outdir, 'validation-report.json');
const validation = (
  fs.existsSync(validationFile) ? JSON.parse(fs.readFileSync(validationFile, 'utf8')) : {}
) as ValidationReportLike;
const evidence = collectEvidence(app, checks.ruleChecks());
const report = renderReport(evidence, validation, 'test');
const lines = report.markdownJa.split('\n');

describe('report.ja.md is Japanese', () => {
  test('every requirement heading and expectation line is the Japanese edition', () => {
    const headings = lines.filter((l) => /^### [A-Z]+-\d+ — /.test(l));
    const expectations = lines.filter((l) => l.startsWith('- 期待される実装: '));
    expect(headings).toHaveLength(REQUIREMENTS.length);
    expect(expectations).toHaveLength(REQUIREMENTS.length);
    for (const line of [...headings, ...expectations]) {
      expect({ line, japanese: JAPANESE.test(line), english: ENGLISH_RUN.test(line) }).toEqual({
        line,
        japanese: true,
        english: false,
      });
    }
  });

  test('no prose line outside tables and source citations is an English sentence', () => {
    // Tables hold rule IDs, construct paths and acknowledgement reasons quoted as the config
    // gives them; source lines cite documents by their own titles.
    const prose = lines.filter((l) => !l.startsWith('|') && !l.startsWith('- 出典: '));
    expect(prose.filter((l) => ENGLISH_RUN.test(l))).toEqual([]);
  });

  test('the English report keeps the catalog text', () => {
    expect(report.markdown).toContain(`### LOG-1 — ${REQUIREMENTS[0].requirement}`);
  });

  test('every Japanese catalog entry is Japanese and differs from the English one', () => {
    for (const r of REQUIREMENTS) {
      const ja = REQUIREMENT_TEXT_JA[r.id];
      expect({
        id: r.id,
        title: JAPANESE.test(ja.title),
        expectation: JAPANESE.test(ja.expectation),
      }).toEqual({ id: r.id, title: true, expectation: true });
      expect(ja.expectation).not.toBe(r.expectation);
    }
  });
});

/** The rows of the "all packs" acknowledgement table of one edition: rule, path, reason. */
function acknowledgementRows(markdown: string, heading: string): string[][] {
  const table = markdown.split(`## ${heading}\n`)[1].split('\n## ')[0];
  return table
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| rule') && !l.startsWith('| ルール'))
    .map((l) => l.slice(2, -2).split(' | '));
}

describe('acknowledgement reasons in report.ja.md (issue 11)', () => {
  const rowsJa = acknowledgementRows(report.markdownJa, '承認一覧（全パック）');
  const rowsEn = acknowledgementRows(report.markdown, 'Acknowledgements (all packs)');
  /** `rule path` of each config acknowledgement as applied (no path: on every stack). */
  const fromConfig = new Set(
    config.acknowledgements.flatMap((a) =>
      a.path ? [`${a.rule} \`${a.path}\``] : evidence.stacks.map((s) => `${a.rule} \`${s.name}\``),
    ),
  );
  const isConfigRow = ([rule, p]: string[]) => fromConfig.has(`${rule} ${p}`);

  test('the tables list every acknowledgement of the app, in the same order in both editions', () => {
    expect(rowsJa).toHaveLength(evidence.acknowledgements.length);
    expect(rowsJa.length).toBeGreaterThan(80);
    expect(rowsJa.map(([rule, p]) => [rule, p])).toEqual(rowsEn.map(([rule, p]) => [rule, p]));
    expect(rowsJa.filter(isConfigRow)).toHaveLength(config.acknowledgements.length);
  });

  test('every reason but the config’s is Japanese in report.ja.md and English in report.md', () => {
    const notJapanese = rowsJa.filter((r) => !isConfigRow(r) && !JAPANESE.test(r[2]));
    expect(notJapanese).toEqual([]);
    const notEnglish = rowsEn.filter((r) => !isConfigRow(r) && JAPANESE.test(r[2]));
    expect(notEnglish).toEqual([]);
  });

  test('a config acknowledgement’s reason is the user’s words, verbatim in both editions', () => {
    const ack = config.acknowledgements[0];
    const row = (rows: string[][]) => rows.find(isConfigRow)?.[2] ?? '';
    expect(row(rowsJa)).toContain(ack.reason);
    expect(row(rowsJa)).toBe(row(rowsEn));
    expect(
      evidence.acknowledgements.find((a) => a.ruleId === ack.rule && a.path === ack.path),
    ).not.toHaveProperty('reasonJa');
  });
});
