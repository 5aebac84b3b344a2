import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupVault } from 'aws-cdk-lib/aws-backup';
import { NagRuleCompliance } from 'cdk-nag';
import { isRetainedOnDelete } from './deletion-policy';

/**
 * AWS Backup vaults survive stack deletion (`DeletionPolicy: Retain`), so that no operator
 * deletes backups by deleting a stack. BAK-3.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBackupVault)) return NagRuleCompliance.NOT_APPLICABLE;
    return isRetainedOnDelete(node, false)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
