import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { recordImplements } from '../../constructs/core/implements';
import { acknowledgeFindings } from '../../constructs/core/nag-finding';
import { GovCloudChecks } from '../../lib/nag/govcloud-checks';
import { collectEvidence, type Evidence } from '../../lib/report/evidence';
import { renderReport, ruleStatus } from '../../lib/report/render';
import { REQUIREMENTS } from '../../domain/requirements';

const RETENTION = 'GCJ-RET1-LogGroupRetention';

function evidenceOf(build: (stack: Stack) => void): Evidence {
  const app = new App();
  const stack = new Stack(app, 'Evidence', { env: { region: 'ap-northeast-1' } });
  build(stack);
  app.synth();
  return collectEvidence(app, new GovCloudChecks({ profile: 'baseline' }).ruleChecks());
}

function resultOf(evidence: Evidence, ruleId: string) {
  const result = evidence.ruleResults.find((r) => r.ruleId === ruleId);
  if (!result) throw new Error(`no result for ${ruleId}`);
  return result;
}

function logGroup(stack: Stack, id: string, retention: logs.RetentionDays): logs.LogGroup {
  return new logs.LogGroup(stack, id, { retention, removalPolicy: RemovalPolicy.RETAIN });
}

describe('evidence (EVD-1)', () => {
  test('a compliant resource passes, with its count', () => {
    const r = resultOf(
      evidenceOf((s) => logGroup(s, 'Year', logs.RetentionDays.ONE_YEAR)),
      RETENTION,
    );
    expect(r).toMatchObject({ compliant: 1, nonCompliant: [], acknowledged: [] });
    expect(ruleStatus(r)).toBe('pass');
  });

  test('a non-compliant resource fails and is named', () => {
    const r = resultOf(
      evidenceOf((s) => logGroup(s, 'Month', logs.RetentionDays.ONE_MONTH)),
      RETENTION,
    );
    expect(r.nonCompliant).toEqual(['Evidence/Month/Resource']);
    expect(ruleStatus(r)).toBe('fail');
  });

  test('an acknowledged finding is listed with its reason, not as a failure', () => {
    const evidence = evidenceOf((s) => {
      const group = logGroup(s, 'Month', logs.RetentionDays.ONE_MONTH);
      Validations.of(group).acknowledge({ id: RETENTION, reason: 'scratch data, erased monthly' });
    });
    const r = resultOf(evidence, RETENTION);
    expect(r.nonCompliant).toEqual([]);
    expect(r.acknowledged).toEqual([
      { path: 'Evidence/Month/Resource', reason: 'scratch data, erased monthly' },
    ]);
    expect(ruleStatus(r)).toBe('acknowledged');
    expect(evidence.acknowledgements).toContainEqual({
      path: 'Evidence/Month',
      ruleId: RETENTION,
      reason: 'scratch data, erased monthly',
    });
  });

  test('an acknowledgement with a Japanese reason: English in report.md, Japanese in report.ja.md', () => {
    const reason = 'scratch data, erased monthly';
    const reasonJa = '一時データであり、毎月消去する。';
    const evidence = evidenceOf((s) =>
      acknowledgeFindings(logGroup(s, 'Month', logs.RetentionDays.ONE_MONTH), {
        id: RETENTION,
        reason,
        reasonJa,
      }),
    );
    expect(resultOf(evidence, RETENTION).acknowledged).toEqual([
      { path: 'Evidence/Month/Resource', reason, reasonJa },
    ]);
    expect(evidence.acknowledgements).toContainEqual({
      path: 'Evidence/Month',
      ruleId: RETENTION,
      reason,
      reasonJa,
    });
    const { markdown, markdownJa } = renderReport(evidence, {}, 'test');
    const detail = (text: string) => `承認 \`Evidence/Month/Resource\`: ${text} |`;
    expect(markdownJa).toContain(detail(reasonJa));
    expect(markdownJa).toContain(`| ${RETENTION} | \`Evidence/Month\` | ${reasonJa} |`);
    expect(markdown).toContain(`acknowledged \`Evidence/Month/Resource\`: ${reason} |`);
    expect(markdown).toContain(`| ${RETENTION} | \`Evidence/Month\` | ${reason} |`);
    expect(markdown).not.toContain(reasonJa);
    expect(markdownJa).not.toContain(reason);
  });

  test('a rule with nothing to judge is not applicable', () => {
    const r = resultOf(
      evidenceOf((s) => logGroup(s, 'Year', logs.RetentionDays.ONE_YEAR)),
      'GCJ-LOG1-TrailMultiRegion',
    );
    expect(ruleStatus(r)).toBe('not applicable');
  });

  test('constructs that record what they implement are listed per requirement', () => {
    const evidence = evidenceOf((s) =>
      recordImplements(logGroup(s, 'Year', logs.RetentionDays.ONE_YEAR), 'RET-1'),
    );
    expect(evidence.implementations).toEqual([
      { stack: 'Evidence', path: 'Evidence/Year', requirements: ['RET-1'] },
    ]);
  });
});

