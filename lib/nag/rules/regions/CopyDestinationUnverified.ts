import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { copyDestinations } from './copy-destinations';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Every replication / backup-copy destination has a region that can be read at synth time: a
 * resource of this app, an ARN with a region, or a literal region. REG-3. A destination given
 * as a parameter or imported value, or an S3 bucket of another app, cannot be verified.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    const destinations = copyDestinations(node, index);
    if (destinations.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return destinations.some((d) => d.region === undefined && !d.sameStack)
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
