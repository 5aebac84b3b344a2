import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { resolveNumber } from '../../utils/values';
import type { NagRule } from '../../utils/rule';

/**
 * CloudWatch Logs log groups keep events at least `minimumDays` (証跡は１年間以上保存). RET-1.
 *
 * An unset `RetentionInDays` means "never expire", which the requirement calls out as a mistake
 * (never "infinite" by accident): it is non-compliant. A retention given as an unresolvable
 * intrinsic (e.g. a CfnParameter) makes the rule fail, since the value cannot be verified.
 * @param minimumDays the minimum retention in days
 */
export default function LogGroupRetention(minimumDays: number): NagRule {
  return Object.defineProperty(
    (node: CfnResource): NagRuleCompliance => {
      if (!(node instanceof CfnLogGroup)) return NagRuleCompliance.NOT_APPLICABLE;
      const days = resolveNumber(node, node.retentionInDays);
      return days !== undefined && days >= minimumDays
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
