import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import type { NagRule } from '../../utils/rule';
import { planRules } from '../../utils/schedule';

/**
 * AWS Backup plans take recovery points often enough for the RPO (目標復旧地点): some rule's
 * longest gap between runs (continuous backup: 5 minutes) is at most `rpoHours`. A schedule that
 * cannot be read at synth time does not count. AVL-1.
 * @param rpoHours the recovery point objective in hours (the standard: 24, 1営業日前)
 */
export default function BackupScheduleMeetsRpo(rpoHours: number): NagRule {
  return Object.defineProperty(
    (node: CfnResource): NagRuleCompliance => {
      if (!(node instanceof CfnBackupPlan)) return NagRuleCompliance.NOT_APPLICABLE;
      const ok = planRules(node).some(
        (r) => r.intervalHours !== undefined && r.intervalHours <= rpoHours,
      );
      return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
