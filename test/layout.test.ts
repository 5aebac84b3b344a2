import { readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

// The layers of ARCHITECTURE.md ("Layers and what each may touch"): imports flow one way,
// bin/ → lib/ → constructs/ → domain/, and a concern folder's private/ is its own.

const ROOT = resolve(__dirname, '..');
const LAYERS = ['domain', 'constructs', 'lib', 'bin'] as const;

/** Every .ts file under `dir`, relative to the repository root with `/` separators. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** One relative import of a source file, resolved to a repository path (without extension). */
interface Edge {
  readonly from: string;
  readonly to: string;
}

// `import … from '…'`, `export … from '…'`, `import '…'`, `require('…')` and `import('…')`.
const SPECIFIER =
  /(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;

function edges(file: string): Edge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map(([, specifier]) => ({
    from: file,
    to: relative(ROOT, resolve(ROOT, dirname(file), specifier))
      .split(sep)
      .join('/'),
  }));
}

const FILES = LAYERS.flatMap((layer) => sources(layer));
const EDGES = FILES.flatMap(edges);

const layerOf = (path: string): string => path.split('/')[0];
const show = (found: readonly Edge[]): string[] => found.map((e) => `${e.from} → ${e.to}`);

describe('layout: imports flow downward (bin → lib → constructs → domain)', () => {
  test('reads the source tree and its relative imports', () => {
    // Guards the checks below against passing on an empty or misparsed tree.
    for (const layer of LAYERS) {
      expect(FILES.filter((f) => layerOf(f) === layer).length).toBeGreaterThan(0);
    }
    expect(EDGES).toContainEqual({ from: 'lib/index.ts', to: 'domain/requirements' });
    expect(EDGES.length).toBeGreaterThan(FILES.length);
  });

  test('domain/ imports nothing of the project but domain/', () => {
    expect(
      show(EDGES.filter((e) => layerOf(e.from) === 'domain' && layerOf(e.to) !== 'domain')),
    ).toEqual([]);
  });

  test('no file under constructs/ imports from lib/ or bin/', () => {
    expect(
      show(
        EDGES.filter(
          (e) => layerOf(e.from) === 'constructs' && ['lib', 'bin'].includes(layerOf(e.to)),
        ),
      ),
    ).toEqual([]);
  });

  test('lib/ never imports bin/', () => {
    expect(show(EDGES.filter((e) => layerOf(e.from) === 'lib' && layerOf(e.to) === 'bin'))).toEqual(
      [],
    );
  });

  test("no concern folder imports another concern folder's private/", () => {
    // constructs/X/private/… may be imported only from constructs/X/….
    const foreign = EDGES.filter((e) => {
      const target = /^constructs\/([^/]+)\/private(\/|$)/.exec(e.to);
      return target !== null && !e.from.startsWith(`constructs/${target[1]}/`);
    });
    expect(show(foreign)).toEqual([]);
  });
});
