import * as fs from 'fs';
import * as path from 'path';
import { buildGovCloudApp } from '../../lib/app';
import { applyChecks } from '../../lib/checks';
import { loadConfig } from '../../lib/config';
import { collectEvidence } from '../../lib/report/evidence';
import { renderReport, type ValidationReportLike } from '../../lib/report/render';
import { REQUIREMENT_TEXT_JA } from '../../domain/requirements-ja';
import { REQUIREMENTS } from '../../domain/requirements';
import { appLikeCli } from '../support/app';

// Issue 11, problem 10: report.ja.md carried the catalog's English requirement and expectation
// sentences. Judged on the default app as bin/app.ts builds and checks it.
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Five or more English words in a row: a sentence, not a service name or an identifier. */
const ENGLISH_RUN = /\b[A-Za-z][a-z]+(?:[ ,/-]+[A-Za-z][a-z]+){4,}\b/;

const config = loadConfig('config/default.json');
const app = appLikeCli();
buildGovCloudApp(app, config);
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
const report = renderReport(collectEvidence(app, checks.ruleChecks()), validation, 'test');
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
