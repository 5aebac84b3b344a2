import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import { isTrue } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * RDS DB clusters (Aurora, Multi-AZ clusters) and DB instances encrypt storage
 * (`StorageEncrypted`) with a customer-managed KMS key (`KmsKeyId`). KEY-1. An instance that is a
 * member of a cluster (`DBClusterIdentifier`) is judged through its cluster.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (node instanceof CfnDBInstance && node.dbClusterIdentifier !== undefined) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    if (!(node instanceof CfnDBCluster) && !(node instanceof CfnDBInstance)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const encrypted = node.storageEncrypted !== undefined && isTrue(node, node.storageEncrypted);
    return encrypted && isCustomerManagedKey(index, node, node.kmsKeyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
