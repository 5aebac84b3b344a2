import { parse } from 'path';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import type { ResourceIndex } from '../../utils/pass-index';
import { refersTo } from '../../utils/references';
import { isTrue, resolveString } from '../../utils/values';
import type { NagRule } from '../../utils/rule';

/**
 * Where the availability level needs it (稼働率 99.5% or more), databases survive the loss of
 * one availability zone (マルチAZ): an RDS instance outside a cluster sets `MultiAZ`; a Multi-AZ
 * DB cluster (`DBClusterInstanceClass`) is compliant; an Aurora cluster has at least two
 * instances in its stack, not pinned to the same zone. AVL-1, BAK-4.
 * @param required whether the availability level needs Multi-AZ; when false the rule does not apply
 */
export default function DatabaseMultiAz(required: boolean): NagRule {
  return Object.defineProperty(
    (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
      if (!required) return NagRuleCompliance.NOT_APPLICABLE;
      if (node instanceof CfnDBInstance) {
        if (node.dbClusterIdentifier !== undefined) return NagRuleCompliance.NOT_APPLICABLE;
        return isTrue(node, node.multiAz)
          ? NagRuleCompliance.COMPLIANT
          : NagRuleCompliance.NON_COMPLIANT;
      }
      if (!(node instanceof CfnDBCluster)) return NagRuleCompliance.NOT_APPLICABLE;
      if (node.dbClusterInstanceClass !== undefined) return NagRuleCompliance.COMPLIANT;
      const names = [resolveLiteral(node, node.dbClusterIdentifier)].filter(
        (n): n is string => n !== undefined,
      );
      const members = index
        .resourcesInStack(Stack.of(node))
        .filter(
          (r): r is CfnDBInstance =>
            r instanceof CfnDBInstance &&
            r.dbClusterIdentifier !== undefined &&
            refersTo(index, r, r.dbClusterIdentifier, node, names),
        );
      const zones = members.map((m) => resolveLiteral(m, m.availabilityZone));
      const pinnedToOne = zones.every((z) => z !== undefined && z === zones[0]);
      return members.length >= 2 && !pinnedToOne
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}

function resolveLiteral(node: CfnResource, value: unknown): string | undefined {
  try {
    return resolveString(node, value);
  } catch {
    return undefined;
  }
}
