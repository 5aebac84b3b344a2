import { buildGovCloudApp } from '../../lib/app';
import { loadConfig, parseConfig } from '../../lib/config';
import { GovCloudChecks } from '../../lib/nag/govcloud-checks';
import { collectEvidence } from '../../lib/report/evidence';
import { nonFunctionalEvidence } from '../../lib/report/non-functional';
import { renderReport } from '../../lib/report/render';
import { appLikeCli } from '../support/app';

describe("the report's non-functional section (AVL-1, AVL-2, PORT-3)", () => {
  const config = loadConfig('config/default.json');
  const app = appLikeCli();
  buildGovCloudApp(app, config);
  app.synth();
  const evidence = collectEvidence(app, new GovCloudChecks().ruleChecks());
  const nf = nonFunctionalEvidence(config.nonFunctional);
  const report = renderReport(evidence, {}, 'default', { nonFunctional: nf });
  const section = report.markdown.slice(report.markdown.indexOf('## Non-functional levels'));

  test('the default config meets every level, with its setting and rule results', () => {
    expect(section).toMatch(
      /\| Availability \(稼働率\) \| 99\.5% \| 99\.5% \| Aurora writer and reader in two AZs[^|]*\| GCJ-AVL1-DatabaseMultiAz: \d+ compliant \|/,
    );
    expect(section).toMatch(
      /\| RPO \(目標復旧地点\) \| 24 h \(1営業日前\) \| 24 h \| AWS Backup every 24 h \| GCJ-AVL1-BackupScheduleMeetsRpo: \d+ compliant \|/,
    );
    expect(section).toMatch(
      /GCJ-AVL2-RemoteCopyMeetsRpo: \d+ compliant<br>GCJ-BAK2-BackupCrossRegionCopy: \d+ compliant/,
    );
    expect(section).not.toContain('failing');
    expect(section).toContain('Every level meets or exceeds the standard.');
    expect(section).toContain('Restore drill: none recorded yet');
    expect(report.markdownJa).toContain('非機能要件の水準');
  });

  test('the Japanese edition writes every cell of the table in Japanese', () => {
    const from = report.markdownJa.indexOf('## 非機能要件の水準');
    const ja = report.markdownJa.slice(from, report.markdownJa.indexOf('\n\n', from + 40));
    const rows = ja.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| 項目'));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(
      /^\| 稼働率 \| 99\.5% \| 99\.5% \| Aurora のライターとリーダーを 2 つの AZ に配置/,
    );
    expect(rows[1]).toMatch(
      /^\| RPO（目標復旧地点） \| 24 時間（1営業日前） \| 24 時間 \| AWS Backup を 24 時間ごと/,
    );
    // Every cell but the rule IDs and their counts holds Japanese text.
    for (const row of rows) {
      const cells = row.split(' | ').slice(1, 4).concat(row.split(' | ').slice(5));
      expect(
        cells.filter((c) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(c) && !/^[\d.%]+$/.test(c)),
      ).toEqual([]);
    }
  });

  test('a recorded drill shows the measured RTO against the level; a looser level shows its reason', () => {
    const n = parseConfig({
      municipality: { name: '架空市', code: '139998' },
      systemName: 'juki',
      environment: 'staging',
      nonFunctional: {
        rtoHours: 24,
        looserReason: '住民課と合意した SLA (2026-10)',
        restoreDrill: {
          performedOn: '2026-11-30',
          measuredRtoHours: 30,
          recoveryPointArn:
            'arn:aws:rds:ap-northeast-3:111122223333:cluster-snapshot:awsbackup:job-1',
          recordedBy: '架空市 情報政策課',
        },
      },
    }).nonFunctional;
    const md = renderReport(evidence, {}, 'drill', {
      nonFunctional: nonFunctionalEvidence(n),
    }).markdown;
    expect(md).toContain(
      'Looser than the standard: rtoHours. Reason: 住民課と合意した SLA (2026-10)',
    );
    expect(md).toContain('measured RTO 30 h against 24 h — NOT met');
  });
});
