import { parse } from 'path';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnBackupPlan } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { referencedResource } from '../../utils/references';
import { flatten, literalRegion } from '../../utils/values';
import type { NagRule } from '../../utils/rule';
import { planRules } from '../../utils/schedule';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Where the large-disaster level needs a remote copy (遠隔地保管), the copy to the other Japanese
 * region is as fresh as the RPO: some rule that copies to a vault in an allowed region other
 * than the plan's own runs at most every `rpoHours`. A destination whose region cannot be read
 * counts when it is outside the plan's stack (REG3-CopyDestinationUnverified warns about it).
 * AVL-2.
 * @param rpoHours the recovery point objective in hours
 * @param allowedRegions regions a copy may go to
 * @param required whether the disaster level needs a remote copy; when false the rule does not apply
 */
export default function RemoteCopyMeetsRpo(
  rpoHours: number,
  allowedRegions: readonly string[],
  required = true,
): NagRule {
  return Object.defineProperty(
    (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
      if (!required || !(node instanceof CfnBackupPlan)) return NagRuleCompliance.NOT_APPLICABLE;
      const home = literalRegion(Stack.of(node));
      const remote = (target: unknown): boolean => {
        const resource = referencedResource(index, node, target);
        if (resource) {
          const region = literalRegion(Stack.of(resource));
          return Stack.of(resource) !== Stack.of(node) && region !== undefined
            ? region !== home && allowedRegions.includes(region)
            : Stack.of(resource) !== Stack.of(node);
        }
        const region = /:backup:([^:]*):/.exec(flatten(node, target))?.[1];
        // `<AWS::Region>` is the plan's own region; another token is a region not known yet.
        if (region === undefined || region === '<AWS::Region>') return false;
        if (region.includes('<')) return true;
        return region !== home && allowedRegions.includes(region);
      };
      const ok = planRules(node).some(
        (r) =>
          r.intervalHours !== undefined &&
          r.intervalHours <= rpoHours &&
          r.copyTargets.some(remote),
      );
      return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
