import * as fs from 'fs';
import * as path from 'path';
import { applyChecks } from '../../lib/checks';
import { parseConfig, resolvePlan } from '../../lib/config';
import { writeComplianceReport } from '../../lib/report/vendor-report';
import { GovCloudBaselineStack } from '../../lib/stacks/baseline-stack';
import { appLikeCli } from '../support/app';

// Issue 11, problem 9: the compliance report of a vendor app, with its own provenance line.
const config = parseConfig({
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'staging',
});
const names = ['juki-Baseline-Tokyo', 'juki-Baseline-Osaka'];
const app = appLikeCli();
names.forEach(
  (name, i) =>
    new GovCloudBaselineStack(app, name, {
      plan: resolvePlan(config),
      isHomeRegion: i === 0,
      env: { region: i === 0 ? 'ap-northeast-1' : 'ap-northeast-3' },
      baselineStackNames: names,
    }),
);
const checks = applyChecks(app);
const { files, summary } = writeComplianceReport(app, {
  title: '架空市 139998 / juki / staging',
  checks,
  approvals: [{ requirement: 'TEN-2', reference: 'DA-2026-0042' }],
});
const read = (name: string) => fs.readFileSync(path.join(app.outdir, 'compliance', name), 'utf8');

describe('writeComplianceReport from a vendor app', () => {
  test('writes evidence.json, report.md, report.ja.md and report.csv into <outdir>/compliance', () => {
    expect(files.map((f) => path.relative(app.outdir, f)).sort()).toEqual(
      ['evidence.json', 'report.csv', 'report.ja.md', 'report.md'].map((f) =>
        path.join('compliance', f),
      ),
    );
  });

  test('the provenance line names the function, not npm run report, in both languages', () => {
    const first = (md: string) => md.split('\n').find((l) => /EVD-1/.test(l)) ?? '';
    expect(first(read('report.md'))).toMatch(
      /^Generated from the synthesized app by `writeComplianceReport` \(govcloud-jp-cdk\) in the CDK app \(EVD-1\)/,
    );
    expect(first(read('report.ja.md'))).toMatch(
      /^`writeComplianceReport` \(govcloud-jp-cdk\) in the CDK app により合成済みアプリから生成/,
    );
    expect(read('report.md')).not.toMatch(/by `npm run report`/);
    expect(read('report.ja.md')).not.toMatch(/`npm run report` により/);
    expect(JSON.parse(read('evidence.json')).generatedBy).toBe(
      '`writeComplianceReport` (govcloud-jp-cdk) in the CDK app',
    );
  });

  test('the evidence judged both stacks with the pack applyChecks returned', () => {
    const evidence = JSON.parse(read('evidence.json'));
    expect(evidence.evidence.stacks.map((s: { name: string }) => s.name)).toEqual(names);
    expect(summary.checked).toBeGreaterThan(10);
    expect(summary.unacknowledgedErrors).toBe(0);
    expect(read('report.md')).toContain('DA-2026-0042');
  });

  test('the library constructs of a vendor app bring their acknowledgement reasons in Japanese', () => {
    const { acknowledgements } = JSON.parse(read('evidence.json')).evidence as {
      acknowledgements: { path: string; ruleId: string; reason: string; reasonJa?: string }[];
    };
    expect(acknowledgements.length).toBeGreaterThan(10);
    expect(
      acknowledgements.filter(
        (a) => !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(a.reasonJa ?? ''),
      ),
    ).toEqual([]);
    const boundary = acknowledgements.find(
      (a) => a.path === 'juki-Baseline-Tokyo/BaselineProtection/Boundary',
    );
    expect(read('report.md')).toContain(`| \`${boundary?.path}\` | ${boundary?.reason} |`);
    expect(read('report.ja.md')).toContain(`| \`${boundary?.path}\` | ${boundary?.reasonJa} |`);
  });
});
