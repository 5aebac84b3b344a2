import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { localGovernmentCodeProblem } from '../../../../domain/local-government-code';
import { MUNICIPALITY_TAG } from '../../../../domain/tags';
import { tagsOf } from '../../utils/tags';

/**
 * Every taggable resource carries the tag `MunicipalityCode` with a valid 全国地方公共団体コード
 * (six digits, the last a check digit), so costs can be split per municipality (利用料を按分)
 * and each municipality's resources identified. TEN-3, TEN-1. Resources that cannot be tagged
 * are not applicable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const tags = tagsOf(node);
    if (tags === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const code = tags[MUNICIPALITY_TAG];
    return code !== undefined && localGovernmentCodeProblem(code) === undefined
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
