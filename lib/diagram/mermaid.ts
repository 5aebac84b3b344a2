/** The parts of a synthesized CloudFormation template the diagram reads. */
export interface TemplateLike {
  readonly Resources?: Record<
    string,
    {
      readonly Type: string;
      readonly Properties?: unknown;
      readonly Metadata?: Record<string, unknown>;
    }
  >;
}

/** Options of {@link templateToMermaid}. */
export interface MermaidOptions {
  /**
   * Construct path of each resource, by logical ID (e.g. from the construct tree). Without it
   * the diagram reads the `aws:cdk:path` metadata, which `cdk synth` writes but a test App
   * does not; a resource with neither becomes a box of its own.
   * @default - the templates' `aws:cdk:path` metadata
   */
  readonly constructPaths?: Readonly<Record<string, string>>;
  /**
   * A box holding more resources than this is split into its child constructs, when it has
   * between 2 and {@link MermaidOptions.maxSplit} of them (so a VPC with its many subnets
   * stays one box, while a tenant made of network, application and data is shown as three).
   * @default 15
   */
  readonly splitOver?: number;
  /** At most this many children for a box to be split. @default 6 */
  readonly maxSplit?: number;
  /** Resource types listed per box; the rest are counted on a last line. @default 8 */
  readonly maxTypesPerBox?: number;
}

/** A node of the construct tree below the stack, with the resources under it. */
interface TreeNode {
  readonly path: readonly string[];
  readonly children: Map<string, TreeNode>;
  resources: number;
}

/** One box of the diagram: a construct of the stack and what it contains. */
interface Component {
  readonly id: string;
  readonly name: string;
  readonly types: Map<string, number>;
}

/**
 * Draws a stack as a Mermaid flowchart, generated from its synthesized template (never drawn
 * by hand, so it cannot drift from the code). One box per construct of the stack, listing its
 * resource types with counts; an arrow A --> B when a resource of A references a resource of
 * B (Ref, Fn::GetAtt or Fn::Sub). A single construct holding everything (e.g. one tenant per
 * stack) becomes a frame around its children, and a large box is split into its parts.
 */
export function templateToMermaid(
  title: string,
  template: TemplateLike,
  options: MermaidOptions = {},
): string {
  const resources = template.Resources ?? {};
  const splitOver = options.splitOver ?? 15;
  const maxSplit = options.maxSplit ?? 6;
  const maxTypes = options.maxTypesPerBox ?? 8;

  const pathOf = new Map<string, readonly string[]>();
  const root: TreeNode = { path: [], children: new Map(), resources: 0 };
  for (const [logicalId, resource] of Object.entries(resources)) {
    const path = constructPath(
      options.constructPaths?.[logicalId] ?? resource.Metadata?.['aws:cdk:path'],
      logicalId,
    );
    pathOf.set(logicalId, path);
    let node = root;
    node.resources++;
    for (const segment of path) {
      let child = node.children.get(segment);
      if (!child) {
        child = { path: [...node.path, segment], children: new Map(), resources: 0 };
        node.children.set(segment, child);
      }
      child.resources++;
      node = child;
    }
  }

  // A frame for the construct every resource shares (e.g. the one municipality of the stack).
  let frame = root;
  while (frame.children.size === 1) {
    const only = [...frame.children.values()][0];
    if (only.children.size === 0) break;
    frame = only;
  }

  let groups = [...frame.children.values()];
  for (let split = true; split;) {
    split = false;
    groups = groups.flatMap((g) => {
      if (g.resources > splitOver && g.children.size >= 2 && g.children.size <= maxSplit) {
        split = true;
        return [...g.children.values()];
      }
      return [g];
    });
  }
  const groupByKey = new Map(groups.map((g) => [g.path.join('/'), g]));

  const components = new Map<TreeNode, Component>();
  const componentOf = new Map<string, Component>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    const path = pathOf.get(logicalId)!;
    let group: TreeNode | undefined;
    for (let n = path.length; n > 0 && !group; n--) {
      group = groupByKey.get(path.slice(0, n).join('/'));
    }
    const node = group ?? frame;
    let component = components.get(node);
    if (!component) {
      const name = node.path.slice(frame.path.length).join('/') || node.path.join('/') || title;
      component = { id: `c${components.size}`, name, types: new Map() };
      components.set(node, component);
    }
    const type = resource.Type.replace(/^AWS::/, '');
    component.types.set(type, (component.types.get(type) ?? 0) + 1);
    componentOf.set(logicalId, component);
  }

  const edges = new Set<string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    const from = componentOf.get(logicalId)!;
    for (const target of references(resource.Properties)) {
      const to = componentOf.get(target);
      if (to && to !== from) {
        edges.add(`${from.id} --> ${to.id}`);
      }
    }
  }

  const indent = frame === root ? '  ' : '    ';
  const lines = ['flowchart LR', `  %% ${title}`];
  if (frame !== root) {
    lines.push(`  subgraph frame["${escape(frame.path.join('/'))}"]`);
  }
  for (const c of [...components.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const types = [...c.types.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => (n > 1 ? `${t} ×${n}` : t));
    const shown =
      types.length > maxTypes
        ? [...types.slice(0, maxTypes - 1), `+ ${types.length - maxTypes + 1} more types`]
        : types;
    lines.push(
      `${indent}${c.id}["<b>${escape(c.name)}</b><br/>${shown.map(escape).join('<br/>')}"]`,
    );
  }
  if (frame !== root) {
    lines.push('  end');
  }
  lines.push(...[...edges].sort().map((e) => `  ${e}`));
  return lines.join('\n');
}

/** Construct path below the stack; the last segment is the resource itself. */
function constructPath(path: unknown, logicalId: string): readonly string[] {
  if (typeof path !== 'string') {
    return [logicalId];
  }
  const parts = path.split('/').slice(1);
  // An L2's resource is its `Resource` (or `Default`) child: the L2 is what the reader knows.
  const last = parts[parts.length - 1];
  if (parts.length > 1 && (last === 'Resource' || last === 'Default')) {
    parts.pop();
  }
  return parts.length > 0 ? parts : [logicalId];
}

function references(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(references);
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.Ref === 'string') {
      return [obj.Ref];
    }
    const getAtt = obj['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return [getAtt[0]];
    }
    const sub = obj['Fn::Sub'];
    if (typeof sub === 'string' || Array.isArray(sub)) {
      const text = typeof sub === 'string' ? sub : sub[0];
      const named =
        typeof text === 'string' ? [...text.matchAll(/\$\{([\w]+)(?:\.[\w.]+)?\}/g)] : [];
      return [...named.map((m) => m[1]), ...(Array.isArray(sub) ? references(sub[1]) : [])];
    }
    return Object.values(obj).flatMap(references);
  }
  return [];
}

function escape(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
