import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { CfnSubscription } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, resolve } from '../../utils/values';

/**
 * A failed alert delivery is kept, not dropped (配信失敗の保全): every target of an
 * EventBridge rule has a dead-letter queue (`DeadLetterConfig.Arn`), and every SNS
 * subscription a redrive policy (`RedrivePolicy.deadLetterTargetArn`). Without them an event
 * EventBridge cannot deliver, or a message SNS cannot hand to a subscriber, is lost after the
 * retries without a trace. Rules without targets are not applicable. DET-3.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (node instanceof CfnRule) {
      const targets = asList(resolve(node, node.targets)).filter(isObject);
      if (targets.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
      return targets.every((t) => isObject(t.deadLetterConfig) && hasValue(t.deadLetterConfig.arn))
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    if (node instanceof CfnSubscription) {
      let redrive: unknown = resolve(node, node.redrivePolicy);
      if (typeof redrive === 'string') {
        try {
          redrive = JSON.parse(redrive);
        } catch {
          return NagRuleCompliance.NON_COMPLIANT;
        }
      }
      return isObject(redrive) && hasValue(redrive.deadLetterTargetArn)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
  'name',
  { value: parse(__filename).name },
);

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
