import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NagRules } from 'cdk-nag';
import { flattenCfnValue } from '../../../domain/cfn-value';

// Value helpers shared by the rules. They follow cdk-nag's own approach: resolve a property with
// `Stack.of(node).resolve` and read primitives with `NagRules.resolveIfPrimitive`, instead of
// assuming literals. References between resources are in ./references.ts.

/** A resolved CloudFormation value as plain JSON. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `Stack.of(node).resolve(value)`: the value as it will appear in the template. */
export function resolve(node: CfnResource, value: unknown): unknown {
  return Stack.of(node).resolve(value);
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a list: undefined → [], a single item → [item]. */
export function asList<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/**
 * Resolves a property that CloudFormation treats as a boolean, accepting `true` and `"true"`.
 * Throws (through `NagRules.resolveIfPrimitive`) when the value is an unresolvable intrinsic
 * rather than guessing; the pack reports that as a rule crash (GCJ-EVD1-RuleCrashed).
 */
export function isTrue(node: CfnResource, value: unknown): boolean {
  const resolved: unknown = NagRules.resolveIfPrimitive(node, value);
  return resolved === true || (typeof resolved === 'string' && resolved.toLowerCase() === 'true');
}

/** Like {@link isTrue} for an explicit `false` (an unset value is not false). */
export function isFalse(node: CfnResource, value: unknown): boolean {
  const resolved: unknown = NagRules.resolveIfPrimitive(node, value);
  return resolved === false || (typeof resolved === 'string' && resolved.toLowerCase() === 'false');
}

/** Resolves a primitive to a number (CloudFormation accepts numeric strings); throws on intrinsics. */
export function resolveNumber(node: CfnResource, value: unknown): number | undefined {
  const resolved: unknown = NagRules.resolveIfPrimitive(node, value);
  if (resolved === undefined || resolved === null || resolved === '') return undefined;
  const n = typeof resolved === 'number' ? resolved : Number(resolved);
  if (Number.isNaN(n)) {
    throw new Error(`Expected a number, got ${JSON.stringify(resolved)}`);
  }
  return n;
}

/** Resolves a primitive to a string, or undefined when the value is unset. Throws on intrinsics. */
export function resolveString(node: CfnResource, value: unknown): string | undefined {
  const resolved: unknown = NagRules.resolveIfPrimitive(node, value);
  if (resolved === undefined || resolved === null) return undefined;
  return String(resolved);
}

/**
 * The value as a literal string, or undefined when it is unset or an intrinsic. For looking at
 * other resources, where an unresolvable value should not make the rule itself fail.
 */
export function literalString(node: CfnResource, value: unknown): string | undefined {
  const resolved: unknown = resolve(node, value);
  return typeof resolved === 'string' ? resolved : undefined;
}

/**
 * Flattens a value into one string for pattern matching (domain/cfn-value.ts, `match`
 * dialect): `Ref` becomes `<LogicalId>` (pseudo parameters too, e.g. `<AWS::Region>`),
 * `Fn::GetAtt` becomes `<LogicalId.Attr>`, `Fn::Join` and `Fn::Sub` are expanded.
 */
export function flatten(node: CfnResource, value: unknown): string {
  return flattenCfnValue(resolve(node, value));
}

/** The logical ID of a resource, resolved. */
export function logicalIdOf(resource: CfnResource): string {
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

/** The stack's region when it is a literal; undefined for an environment-agnostic stack. */
export function literalRegion(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.region) ? undefined : stack.region;
}

/**
 * True for the first resource of its stack (depth-first, construct order). Stack-level rules
 * (e.g. the stack's region) are reported once per stack, on this resource; an acknowledgement
 * on the stack covers it.
 */
export function isStackAnchor(node: CfnResource): boolean {
  const stack = Stack.of(node);
  const first = (scope: IConstruct): CfnResource | undefined => {
    for (const child of scope.node.children) {
      if (Stack.isStack(child)) continue;
      if (CfnResource.isCfnResource(child)) return child;
      const found = first(child);
      if (found) return found;
    }
    return undefined;
  };
  return first(stack) === node;
}