describe('report (EVD-1, EVD-2)', () => {
  const evidence = evidenceOf((s) => {
    recordImplements(logGroup(s, 'Year', logs.RetentionDays.ONE_YEAR), 'RET-1');
    logGroup(s, 'Month', logs.RetentionDays.ONE_MONTH);
  });
  const report = renderReport(
    evidence,
    {
      pluginReports: [
        {
          pluginName: 'AwsSolutions',
          violations: [
            {
              ruleName: 'AwsSolutions-S1',
              severity: 'error',
              violatingConstructs: [{ constructPath: 'Evidence/B' }],
            },
          ],
        },
      ],
    },
    'テスト市',
  );

  test('every requirement of the catalog appears with its operator responsibility', () => {
    expect(report.summary.requirements).toBe(REQUIREMENTS.length);
    expect(report.markdown).toContain('### RET-1 — Keep trails ≥ 1 year');
    expect(report.markdown).toContain('Operator’s responsibility: Choose a longer retention');
    expect(report.markdownJa).toContain('運用者の責任: 団体の文書管理規程等');
  });

  test('the failing rule, its resource and the other packs’ findings are reported', () => {
    expect(report.markdown).toMatch(
      /\| GCJ-RET1-LogGroupRetention \| Error \| Evidence \| fail \| 1 compliant; non-compliant: `Evidence\/Month\/Resource` \|/,
    );
    expect(report.markdownJa).toContain('| 不適合 |');
    expect(report.markdown).toContain('| AwsSolutions | AwsSolutions-S1 | error | `Evidence/B` |');
    // Every failing GCJ error (per resource) plus the one error of another pack.
    const gcjErrors = evidence.ruleResults
      .filter((r) => r.level === 'Error')
      .reduce((n, r) => n + r.nonCompliant.length, 0);
    expect(gcjErrors).toBeGreaterThanOrEqual(1);
    expect(report.summary.unacknowledgedErrors).toBe(gcjErrors + 1);
  });

  test('RET-1 is covered and checked but not passing', () => {
    expect(report.markdown).toContain('Implemented by: `Evidence/Year`');
    expect(report.summary.checked).toBeGreaterThan(0);
    const ret1Rows = report.csv
      .split('\n')
      .filter((l) => l.startsWith('RET-1,') && l.includes('GCJ-RET1-LogGroupRetention'));
    expect(ret1Rows).toHaveLength(1);
    expect(ret1Rows[0]).toContain(',fail,1,Evidence/Month/Resource,');
  });

  test('the CSV has one header and quotes fields with commas', () => {
    const [header] = report.csv.split('\n');
    expect(header).toBe(
      'requirement_id,requirement,source,where,implemented_by,rule_id,level,stack,status,compliant,non_compliant,acknowledged,acknowledgement_reasons,covered_by_templates,operator_responsibility',
    );
    expect(report.csv).toContain(
      ',"「地方公共団体情報システムのガバメントクラウドの利用に関する基準」(デジタル庁, 2022) §5.1④, §6.1②",',
    );
  });
});
