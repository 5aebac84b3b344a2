import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Secrets Manager secrets are encrypted with a customer-managed KMS key (`KmsKeyId`, not `alias/aws/secretsmanager`). KEY-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnSecret)) return NagRuleCompliance.NOT_APPLICABLE;
    return isCustomerManagedKey(index, node, node.kmsKeyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
