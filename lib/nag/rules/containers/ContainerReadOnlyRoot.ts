import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, resolve } from '../../utils/resolve';
import { isWindows } from './ContainerNotRoot';

/**
 * Every container of an ECS task definition has a read-only root filesystem
 * (`ReadonlyRootFilesystem: true`); writable paths come from mounted volumes. Code that gets
 * into the container cannot then change its binaries. Windows tasks (where AWS does not support
 * the setting) are not applicable. DET-2 (Control Tower CT.ECS.PR.6).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTaskDefinition)) return NagRuleCompliance.NOT_APPLICABLE;
    if (isWindows(node)) return NagRuleCompliance.NOT_APPLICABLE;
    const containers = asList(resolve(node, node.containerDefinitions)).filter(isObject);
    if (containers.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return containers.every(
      (c) => c.readonlyRootFilesystem === true || c.readonlyRootFilesystem === 'true',
    )
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
