import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnFlowLog, CfnVPC } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { referencesTo } from '../../utils/references';
import { literalString } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/**
 * Every VPC has a flow log recording ALL traffic (接続点の通信を監視): some `AWS::EC2::FlowLog`
 * in the app with `ResourceType` VPC, `ResourceId` referring to the VPC (Ref / GetAtt) and
 * `TrafficType` ALL. Where it is delivered is judged by the log-group and audit-bucket rules.
 * LOG-4.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    if (!(node instanceof CfnVPC)) return NagRuleCompliance.NOT_APPLICABLE;
    const flowLogs = referencesTo(index, node, 'VPC flow log of all traffic → VPC', (r) =>
      r instanceof CfnFlowLog &&
      literalString(r, r.resourceType) === 'VPC' &&
      literalString(r, r.trafficType) === 'ALL'
        ? [{ source: r, value: r.resourceId }]
        : [],
    );
    return flowLogs.length > 0 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
