import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { NagRuleCompliance } from 'cdk-nag';
import { asList, isObject, resolve } from '../../utils/values';

/**
 * Every container of an ECS task definition names a user that is not root (`User` set, and
 * neither `root` nor uid `0`): an unset user runs as the image's, which is root for most base
 * images. Windows tasks are not applicable. DET-2 (Control Tower CT.ECS.PR.3).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const containers = linuxContainersOf(node);
    if (containers === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return containers.every((c) => isNonRoot(c.user))
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

function isNonRoot(user: unknown): boolean {
  if (typeof user !== 'string' || user.trim() === '') return false;
  return !/^(root|0)(:|$)/.test(user.trim());
}

/**
 * The container definitions of a Linux ECS task definition; undefined for any other resource,
 * a Windows task or a task without containers (where the container rules do not apply).
 */
export function linuxContainersOf(node: CfnResource): Record<string, unknown>[] | undefined {
  if (!(node instanceof CfnTaskDefinition) || isWindows(node)) return undefined;
  const containers = asList(resolve(node, node.containerDefinitions)).filter(isObject);
  return containers.length > 0 ? containers : undefined;
}

/** True for a task definition whose runtime platform is a Windows family. */
function isWindows(node: CfnTaskDefinition): boolean {
  const platform = resolve(node, node.runtimePlatform);
  return (
    isObject(platform) &&
    typeof platform.operatingSystemFamily === 'string' &&
    platform.operatingSystemFamily.startsWith('WINDOWS')
  );
}
