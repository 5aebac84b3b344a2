import { CONTROL_TOWER_ACKNOWLEDGEMENTS } from '../../bin/control-tower-acknowledgements';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CONTROL_TOWER_FILE,
  readControlTowerEvidence,
  renderControlTower,
  templateDigests,
  type ControlTowerEvidence,
} from '../../lib/report/control-tower';

function assembly(templates: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-evidence-'));
  for (const [name, body] of Object.entries(templates)) {
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

function record(dir: string, evidence: Omit<ControlTowerEvidence, 'templates'>): void {
  fs.mkdirSync(path.join(dir, 'compliance'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'compliance', CONTROL_TOWER_FILE),
    JSON.stringify({ templates: templateDigests(dir), ...evidence }),
  );
}

const findings = [
  {
    control: 'CT.S3.PR.9',
    stack: 'sample-Baseline-Tokyo',
    logicalId: 'ConfigArchiveBucketB0A5FA8C',
    acknowledged: true,
    reason: 'Deferred: decide Object Lock for the Config archive.',
    reasonJa: '対応予定：Config アーカイブのオブジェクトロックを決定する。',
    deferred: true,
  },
  {
    control: 'CT.SQS.PR.1',
    stack: 'sample-Baseline-Tokyo',
    logicalId: 'SecurityAlertsDeadLetterQueue5D22ABDB',
    acknowledged: true,
    reason: 'This queue is itself the dead-letter queue | alarmed.',
    deferred: false,
  },
  {
    control: 'CT.EC2.PR.5',
    stack: 'sample-System-139998-Tokyo',
    logicalId: 'NetworkAcl',
    acknowledged: false,
    reason: 'Require any Amazon EC2 network ACL to prevent ingress from 0.0.0.0/0 to port 3389',
    deferred: false,
  },
];

describe('Control Tower acknowledgements in the compliance report (EVD-1)', () => {
  test('each finding is listed with control id, stack, resource, status, deferred flag and reason, EN and JA', () => {
    const evidence: ControlTowerEvidence = {
      templates: { 'a.template.json': 'x' },
      seconds: 1,
      findings,
    };
    const en = renderControlTower({ evidence, stale: false }, 'en').join('\n');
    expect(en).toContain('1 templates (`npm run validate`): 2 acknowledged finding(s), 1 open.');
    expect(en).toContain(
      '| CT.S3.PR.9 | sample-Baseline-Tokyo | `ConfigArchiveBucketB0A5FA8C` | acknowledged | yes | Deferred: decide Object Lock for the Config archive. |',
    );
    // A pipe in a reason must not split the table cell.
    expect(en).toContain('| no | This queue is itself the dead-letter queue \\| alarmed. |');
    expect(en).toContain('| CT.EC2.PR.5 | sample-System-139998-Tokyo | `NetworkAcl` | open | no |');
    const ja = renderControlTower({ evidence, stale: false }, 'ja').join('\n');
    expect(ja).toContain('## AWS Control Tower プロアクティブコントロール');
    expect(ja).toContain('承認済み 2 件、未承認 1 件');
    expect(ja).toContain(
      '| CT.S3.PR.9 | sample-Baseline-Tokyo | `ConfigArchiveBucketB0A5FA8C` | 承認済み | あり | 対応予定：Config アーカイブのオブジェクトロックを決定する。 |',
    );
    // An open finding has only AWS's English description.
    expect(ja).toContain('Require any Amazon EC2 network ACL');
  });

  test('the result is used only for byte-identical templates; otherwise the report says it is stale', () => {
    const validated = assembly({ 'A.template.json': '{"Resources":{}}' });
    record(validated, { seconds: 26, findings });
    // The synth output the report is built from: same template, no result of its own.
    const same = assembly({ 'A.template.json': '{"Resources":{}}' });
    expect(readControlTowerEvidence(same, validated).evidence?.findings).toHaveLength(3);
    const changed = assembly({ 'A.template.json': '{"Resources":{"X":{}}}' });
    expect(readControlTowerEvidence(changed, validated)).toEqual({ stale: true });
    const extra = assembly({ 'A.template.json': '{"Resources":{}}', 'B.template.json': '{}' });
    expect(readControlTowerEvidence(extra, validated)).toEqual({ stale: true });
    expect(renderControlTower({ stale: true }, 'en').join('\n')).toContain(
      'computed on other templates: run `npm run validate` again',
    );
  });

  test('without any result the report says the check was not run', () => {
    const none = assembly({ 'A.template.json': '{}' });
    expect(readControlTowerEvidence(none, path.join(none, 'missing'))).toEqual({ stale: false });
    expect(renderControlTower({ stale: false }, 'ja').join('\n')).toContain('未実行');
  });
});

test('every Control Tower acknowledgement carries its reason in Japanese too', () => {
  for (const ack of CONTROL_TOWER_ACKNOWLEDGEMENTS) {
    expect([ack.control, /[\u3040-\u30ff\u4e00-\u9fff]/.test(ack.reasonJa)]).toEqual([
      ack.control,
      true,
    ]);
  }
});
