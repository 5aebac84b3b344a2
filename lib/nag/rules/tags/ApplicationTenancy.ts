import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { TENANCY_APPLICATION, TENANCY_TAG } from '../../../../domain/tags';
import { tagsOf } from '../../utils/tags';

/**
 * Flags (as a warning) a resource tagged `govcloud-jp:tenancy` = `application`: several
 * municipalities share it inside one VPC and are separated by the application. Separation other
 * than a dedicated VPC needs the Digital Agency's approval (デジタル庁の承認), which no code
 * change can give: acknowledge the finding with the approval reference as the reason. TEN-2.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const tags = tagsOf(node);
    if (tags === undefined || tags[TENANCY_TAG] === undefined)
      return NagRuleCompliance.NOT_APPLICABLE;
    return tags[TENANCY_TAG] === TENANCY_APPLICATION
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
