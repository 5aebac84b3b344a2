import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import type { NagRule } from '../../utils/rule';
import { copyDestinations } from './copy-destinations';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Every replication / backup-copy destination whose region is known is an allowed region
 * (退避先は全て日本国内). REG-3. Covers S3 replication, AWS Backup copy actions, DynamoDB global
 * table replicas, Secrets Manager replicas and ECR replication.
 * @param allowedRegions regions data may be copied to
 */
export default function CopyDestinationRegion(allowedRegions: readonly string[]): NagRule {
  return Object.defineProperty(
    (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
      const destinations = copyDestinations(node, index);
      if (destinations.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
      const outside = destinations.filter(
        (d) => d.region !== undefined && !allowedRegions.includes(d.region),
      );
      return outside.length > 0 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
    },
    'name',
    { value: parse(__filename).name },
  );
}
