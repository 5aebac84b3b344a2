// The Control Tower proactive controls (cfn-guard rules of @cdklabs/cdk-validator-cfnguard) run
// as several cfn-guard processes side by side. One cfn-guard process over the default app takes
// about 15 s on the 2-core machine, nearly all of it in cfn-guard itself (each template is
// evaluated against each of the 237 rule files); the rules split into groups of about equal
// size, one `CfnGuardValidator` per group in a worker thread, take about half that. Each group is
// judged by the same validator, binary, rule files and templates as in one run, so the findings
// are the same; the merged report lists them group by group (test/bin/control-tower-gate.test.ts
// compares it with one run).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';

/** The Control Tower rule directory the validator applies by default (one folder per service). */
export const CONTROL_TOWER_RULES = path.join(
  path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')),
  'rules/control-tower/cfn-guard',
);

const countFiles = (dir: string): number =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0);

/**
 * The service folders of the Control Tower rules in `count` groups of about the same number of
 * rule files (largest folder first, each into the group with the fewest files so far).
 */
export function ruleGroups(count: number, rulesDir = CONTROL_TOWER_RULES): string[][] {
  const folders = fs
    .readdirSync(rulesDir)
    .sort()
    .map((name) => ({
      dir: path.join(rulesDir, name),
      files: countFiles(path.join(rulesDir, name)),
    }))
    .sort((a, b) => b.files - a.files);
  const groups = Array.from({ length: Math.max(1, count) }, () => ({
    dirs: [] as string[],
    files: 0,
  }));
  for (const folder of folders) {
    const lightest = groups.reduce((a, b) => (b.files < a.files ? b : a));
    lightest.dirs.push(folder.dir);
    lightest.files += folder.files;
  }
  return groups.filter((g) => g.dirs.length > 0).map((g) => g.dirs.sort());
}

// Plain JavaScript, so that it runs the same under swc and jest.
const WORKER = `
const { workerData, parentPort } = require('worker_threads');
const { CfnGuardValidator } = require(workerData.validator);
try {
  const report = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: workerData.rules })
    .validate({ templatePaths: workerData.templatePaths });
  parentPort.postMessage({ report });
} catch (e) {
  parentPort.postMessage({ error: String(e && e.stack ? e.stack : e) });
}
`;

function validateGroup(
  rules: string[],
  templatePaths: readonly string[],
): Promise<PolicyValidationPluginReportBeta1> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        validator: require.resolve('@cdklabs/cdk-validator-cfnguard'),
        rules,
        templatePaths: [...templatePaths],
      },
    });
    worker.once('message', (m: { report?: PolicyValidationPluginReportBeta1; error?: string }) => {
      void worker.terminate();
      if (m.report) resolve(m.report);
      else reject(new Error(`cfn-guard over ${rules.join(', ')} failed: ${m.error}`));
    });
    worker.once('error', reject);
  });
}

/**
 * The Control Tower proactive controls over `templatePaths`, in `groups` cfn-guard processes at
 * once (by default one per core, at most 4): the validator's report, as one run would give it.
 */
export async function controlTowerReport(
  templatePaths: readonly string[],
  groups = Math.min(4, os.availableParallelism()),
): Promise<PolicyValidationPluginReportBeta1> {
  const reports = await Promise.all(
    ruleGroups(groups).map((rules) => validateGroup(rules, templatePaths)),
  );
  return {
    success: reports.every((r) => r.success),
    violations: reports.flatMap((r) => r.violations),
  };
}
