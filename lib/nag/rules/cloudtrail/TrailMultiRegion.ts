import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { isFalse, isTrue } from '../../utils/values';

/**
 * CloudTrail trails are logging, cover all regions (`IsMultiRegionTrail`) and include global
 * service events (IAM, STS, ...), so no API call escapes the trail. LOG-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const logging = isTrue(node, node.isLogging);
    const multiRegion =
      node.isMultiRegionTrail !== undefined && isTrue(node, node.isMultiRegionTrail);
    // IncludeGlobalServiceEvents defaults to true when unset.
    const globalEvents =
      node.includeGlobalServiceEvents === undefined ||
      !isFalse(node, node.includeGlobalServiceEvents);
    return logging && multiRegion && globalEvents
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
