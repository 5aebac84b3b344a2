/**
 * Small local evaluators, so tests can check that real events match (or do not match) the
 * synthesized patterns without calling AWS.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * EventBridge pattern matching for the subset the library uses: exact values, `numeric`,
 * `prefix`, `anything-but` and `exists`. An array in the event matches when any element does.
 */
export function matchesEventPattern(pattern: Record<string, unknown>, input: unknown): boolean {
  const event = input as Json;
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    return false;
  }
  return Object.entries(pattern).every(([key, sub]) => {
    const value = (event as Record<string, Json>)[key];
    if (Array.isArray(sub)) {
      return sub.some((matcher) => matchesValue(matcher, value));
    }
    if (sub !== null && typeof sub === 'object') {
      if (Array.isArray(value)) {
        return value.some((item) => matchesEventPattern(sub as Record<string, unknown>, item));
      }
      return value !== undefined && matchesEventPattern(sub as Record<string, unknown>, value);
    }
    throw new Error(`pattern value for ${key} must be an array or an object`);
  });
}

function matchesValue(matcher: unknown, value: Json | undefined): boolean {
  if (Array.isArray(value)) {
    return value.some((v) => matchesValue(matcher, v));
  }
  if (matcher !== null && typeof matcher === 'object') {
    const m = matcher as Record<string, unknown>;
    if ('exists' in m) {
      return (value !== undefined) === m.exists;
    }
    if (value === undefined) {
      return false;
    }
    if ('numeric' in m) {
      const ops = m.numeric as Array<string | number>;
      if (typeof value !== 'number') {
        return false;
      }
      for (let i = 0; i < ops.length; i += 2) {
        const [op, bound] = [ops[i] as string, ops[i + 1] as number];
        const ok =
          op === '>='
            ? value >= bound
            : op === '>'
              ? value > bound
              : op === '<='
                ? value <= bound
                : op === '<'
                  ? value < bound
                  : op === '='
                    ? value === bound
                    : (() => {
                        throw new Error(`unknown numeric operator ${op}`);
                      })();
        if (!ok) {
          return false;
        }
      }
      return true;
    }
    if ('prefix' in m) {
      return typeof value === 'string' && value.startsWith(m.prefix as string);
    }
    if ('anything-but' in m) {
      const excluded = ([] as unknown[]).concat(m['anything-but']);
      return !excluded.includes(value);
    }
    throw new Error(`unsupported matcher ${JSON.stringify(matcher)}`);
  }
  return value === matcher;
}

/**
 * CloudWatch Logs JSON filter patterns, for the subset the library uses:
 * `{ … }`, parentheses, `&&`, `||`, `$.a.b = "v"` / `!=` with `*` wildcards, `NOT EXISTS`.
 * A comparison on a field the event lacks does not match.
 */
export function matchesFilterPattern(pattern: string, input: unknown): boolean {
  const event = input as Json;
  const tokens = tokenize(pattern);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const expect = (t: string) => {
    if (next() !== t) {
      throw new Error(`expected ${t} at token ${pos - 1} of ${pattern}`);
    }
  };
  const parseOr = (): boolean => {
    let result = parseAnd();
    while (peek() === '||') {
      next();
      const rhs = parseAnd();
      result = result || rhs;
    }
    return result;
  };
  const parseAnd = (): boolean => {
    let result = parsePrimary();
    while (peek() === '&&') {
      next();
      const rhs = parsePrimary();
      result = result && rhs;
    }
    return result;
  };
  const parsePrimary = (): boolean => {
    if (peek() === '(') {
      next();
      const inner = parseOr();
      expect(')');
      return inner;
    }
    const selector = next();
    if (!selector?.startsWith('$.')) {
      throw new Error(`expected a selector, got ${selector} in ${pattern}`);
    }
    const value = lookup(event, selector.slice(2).split('.'));
    const op = next();
    if (op === 'NOT') {
      expect('EXISTS');
      return value === undefined;
    }
    const literal = next();
    if (value === undefined || literal === undefined) {
      return false;
    }
    const equal = wildcardEquals(String(value), unquote(literal));
    if (op === '=') {
      return equal;
    }
    if (op === '!=') {
      return !equal;
    }
    throw new Error(`unsupported operator ${op} in ${pattern}`);
  };
  expect('{');
  const result = parseOr();
  expect('}');
  if (pos !== tokens.length) {
    throw new Error(`trailing tokens in ${pattern}`);
  }
  return result;
}

function tokenize(pattern: string): string[] {
  const tokens: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|&&|\|\||!=|=|[{}()]|[^\s{}()=!&|"]+)/gy;
  let match: RegExpExecArray | null;
  while ((match = re.exec(pattern)) !== null) {
    tokens.push(match[1]);
    if (re.lastIndex === pattern.trimEnd().length) {
      break;
    }
  }
  return tokens;
}

function unquote(literal: string): string {
  return literal.startsWith('"') ? literal.slice(1, -1) : literal;
}

function wildcardEquals(value: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

function lookup(event: Json, path: string[]): Json | undefined {
  let current: Json | undefined = event;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      return undefined;
    }
    current = (current as Record<string, Json>)[key];
  }
  return current;
}
