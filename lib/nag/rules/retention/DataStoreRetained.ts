import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnGlobalTable, CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { CfnFileSystem } from 'aws-cdk-lib/aws-efs';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { auditLogUses, sseS3OnlyLogDelivery } from '../../utils/buckets';
import { isRetainedOnDelete } from './deletion-policy';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Data stores survive stack deletion: S3 buckets (other than log stores, judged by
 * LogStoreRetained), EFS file systems and DynamoDB tables with `DeletionPolicy: Retain`; RDS
 * clusters and standalone instances with Retain or Snapshot. The municipality is responsible
 * for its data (バックアップを行う責任), and a stack deletion must not erase it. BAK-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (node instanceof CfnBucket) {
      if (auditLogUses(index, node).length > 0 || sseS3OnlyLogDelivery(index, node) !== undefined) {
        return NagRuleCompliance.NOT_APPLICABLE;
      }
      return verdict(isRetainedOnDelete(node, false));
    }
    if (
      node instanceof CfnFileSystem ||
      node instanceof CfnTable ||
      node instanceof CfnGlobalTable
    ) {
      return verdict(isRetainedOnDelete(node, false));
    }
    if (
      node instanceof CfnDBCluster ||
      (node instanceof CfnDBInstance && node.dbClusterIdentifier === undefined)
    ) {
      return verdict(isRetainedOnDelete(node, true));
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
  'name',
  { value: parse(__filename).name },
);

function verdict(retained: boolean): NagRuleCompliance {
  return retained ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
