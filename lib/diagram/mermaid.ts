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

/** One box of the diagram: a top-level construct of the stack and what it contains. */
interface Component {
  readonly id: string;
  readonly name: string;
  readonly types: Map<string, number>;
}

/**
 * Draws a stack as a Mermaid flowchart, generated from its synthesized template (never drawn
 * by hand, so it cannot drift from the code). One box per top-level construct, listing its
 * resource types; an arrow A --> B when a resource of A references (Ref / Fn::GetAtt) a
 * resource of B.
 */
export function templateToMermaid(title: string, template: TemplateLike): string {
  const resources = template.Resources ?? {};
  const componentOf = new Map<string, Component>();
  const components = new Map<string, Component>();

  for (const [logicalId, resource] of Object.entries(resources)) {
    const name = topLevelConstruct(resource.Metadata?.['aws:cdk:path'], logicalId);
    let component = components.get(name);
    if (!component) {
      component = { id: `c${components.size}`, name, types: new Map() };
      components.set(name, component);
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
        edges.add(`  ${from.id} --> ${to.id}`);
      }
    }
  }

  const lines = [`flowchart LR`, `  %% ${title}`];
  for (const c of [...components.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const types = [...c.types.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => (n > 1 ? `${t} ×${n}` : t));
    lines.push(`  ${c.id}["<b>${escape(c.name)}</b><br/>${types.map(escape).join('<br/>')}"]`);
  }
  lines.push(...[...edges].sort());
  return lines.join('\n');
}

function topLevelConstruct(path: unknown, logicalId: string): string {
  if (typeof path !== 'string') {
    return logicalId;
  }
  const parts = path.split('/');
  return parts.length > 2 ? parts[1] : parts[parts.length - 1];
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
    return Object.values(obj).flatMap(references);
  }
  return [];
}

function escape(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
