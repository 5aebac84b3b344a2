import { parse } from 'path';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { literalRegion } from '../../utils/values';
import type { NagRule } from '../../utils/rule';
import { copyDestinations } from '../regions/copy-destinations';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * AWS Backup plans copy backups to the other Japanese region (東西2センター: Tokyo ⇄ Osaka): some
 * copy action's destination vault is in an allowed region other than the plan's own. BAK-2.
 *
 * A destination whose region cannot be read at synth time is given the benefit of the doubt
 * here; CopyDestinationUnverified (REG-3) warns about it.
 * @param allowedRegions regions a copy may go to
 */
export default function BackupCrossRegionCopy(allowedRegions: readonly string[]): NagRule {
  return Object.defineProperty(
    (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
      if (!(node instanceof CfnBackupPlan)) return NagRuleCompliance.NOT_APPLICABLE;
      const home = literalRegion(Stack.of(node));
      const ok = copyDestinations(node, index).some((d) =>
        d.region === undefined
          ? !d.sameStack
          : d.region !== home && allowedRegions.includes(d.region),
      );
      return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
