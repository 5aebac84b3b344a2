#!/usr/bin/env node
// Control Tower proactive controls (cfn-guard rules of @cdklabs/cdk-validator-cfnguard) over
// the synthesized default app: `npm run validate`. Every finding must be fixed or listed in
// CONTROL_TOWER_ACKNOWLEDGEMENTS with its control ID and reason; anything else fails (exit 1).
import * as fs from 'fs';
import * as path from 'path';
import type { PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib';
import {
  CONTROL_TOWER_FILE,
  templateDigests,
  type ControlTowerEvidence,
  type ControlTowerFinding,
} from '../lib/report/control-tower';
import { COMPLIANCE_DIR } from '../lib/report/files';
import { CONTROL_TOWER_ACKNOWLEDGEMENTS } from './control-tower-acknowledgements';
import { controlTowerReport } from './control-tower-gate';

const dir = process.argv[2] ?? 'cdk.out.validate';
const templatePaths = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.template.json'))
  .sort()
  .map((f) => path.join(dir, f));
const started = Date.now();
controlTowerReport(templatePaths).then(judge, (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

function judge(report: PolicyValidationPluginReportBeta1): void {
  const open: string[] = [];
  const acknowledged: string[] = [];
  const findings: ControlTowerFinding[] = [];
  for (const violation of report.violations) {
    const control =
      /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(violation.description)?.[1] ?? violation.ruleName;
    for (const resource of violation.violatingResources) {
      const stack = path.basename(resource.templatePath, '.template.json');
      const line = `${control} ${stack} ${resource.resourceLogicalId}`;
      const ack = CONTROL_TOWER_ACKNOWLEDGEMENTS.find(
        (a) => a.control === control && a.logicalId.test(resource.resourceLogicalId),
      );
      const description = violation.description.split('\n')[0];
      if (ack) acknowledged.push(`${line}: ${ack.reason}`);
      else open.push(`${line}: ${description}`);
      findings.push({
        control,
        stack,
        logicalId: resource.resourceLogicalId,
        acknowledged: ack !== undefined,
        reason: ack?.reason ?? description,
        reasonJa: ack?.reasonJa,
        deferred: ack?.deferred ?? false,
      });
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // Evidence beside evidence.json, for `npm run report` (EVD-1): it is used only for templates
  // byte-identical to these, so a later synth with other templates cannot borrow it.
  const evidence: ControlTowerEvidence = {
    templates: templateDigests(dir),
    seconds: Number(seconds),
    findings: findings.sort((a, b) =>
      `${a.control} ${a.stack} ${a.logicalId}`.localeCompare(
        `${b.control} ${b.stack} ${b.logicalId}`,
      ),
    ),
  };
  fs.mkdirSync(path.join(dir, COMPLIANCE_DIR), { recursive: true });
  fs.writeFileSync(
    path.join(dir, COMPLIANCE_DIR, CONTROL_TOWER_FILE),
    JSON.stringify(evidence, undefined, 2) + '\n',
  );
  console.log(
    `Control Tower proactive controls over ${templatePaths.length} templates (${seconds} s)`,
  );
  console.log(`acknowledged (${acknowledged.length}):\n  ${acknowledged.sort().join('\n  ')}`);
  if (open.length > 0) {
    console.error(`unacknowledged (${open.length}):\n  ${open.sort().join('\n  ')}`);
    process.exit(1);
  }
}
