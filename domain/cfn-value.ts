/**
 * The one flattener of CloudFormation values (a resolved property: literals and intrinsics)
 * into a string, as cdk-nag does: `Ref` → `<LogicalId>`, `Fn::GetAtt` → `<LogicalId.Attr>`,
 * `Fn::Join` concatenated, `${…}` of `Fn::Sub` → `<…>`.
 *
 * Two dialects, because the two users need different things of the same walk:
 * - `finding`: cdk-nag's `flattenCfnReference` (the same output on any well-formed template),
 *   which builds the resource part of a finding id (e.g. `AwsSolutions-IAM5[Resource::<LogGroupABC.Arn>:*]`); an acknowledgement
 *   must spell that id exactly, so every quirk is kept (a `Fn::Sub` with variables stays JSON,
 *   an import is its export name, every `}` becomes `>`).
 * - `match` (default): for the rules' pattern matching, where the template of a `Fn::Sub` with
 *   variables is what matters and an import must stay recognisable as `<ImportValue name>`.
 */
export type FlattenDialect = 'match' | 'finding';

/** `value` (already resolved to template JSON) as one string; see {@link FlattenDialect}. */
export function flattenCfnValue(value: unknown, dialect: FlattenDialect = 'match'): string {
  const finding = dialect === 'finding';
  const visit = (node: unknown): string => {
    if (node === undefined || node === null) return '';
    if (typeof node === 'string') {
      return finding
        ? node.replace(/\$\{/g, '<').replace(/\}/g, '>')
        : node.replace(/\$\{([^}]*)\}/g, '<$1>');
    }
    if (typeof node === 'number' || typeof node === 'boolean') return String(node);
    if (typeof node !== 'object' || Array.isArray(node)) return JSON.stringify(node);
    const o = node as Record<string, unknown>;
    const join = o['Fn::Join'];
    if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1])) {
      return (join[1] as unknown[]).map(visit).join(String(join[0]));
    }
    if ('Fn::Sub' in o) {
      const sub = o['Fn::Sub'];
      return visit(!finding && Array.isArray(sub) ? sub[0] : sub);
    }
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.map(String).join('.')}>`;
    if (typeof o.Ref === 'string') return `<${o.Ref}>`;
    if ('Fn::ImportValue' in o) {
      const name = visit(o['Fn::ImportValue']);
      return finding ? name : `<ImportValue ${name}>`;
    }
    return JSON.stringify(node);
  };
  return visit(value);
}
