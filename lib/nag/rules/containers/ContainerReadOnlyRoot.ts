import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { linuxContainersOf } from './ContainerNotRoot';

/**
 * Every container of an ECS task definition has a read-only root filesystem
 * (`ReadonlyRootFilesystem: true`); writable paths come from mounted volumes. Code that gets
 * into the container cannot then change its binaries. Windows tasks (where AWS does not support
 * the setting) are not applicable. DET-2 (Control Tower CT.ECS.PR.6).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    const containers = linuxContainersOf(node);
    if (containers === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return containers.every(
      (c) => c.readonlyRootFilesystem === true || c.readonlyRootFilesystem === 'true',
    )
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
