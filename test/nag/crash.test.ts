import { App, CfnParameter, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { GovCloudChecks, RULE_CRASHED_ID } from '../../lib/nag/govcloud-checks';
import { collectEvidence } from '../../lib/report/evidence';
import { ruleStatus } from '../../lib/report/render';
import { collectFindings } from '../../lib/testing/nag';
import { tokyoStack, validate } from './support';

const RETENTION = 'GCJ-RET1-LogGroupRetention';

/**
 * A log group whose retention is a template parameter: LogGroupRetention cannot read a number
 * from it and throws. That is the rule failing, not the log group failing (EVD-1).
 */
function parameterRetention(stack: Stack): logs.CfnLogGroup {
  const days = new CfnParameter(stack, 'Days', { type: 'Number' });
  return new logs.CfnLogGroup(stack, 'FromParameter', {
    retentionInDays: days.valueAsNumber,
  });
}

describe('a rule that throws is a rule error, never a finding (EVD-1)', () => {
  test('it is reported under its own ID and status, not under the rule it broke', () => {
    const stack = tokyoStack();
    parameterRetention(stack);
    const pack = new GovCloudChecks();
    const report = pack.validateScope(stack);
    expect(report.success).toBe(false);
    expect(report.violations.map((v) => v.ruleName)).not.toContain(RETENTION);
    const crash = report.violations.find((v) => v.ruleName === RULE_CRASHED_ID);
    expect(crash?.severity).toBe('error');
    expect(crash?.ruleMetadata?.status).toBe('crashed');
    expect(crash?.violatingResources.map((r) => r.constructPath)).toEqual(['Stack/FromParameter']);
    expect(crash?.description).toContain(RETENTION);
    // cdk-nag's own error, thrown where cdk-nag runs (under jest, the worker's realm, not this
    // file's): its message, not String(error), whichever realm's Error it is.
    expect(pack.crashes).toEqual([
      {
        ruleId: RETENTION,
        constructPath: 'Stack/FromParameter',
        message: expect.stringMatching(/^The parameter resolved to to a non-primitive value/),
      },
    ]);
  });

  test("acknowledging the broken rule's finding does not silence the crash", () => {
    const stack = tokyoStack();
    const group = parameterRetention(stack);
    for (const id of [RETENTION, RULE_CRASHED_ID]) {
      Validations.of(group).acknowledge({ id, reason: 'Retention is set at deployment.' });
    }
    const findings = collectFindings(stack, [new GovCloudChecks()], { synthesize: false });
    expect(findings.filter((f) => f.ruleId === RULE_CRASHED_ID)).toEqual([
      expect.objectContaining({ level: 'error', constructPath: 'Stack/FromParameter' }),
    ]);
  });

  test('the rule-test helper fails on a crash, and passes when every rule judged', () => {
    const broken = tokyoStack();
    parameterRetention(broken);
    expect(() => validate(broken)).toThrow(
      /A rule crashed: GCJ-RET1-LogGroupRetention on Stack\/FromParameter/,
    );
    const fine = tokyoStack();
    new logs.LogGroup(fine, 'Year', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(() => validate(fine)).not.toThrow();
  });

  test('the compliance report gives the crash its own status', () => {
    const app = new App();
    const stack = new Stack(app, 'Evidence', { env: { region: 'ap-northeast-1' } });
    parameterRetention(stack);
    app.synth();
    const evidence = collectEvidence(app, new GovCloudChecks().ruleChecks());
    const result = evidence.ruleResults.find((r) => r.ruleId === RETENTION);
    expect(result?.nonCompliant).toEqual([]);
    expect(result?.crashed.map((c) => c.path)).toEqual(['Evidence/FromParameter']);
    expect(result && ruleStatus(result)).toBe('rule error');
  });
});
