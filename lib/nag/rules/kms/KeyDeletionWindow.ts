import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnKey, CfnReplicaKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { resolveNumber } from '../../utils/values';

/** The deletion window KEY-2 asks for, which is also the KMS maximum (and its default). */
export const REQUIRED_PENDING_WINDOW_DAYS = 30;

/**
 * KMS keys (and replica keys) keep the full 30-day waiting period before deletion
 * (`PendingWindowInDays` unset or 30), leaving the longest time to cancel a mistaken or
 * malicious deletion (暗号鍵の保護). KEY-2.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey) && !(node instanceof CfnReplicaKey)) {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const days = resolveNumber(node, node.pendingWindowInDays);
    return days === undefined || days >= REQUIRED_PENDING_WINDOW_DAYS
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
