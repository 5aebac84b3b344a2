import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Evidence, RuleResult } from '../../lib/report/evidence';
import { writeEvidence } from '../../lib/report/files';
import { renderReport, ruleStatus } from '../../lib/report/render';

// Issue 11 problem 5: an Info finding ("Nothing to fix") was reported as fail / 不適合, the TEN-2
// approval reference appeared nowhere, and `npm run report` after a failed synth exited 0.

const result = (over: Partial<RuleResult>): RuleResult => ({
  ruleId: 'GCJ-KEY1-LogDeliveryBucketSseS3',
  requirements: ['KEY-1'],
  level: 'Info',
  stack: 'S',
  compliant: 0,
  notApplicable: 0,
  nonCompliant: ['S/Bucket/Resource'],
  acknowledged: [],
  crashed: [],
  ...over,
});
const evidence = (ruleResults: RuleResult[]): Evidence => ({
  stacks: [{ name: 'S', region: 'ap-northeast-1' }],
  implementations: [],
  ruleResults,
  acknowledgements: [],
});

test('an Info finding is informational, not a failure, in both languages', () => {
  expect(ruleStatus(result({}))).toBe('informational');
  expect(ruleStatus(result({ level: 'Error' }))).toBe('fail');
  expect(ruleStatus(result({ level: 'Warning' }))).toBe('fail');
  const report = renderReport(evidence([result({})]), {}, 't');
  expect(report.markdown).toContain('| informational |');
  expect(report.markdownJa).toContain('情報（対応不要）');
  expect(report.markdownJa).not.toContain('| 不適合 |');
});

test('the TEN-2 approval reference is in report.md and report.ja.md', () => {
  const approvals = [{ requirement: 'TEN-2' as const, reference: 'DA-2026-0042' }];
  const report = renderReport(evidence([]), {}, 't', { approvals });
  expect(report.markdown).toContain('Approval recorded in config (TEN-2): DA-2026-0042');
  expect(report.markdownJa).toContain('設定に記録された承認 (TEN-2): DA-2026-0042');
});

describe('npm run report exits non-zero after a failed synth', () => {
  const run = (outdir: string) =>
    spawnSync(process.execPath, ['-r', '@swc-node/register', 'bin/report.ts', outdir], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
    });

  test('no evidence (synth stopped before writing it)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-report-'));
    const { status, stderr } = run(outdir);
    expect(status).toBe(1);
    expect(stderr).toContain('[EVD-1]');
  });

  test('evidence with an unacknowledged error finding', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-report-'));
    writeEvidence(outdir, { title: 't', evidence: evidence([result({ level: 'Error' })]) });
    const { status, stderr } = run(outdir);
    expect(status).toBe(2);
    expect(stderr).toContain('1 unacknowledged error finding(s) [EVD-1]');
  }, 30_000);
});
