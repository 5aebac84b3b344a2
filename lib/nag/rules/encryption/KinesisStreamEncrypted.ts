import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnStream } from 'aws-cdk-lib/aws-kinesis';
import { NagRuleCompliance } from 'cdk-nag';
import { isCustomerManagedKey } from '../../utils/keys';
import { isObject, resolve, resolveString } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Kinesis data streams are encrypted (`StreamEncryption` type KMS) with a customer-managed key
 * (`KeyId`, not `alias/aws/kinesis`). KEY-1.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnStream)) return NagRuleCompliance.NOT_APPLICABLE;
    const encryption: unknown = resolve(node, node.streamEncryption);
    return isObject(encryption) &&
      resolveString(node, encryption.encryptionType) === 'KMS' &&
      isCustomerManagedKey(index, node, encryption.keyId)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
