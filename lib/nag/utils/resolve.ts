import { CfnResource, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NagRules } from 'cdk-nag';

// Helpers shared by the rules. They follow cdk-nag's own approach: resolve a property with
// `Stack.of(node).resolve`, and turn a `Ref` / `Fn::GetAtt` into the logical ID it points to
// with `NagRules.resolveResourceFromIntrinsic`; for references between resources they also use
// the construct tree (a CDK token remembers its target), so that a reference still matches when
// it crosses stacks.

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
 * Flattens a value into one string for pattern matching, the way cdk-nag's own flattener does:
 * `Ref` becomes `<LogicalId>` (pseudo parameters too, e.g. `<AWS::Region>`), `Fn::GetAtt`
 * becomes `<LogicalId.Attr>`, `Fn::Join` and `Fn::Sub` are expanded.
 */
export function flatten(node: CfnResource, value: unknown): string {
  return flattenResolved(resolve(node, value));
}

function flattenResolved(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/\$\{([^}]*)\}/g, '<$1>');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value)) {
    const join = value['Fn::Join'];
    if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1])) {
      return (join[1] as unknown[]).map(flattenResolved).join(String(join[0]));
    }
    if ('Fn::Sub' in value) {
      const sub = value['Fn::Sub'];
      return flattenResolved(Array.isArray(sub) ? sub[0] : sub);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.map(String).join('.')}>`;
    if (typeof value.Ref === 'string') return `<${value.Ref}>`;
    if ('Fn::ImportValue' in value)
      return `<ImportValue ${flattenResolved(value['Fn::ImportValue'])}>`;
  }
  return JSON.stringify(value);
}

/** The logical ID of a resource, resolved. */
export function logicalIdOf(resource: CfnResource): string {
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

/**
 * Lookups of other resources made while one validation pass runs, kept for that pass only: the
 * construct tree does not change during validation, but may change between passes (tests add
 * resources and validate again). Without it, each rule that looks for related resources walks
 * the whole app again, which is quadratic in the number of resources.
 */
interface PassIndex {
  readonly root: IConstruct;
  all?: CfnResource[];
  readonly byLogicalId: Map<Stack, Map<string, CfnResource>>;
  /** Answers about one resource that several rules ask for, by question. */
  readonly answers: Map<string, Map<IConstruct, unknown>>;
  /** Reverse indexes of references between resources, by question ({@link referencesTo}). */
  readonly referenceIndexes: Map<string, unknown>;
}
let pass: PassIndex | undefined;

/** Runs `fn` (a validation pass over `root`) with resource lookups indexed for its duration. */
export function withResourceIndex<T>(root: IConstruct, fn: () => T): T {
  const previous = pass;
  pass = {
    root: root.node.root,
    byLogicalId: new Map(),
    answers: new Map(),
    referenceIndexes: new Map(),
  };
  try {
    return fn();
  } finally {
    pass = previous;
  }
}

function indexFor(node: IConstruct): PassIndex | undefined {
  return pass && pass.root === node.node.root ? pass : undefined;
}

/**
 * `compute(node)`, remembered for the current validation pass under `question`: several rules
 * ask the same thing about a resource (e.g. whether a bucket receives SSE-S3-only log
 * deliveries), and each answer scans the app. `node` may also be the app's root, for a question
 * about the whole app. Outside a pass it is computed every time.
 */
export function remembered<N extends IConstruct, T>(
  question: string,
  node: N,
  compute: (node: N) => T,
): T {
  const index = indexFor(node);
  if (!index) return compute(node);
  let answers = index.answers.get(question);
  if (!answers) {
    answers = new Map();
    index.answers.set(question, answers);
  }
  if (!answers.has(node)) answers.set(node, compute(node));
  return answers.get(node) as T;
}

/** Every CloudFormation resource in the app that `node` belongs to. */
export function allResources(node: CfnResource): CfnResource[] {
  const index = indexFor(node);
  if (index?.all) return index.all;
  const all = node.node.root.node
    .findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c));
  if (index) index.all = all;
  return all;
}

/** The resource in `stack` (not in a nested stack) with the given logical ID. */
export function resourceByLogicalId(stack: Stack, logicalId: string): CfnResource | undefined {
  const index = indexFor(stack);
  let byId = index?.byLogicalId.get(stack);
  if (!byId) {
    byId = new Map(
      stack.node
        .findAll()
        .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
        .map((c) => [logicalIdOf(c), c]),
    );
    index?.byLogicalId.set(stack, byId);
  }
  return byId.get(logicalId);
}

/**
 * The resource a property value points to through `Ref` or `Fn::GetAtt`, or undefined for a
 * literal or an expression such as `Fn::Join`.
 */
export function referencedResource(node: CfnResource, value: unknown): CfnResource | undefined {
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
      return resourceByLogicalId(Stack.of(node), logicalId);
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

function referenceKeys(node: CfnResource, value: unknown): ReferenceKeys {
  if (value === undefined || value === null) return NO_KEYS;
  // A value that is one reference token names exactly one resource: decide without resolving.
  const reversed = Token.isUnresolved(value)
    ? Tokenization.reverse(value, { failConcat: false })
    : undefined;
  if (reversed && Reference.isReference(reversed) && CfnResource.isCfnResource(reversed.target)) {
    return { ...NO_KEYS, targets: [reversed.target] };
  }
  const target = referencedResource(node, value);
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
  node: CfnResource,
  value: unknown,
  target: CfnResource,
  names: readonly string[] = [],
): boolean {
  const keys = referenceKeys(node, value);
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

function buildReferenceIndex<T extends PropertyReference>(items: readonly T[]): ReferenceIndex<T> {
  const index: ReferenceIndex<T> = {
    order: new Map(items.map((item, i) => [item, i])),
    byTarget: new Map(),
    byLogicalId: new Map(),
    byName: new Map(),
  };
  for (const item of items) {
    const keys = referenceKeys(item.source, item.value);
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
  target: CfnResource,
  question: string,
  select: (resource: CfnResource) => readonly T[],
  names: readonly string[] = [],
): T[] {
  const build = (): ReferenceIndex<T> =>
    buildReferenceIndex(allResources(target).flatMap((r) => select(r)));
  const pass = indexFor(target);
  const index = (pass?.referenceIndexes.get(question) as ReferenceIndex<T> | undefined) ?? build();
  pass?.referenceIndexes.set(question, index);
  const found = new Set<T>(index.byTarget.get(target));
  for (const item of index.byLogicalId.get(Stack.of(target))?.get(logicalIdOf(target)) ?? []) {
    found.add(item);
  }
  for (const name of names) for (const item of index.byName.get(name) ?? []) found.add(item);
  return [...found].sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
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

/**
 * The value as a literal string, or undefined when it is unset or an intrinsic. For looking at
 * other resources, where an unresolvable value should not make the rule itself fail.
 */
export function literalString(node: CfnResource, value: unknown): string | undefined {
  const resolved: unknown = resolve(node, value);
  return typeof resolved === 'string' ? resolved : undefined;
}
