import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDigit } from '../../domain/local-government-code';
import { synthInProcess } from './support/run-app';

// Issue 11, problem 6: application mode printed one identical TEN-2 block per shared resource
// (36 of them), and many municipalities hundreds of identical INFO lines. The app now prints
// one block per rule with its count; every resource stays in validation-report.json.
const ROOT = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-summary-'));
const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'config/default.json'), 'utf8'));
const municipalities = Array.from({ length: 12 }, (_, i) => {
  const body = String(13600 + i);
  return { name: `架空村${i + 1}`, code: `${body}${checkDigit(body)}` };
});
const configFile = path.join(dir, 'application-12.json');
fs.writeFileSync(
  configFile,
  JSON.stringify({
    ...sample,
    system: {
      ...sample.system,
      tenancy: 'application',
      applicationSeparationApproval: 'DA-2026-0042',
      municipalities,
    },
  }),
);
const result = synthInProcess(configFile);
const outdir = result.outdir;
const lines = result.stderr.split('\n');
const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
  pluginReports: {
    violations: { ruleName: string; severity: string; violatingConstructs: unknown[] }[];
  }[];
};
const violations = report.pluginReports.flatMap((p) => p.violations);

describe('findings on stderr: one block per rule with its count (12 municipalities, application mode)', () => {
  test('synth succeeds', () => {
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
  });

  test('TEN-2 is printed once, with the count of every shared resource', () => {
    const ten2 = lines.filter((l) => l.includes('GCJ-TEN2-ApplicationTenancy ×'));
    expect(ten2).toHaveLength(1);
    const count = Number(/×(\d+)/.exec(ten2[0])?.[1]);
    const inReport = violations.find((v) => v.ruleName === 'GCJ-TEN2-ApplicationTenancy');
    expect(count).toBe(inReport?.violatingConstructs.length);
    expect(count).toBeGreaterThanOrEqual(30);
  });

  test('every rule with findings is one heading line; no per-resource block is left', () => {
    const headings = lines.filter((l) => /^(ERROR|WARNING|INFO) \S+ ×\d+ \(/.test(l));
    expect(headings).toHaveLength(violations.length);
    expect(result.stderr).not.toMatch(/Acknowledge with/);
    expect(lines.filter((l) => l.startsWith('WARNING ') || l.startsWith('INFO ')).length).toBe(
      violations.filter((v) => v.severity !== 'error').length,
    );
  });

  test('the whole stderr stays short although the report holds every resource', () => {
    const findings = violations.reduce((n, v) => n + v.violatingConstructs.length, 0);
    expect(findings).toBeGreaterThan(40);
    expect(lines.length).toBeLessThan(40);
    expect(result.stderr).toMatch(/govcloud-jp: \d+ finding\(s\) of \d+ rule\(s\)/);
  });
});
