import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, resolve, resolveString } from '../../utils/values';

/**
 * CloudTrail trails record management events, both read and write. With neither
 * `EventSelectors` nor `AdvancedEventSelectors` a trail records all management events. With
 * basic selectors, one must include management events with `ReadWriteType` All; with advanced
 * selectors, one must select `eventCategory` = Management without a `readOnly` filter. LOG-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const basic = asList(resolve(node, node.eventSelectors)).filter(isObject);
    const advanced = asList(resolve(node, node.advancedEventSelectors)).filter(isObject);
    if (basic.length === 0 && advanced.length === 0) return NagRuleCompliance.COMPLIANT;
    const basicOk = basic.some((s) => {
      const management =
        s.includeManagementEvents === undefined ||
        resolve(node, s.includeManagementEvents) !== false;
      const readWrite = resolveString(node, s.readWriteType) ?? 'All';
      return management && readWrite === 'All';
    });
    const advancedOk = advanced.some((s) => {
      const fields = asList(s.fieldSelectors).filter(isObject);
      const management = fields.some(
        (f) => f.field === 'eventCategory' && asList(f.equalTo).includes('Management'),
      );
      const readOnlyFilter = fields.some((f) => f.field === 'readOnly');
      return management && !readOnlyFilter;
    });
    return basicOk || advancedOk ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
