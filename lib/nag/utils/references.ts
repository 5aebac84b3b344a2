import { CfnResource, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { NagRules } from 'cdk-nag';
import type { ResourceIndex } from './pass-index';
import { flatten, isObject, logicalIdOf, resolve } from './values';

// Matching references between resources. A `Ref` / `Fn::GetAtt` is turned into the logical ID
// it points to with cdk-nag's `NagRules.resolveResourceFromIntrinsic`; the construct tree is used
// as well (a CDK token remembers its target), so that a reference still matches when it crosses
// stacks. Lookups go through the pass's ResourceIndex.

/**
 * The resource a property value points to through `Ref` or `Fn::GetAtt`, or undefined for a
 * literal or an expression such as `Fn::Join`.
 */
export function referencedResource(
  index: ResourceIndex,
  node: CfnResource,
  value: unknown,
): CfnResource | undefined {
  const reversed = Token.isUnresolved(value)
    ? Tokenization.reverse(value, { failConcat: false })
    : undefined;
  if (reversed && Reference.isReference(reversed) && CfnResource.isCfnResource(reversed.target)) {
    return reversed.target;
  }
  const resolved: unknown = resolve(node, value);
  if (isObject(resolved) && ('Ref' in resolved || 'Fn::GetAtt' in resolved)) {
    const logicalId: unknown = NagRules.resolveResourceFromIntrinsic(node, value);
    if (typeof logicalId === 'string') {
      return index.resourceByLogicalId(Stack.of(node), logicalId);
    }
  }
  return undefined;
}

/**
 * What a property value of `node` can point at: resources (by token, or by `Ref` /
 * `Fn::GetAtt`), logical IDs of `node`'s stack appearing in it (also inside `Fn::Join`, e.g.
 * `${bucket.bucketArn}/*`), and the literal names it can spell: the whole value, the part
 * before the first `/`, and after each `:::` of an ARN the rest and the rest up to `/`.
 */
interface ReferenceKeys {
  readonly targets: readonly CfnResource[];
  readonly logicalIds: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

const NO_KEYS: ReferenceKeys = { targets: [], logicalIds: new Set(), names: new Set() };

function referenceKeys(index: ResourceIndex, node: CfnResource, value: unknown): ReferenceKeys {
  if (value === undefined || value === null) return NO_KEYS;
  // A value that is one reference token names exactly one resource: decide without resolving.
  const reversed = Token.isUnresolved(value)
    ? Tokenization.reverse(value, { failConcat: false })
    : undefined;
  if (reversed && Reference.isReference(reversed) && CfnResource.isCfnResource(reversed.target)) {
    return { ...NO_KEYS, targets: [reversed.target] };
  }
  const target = referencedResource(index, node, value);
  const flat = flatten(node, value);
  const names = [flat, flat.split('/')[0]];
  for (let at = flat.indexOf(':::'); at !== -1; at = flat.indexOf(':::', at + 3)) {
    const rest = flat.slice(at + 3);
    names.push(rest, rest.split('/')[0]);
  }
  return {
    targets: target ? [target] : [],
    logicalIds: new Set([...flat.matchAll(/<([^<>.]+)[>.]/g)].map(([, id]) => id)),
    names: new Set(names),
  };
}

/**
 * True when `value` (a property of `node`) refers to `target`: by token, by `Ref` / `Fn::GetAtt`
 * (also inside `Fn::Join`, e.g. `${bucket.bucketArn}/*`), or by one of the target's literal
 * physical names (`names`, e.g. a bucket name) appearing as the whole value or after `:::` in an
 * ARN.
 */
export function refersTo(
  index: ResourceIndex,
  node: CfnResource,
  value: unknown,
  target: CfnResource,
  names: readonly string[] = [],
): boolean {
  const keys = referenceKeys(index, node, value);
  return (
    keys.targets.includes(target) ||
    (Stack.of(node) === Stack.of(target) && keys.logicalIds.has(logicalIdOf(target))) ||
    names.some((name) => keys.names.has(name))
  );
}

/** A property value of `source` that may refer to another resource. */
export interface PropertyReference {
  readonly source: CfnResource;
  readonly value: unknown;
}

/** {@link refersTo} turned around: property values by what they point at. */
interface ReferenceIndex<T extends PropertyReference> {
  /** Position of each item in app order, so that answers keep the order of a full scan. */
  readonly order: Map<T, number>;
  readonly byTarget: Map<CfnResource, T[]>;
  readonly byLogicalId: Map<Stack, Map<string, T[]>>;
  readonly byName: Map<string, T[]>;
}

function push<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function buildReferenceIndex<T extends PropertyReference>(
  pass: ResourceIndex,
  items: readonly T[],
): ReferenceIndex<T> {
  const index: ReferenceIndex<T> = {
    order: new Map(items.map((item, i) => [item, i])),
    byTarget: new Map(),
    byLogicalId: new Map(),
    byName: new Map(),
  };
  for (const item of items) {
    const keys = referenceKeys(pass, item.source, item.value);
    for (const target of keys.targets) push(index.byTarget, target, item);
    const stack = Stack.of(item.source);
    let ids = index.byLogicalId.get(stack);
    if (!ids) index.byLogicalId.set(stack, (ids = new Map()));
    for (const id of keys.logicalIds) push(ids, id, item);
    for (const name of keys.names) push(index.byName, name, item);
  }
  return index;
}

/**
 * The items that refer to `target` in the sense of {@link refersTo}, in app order. `select`
 * lists, for any resource of the app, the property values of a kind (e.g. "the bucket a trail
 * delivers to"); they are indexed once per validation pass under `question`, so that asking
 * for every bucket of a large app stays linear instead of scanning the app per bucket.
 */
export function referencesTo<T extends PropertyReference>(
  pass: ResourceIndex,
  target: CfnResource,
  question: string,
  select: (resource: CfnResource) => readonly T[],
  names: readonly string[] = [],
): T[] {
  const index = pass.built(`references: ${question}`, target, () =>
    buildReferenceIndex(
      pass,
      pass.allResources(target).flatMap((r) => select(r)),
    ),
  );
  const found = new Set<T>(index.byTarget.get(target));
  for (const item of index.byLogicalId.get(Stack.of(target))?.get(logicalIdOf(target)) ?? []) {
    found.add(item);
  }
  for (const name of names) for (const item of index.byName.get(name) ?? []) found.add(item);
  return [...found].sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
}
