import type { CfnResource } from 'aws-cdk-lib';
import { asList, isObject, resolve } from './values';

/** One IAM / resource policy statement, resolved and with list-valued fields normalised. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  /** True when the statement uses `NotAction` (its `actions` are then empty). */
  readonly notAction: boolean;
  /** Principals flattened to strings, e.g. `*`, `Service:logging.s3.amazonaws.com`. */
  readonly principals: readonly unknown[];
  readonly resources: readonly unknown[];
  readonly condition: Record<string, unknown>;
}

/** The statements of a policy document property of `node`, resolved. */
export function statementsOf(node: CfnResource, document: unknown): PolicyStatement[] {
  let resolved: unknown = resolve(node, document);
  if (typeof resolved === 'string') {
    try {
      resolved = JSON.parse(resolved);
    } catch {
      return [];
    }
  }
  if (!isObject(resolved)) return [];
  return asList(resolved.Statement)
    .filter(isObject)
    .map((s) => ({
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: asList(s.Action).filter((a): a is string => typeof a === 'string'),
      notAction: s.NotAction !== undefined,
      principals: principalsOf(s.Principal),
      resources: asList(s.Resource),
      condition: isObject(s.Condition) ? s.Condition : {},
    }));
}

function principalsOf(principal: unknown): unknown[] {
  if (principal === '*') return ['*'];
  if (!isObject(principal)) return [];
  return Object.entries(principal).flatMap(([kind, values]) =>
    asList(values).map((v) => (typeof v === 'string' ? `${kind}:${v}` : v)),
  );
}

/** True when the IAM action pattern (`*`, `s3:*`, `s3:Get*`) covers `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    'i',
  );
  return regex.test(action);
}

/** True when a principal list includes everyone (`*` or `AWS:*`). */
export function isEveryone(principals: readonly unknown[]): boolean {
  return principals.some((p) => p === '*' || p === 'AWS:*');
}
