import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { ENVIRONMENT_TAG, ENVIRONMENTS } from '../../../../domain/tags';
import { tagsOf } from '../../utils/tags';

/**
 * Every taggable resource carries the tag `Environment` with one of production, staging, dr,
 * development: a tenant area is used only for production, verification and DR (検証及び本番稼働、
 * 災害対策等), and for development only where the system runs CI/CD (GCAS guide §1.1).
 * IAM-6. Resources that cannot be tagged are not applicable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const tags = tagsOf(node);
    if (tags === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const value = tags[ENVIRONMENT_TAG];
    return value !== undefined && (ENVIRONMENTS as readonly string[]).includes(value)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
