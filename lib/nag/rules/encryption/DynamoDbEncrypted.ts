import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnGlobalTable, CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import { asList, isObject, isTrue, resolve, resolveString } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * DynamoDB tables are encrypted with a customer-managed KMS key: `SSESpecification` with
 * `SSEEnabled` true, `SSEType` KMS (the default when enabled) and `KMSMasterKeyId`. For a global
 * table, SSE must be enabled at the table level and every replica must name its key. KEY-1.
 * (Without SSESpecification, DynamoDB uses an AWS-owned key.)
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (node instanceof CfnTable) {
      const sse: unknown = resolve(node, node.sseSpecification);
      return isObject(sse) &&
        kmsEnabled(node, sse) &&
        isCustomerManagedKey(index, node, sse.kmsMasterKeyId)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    if (node instanceof CfnGlobalTable) {
      const sse: unknown = resolve(node, node.sseSpecification);
      if (!isObject(sse) || !kmsEnabled(node, sse)) return NagRuleCompliance.NON_COMPLIANT;
      const replicas = asList(resolve(node, node.replicas)).filter(isObject);
      return replicas.every(
        (r) =>
          isObject(r.sseSpecification) &&
          isCustomerManagedKey(index, node, r.sseSpecification.kmsMasterKeyId),
      )
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
  'name',
  { value: parse(__filename).name },
);

function kmsEnabled(node: CfnResource, sse: Record<string, unknown>): boolean {
  const type = resolveString(node, sse.sseType) ?? 'KMS';
  return sse.sseEnabled !== undefined && isTrue(node, sse.sseEnabled) && type === 'KMS';
}
