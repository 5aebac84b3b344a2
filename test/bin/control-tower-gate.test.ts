import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IPolicyValidationContextBeta1, PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CONTROL_TOWER_RULES, controlTowerReport, ruleGroups } from '../../bin/control-tower-gate';
import { appLikeCli } from '../support/app';

jest.setTimeout(120_000);

/** Every finding as one line, in a fixed order: the groups list them group by group. */
const lines = (report: PolicyValidationPluginReportBeta1) =>
  report.violations
    .flatMap((v) =>
      v.violatingResources.map(
        (r) =>
          `${v.ruleName} ${path.basename(r.templatePath)} ${r.resourceLogicalId} ${v.severity}`,
      ),
    )
    .sort();

test('the rule groups hold every Control Tower rule folder once, in groups of about equal size', () => {
  const folders = fs.readdirSync(CONTROL_TOWER_RULES).map((f) => path.join(CONTROL_TOWER_RULES, f));
  for (const count of [1, 2, 3]) {
    const groups = ruleGroups(count);
    expect(groups).toHaveLength(count);
    expect(groups.flat().sort()).toEqual(folders.sort());
    const sizes = groups.map((g) => g.reduce((n, dir) => n + fs.readdirSync(dir).length, 0));
    const largestFolder = Math.max(...folders.map((d) => fs.readdirSync(d).length));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(largestFolder);
  }
});

test('two cfn-guard processes side by side report exactly what one CfnGuardValidator run reports', async () => {
  // A stack with findings (a bucket without replication or Object Lock, a queue without a
  // dead-letter queue) and one without (an empty stack's template), as CDK writes them.
  const app = appLikeCli({});
  const stack = new Stack(app, 'Findings', { env: { region: 'ap-northeast-1' } });
  new s3.Bucket(stack, 'Bucket');
  new sqs.Queue(stack, 'Queue');
  new Stack(app, 'Empty', { env: { region: 'ap-northeast-1' } });
  const templatePaths = app.synth().stacks.map((s) => s.templateFullPath);

  const one = new CfnGuardValidator().validate({
    templatePaths,
  } as unknown as IPolicyValidationContextBeta1);
  const split = await controlTowerReport(templatePaths, 2);

  expect(one.success).toBe(false);
  expect(lines(one).length).toBeGreaterThan(2);
  expect(lines(one).some((l) => l.includes('Queue'))).toBe(true);
  expect(split.success).toBe(one.success);
  expect(lines(split)).toEqual(lines(one));
  expect(split.violations.map((v) => `${v.ruleName}\n${v.description}\n${v.fix}`).sort()).toEqual(
    one.violations.map((v) => `${v.ruleName}\n${v.description}\n${v.fix}`).sort(),
  );
});

test('a cfn-guard failure in a group rejects with the group named, instead of a partial report', async () => {
  const missing = path.join(os.tmpdir(), 'no-such-template.json');
  await expect(controlTowerReport([missing], 2)).rejects.toThrow(/cfn-guard over .* failed/);
});
