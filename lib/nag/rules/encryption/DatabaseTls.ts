import { parse } from 'path';
import type { CfnResource } from 'aws-cdk-lib';
import {
  CfnDBCluster,
  CfnDBClusterParameterGroup,
  CfnDBInstance,
  CfnDBParameterGroup,
} from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { referencedResource } from '../../utils/references';
import { isObject, resolve, resolveString } from '../../utils/values';
import type { ResourceIndex } from '../../utils/pass-index';

/** The parameter that makes an engine refuse unencrypted connections, with its "on" values. */
function tlsParameter(engine: string): { name: string; on: readonly string[] } | undefined {
  if (/^(aurora-mysql|aurora|mysql|mariadb)$/.test(engine)) {
    return { name: 'require_secure_transport', on: ['1', 'on', 'true'] };
  }
  if (/^(aurora-postgresql|postgres|sqlserver-.*)$/.test(engine)) {
    return { name: 'rds.force_ssl', on: ['1', 'on', 'true'] };
  }
  return undefined;
}

/**
 * RDS databases require TLS from clients (伝送路の暗号化): the cluster's (or standalone
 * instance's) parameter group, defined in the app, sets `require_secure_transport` (MySQL,
 * MariaDB, Aurora MySQL) or `rds.force_ssl` (PostgreSQL, Aurora PostgreSQL, SQL Server) on. KEY-3.
 *
 * A default or external parameter group cannot be read at synth time (recent PostgreSQL
 * versions force TLS by default), so this is a warning-level judgement call. Engines without
 * such a parameter (Oracle uses an option group) are not applicable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource, index: ResourceIndex): NagRuleCompliance => {
    let groupRef: unknown;
    if (node instanceof CfnDBCluster) {
      groupRef = node.dbClusterParameterGroupName;
    } else if (node instanceof CfnDBInstance && node.dbClusterIdentifier === undefined) {
      groupRef = node.dbParameterGroupName;
    } else {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const parameter = tlsParameter((resolveString(node, node.engine) ?? '').toLowerCase());
    if (parameter === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const group = referencedResource(index, node, groupRef);
    if (!(group instanceof CfnDBClusterParameterGroup) && !(group instanceof CfnDBParameterGroup)) {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    const parameters: unknown = resolve(group, group.parameters);
    const value = isObject(parameters) ? parameters[parameter.name] : undefined;
    return value !== undefined && parameter.on.includes(String(value).toLowerCase())
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
