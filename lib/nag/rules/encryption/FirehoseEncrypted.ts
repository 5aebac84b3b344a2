import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import { isObject, resolve, resolveString } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Firehose delivery streams encrypt buffered data with a customer-managed key
 * (`DeliveryStreamEncryptionConfigurationInput` with `KeyType` CUSTOMER_MANAGED_CMK and `KeyARN`).
 * KEY-1. A stream fed by a Kinesis data stream or MSK cannot set this (the source's encryption
 * applies) and is not applicable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnDeliveryStream)) return NagRuleCompliance.NOT_APPLICABLE;
    const type = resolveString(node, node.deliveryStreamType) ?? 'DirectPut';
    if (type === 'KinesisStreamAsSource' || type === 'MSKAsSource')
      return NagRuleCompliance.NOT_APPLICABLE;
    const config: unknown = resolve(node, node.deliveryStreamEncryptionConfigurationInput);
    return isObject(config) &&
      resolveString(node, config.keyType) === 'CUSTOMER_MANAGED_CMK' &&
      isCustomerManagedKey(index, node, config.keyArn)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
