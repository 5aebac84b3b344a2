// Compiles every ```ts snippet of the READMEs (README.md, README.ja.md, constructs/*/README*.md,
// lib/*/README*.md, docs/*.md) against an installed package, so that a vendor can paste any of
// them (STYLE "Every code snippet in a README compiles"). A snippet is compiled as it is written,
// as its own module, with two documented helps only:
// - a snippet without imports continues its README's examples: it gets the imports of the
//   README's snippets above it;
// - a snippet may use the names of DECLARED_CONTEXT (`app`, `stack`, …) without creating them,
//   as documentation does; they are declared with their real types, nothing else is.
// Blocks of the README's vendor section (`// bin/…`, `// lib/…`, `// test/…`) are project files,
// compiled with the consumer project itself.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** Names a snippet may use without creating them, with the declaration it gets. */
export const DECLARED_CONTEXT: Readonly<Record<string, string>> = {
  app: "declare const app: import('aws-cdk-lib').App;",
  stack: "declare const stack: import('aws-cdk-lib').Stack;",
  scope: "declare const scope: import('constructs').Construct;",
  construct: "declare const construct: import('constructs').IConstruct;",
};

export interface Snippet {
  /** `README path:line` of the opening fence. */
  readonly source: string;
  readonly code: string;
}

/** The Markdown files whose snippets a vendor may paste. */
export function documentationFiles(root: string): string[] {
  const inDir = (dir: string, match: RegExp) =>
    fs.existsSync(path.join(root, dir))
      ? fs
          .readdirSync(path.join(root, dir))
          .filter((f) => match.test(f))
          .map((f) => path.join(dir, f))
      : [];
  const nested = (dir: string) =>
    fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => inDir(path.join(dir, e.name), /^README(\.ja)?\.md$/));
  return [
    ...inDir('.', /^README(\.ja)?\.md$/),
    ...nested('constructs'),
    ...nested('lib'),
    ...inDir('docs', /\.md$/),
  ].map((f) => path.normalize(f));
}

/** Every ```ts snippet of a Markdown text, with the imports of the snippets above it. */
export function snippetsOf(file: string, markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const imports: string[] = [];
  const fence = /^( *)```ts\n([\s\S]*?)^\1```/gm;
  for (const m of markdown.matchAll(fence)) {
    const indent = m[1].length;
    const code = m[2]
      .split('\n')
      .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
      .join('\n');
    if (/^\/\/ (bin|lib|test)\/[\w./-]+\.ts\n/.test(code)) continue;
    const line = markdown.slice(0, m.index).split('\n').length;
    const own = code.split('\n').filter((l) => /^import .* from '[^']+';$/.test(l));
    snippets.push({
      source: `${file}:${line}`,
      code: own.length > 0 ? code : [...new Set(imports)].join('\n') + '\n' + code,
    });
    imports.push(...own);
  }
  return snippets;
}

/**
 * Writes the snippets as modules under `dir` and compiles them with `options`; returns one line
 * per diagnostic, naming the README and line of the snippet.
 */
export function compileSnippets(
  dir: string,
  snippets: readonly Snippet[],
  options: ts.CompilerOptions,
): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files = snippets.map((s, i) => {
    const file = path.join(dir, `snippet-${String(i).padStart(3, '0')}.ts`);
    const used = Object.keys(DECLARED_CONTEXT).filter(
      (name) => new RegExp(`\\b${name}\\b`).test(s.code) && !declares(s.code, name),
    );
    const preamble = [...used.map((n) => DECLARED_CONTEXT[n]), 'export {};'].join('\n');
    fs.writeFileSync(file, `${s.code}\n${preamble}\n`);
    return file;
  });
  const program = ts.createProgram(files, { ...options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const i = d.file ? files.indexOf(path.resolve(d.file.fileName)) : -1;
    const where =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    return i >= 0
      ? `${snippets[i].source} (snippet line ${(where?.line ?? 0) + 1}): ${text}`
      : `${d.file?.fileName ?? '(global)'}: ${text}`;
  });
}

function declares(code: string, name: string): boolean {
  return new RegExp(`\\b(const|let|var|function|class)\\s+${name}\\b`).test(code);
}
