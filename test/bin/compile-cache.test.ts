import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { transformFileSync } from '@swc/core';
import * as os from 'os';
import * as path from 'path';

// bin/compile-cache.ts hands V8 the code cache of a module's previous run. V8's own check of
// that data compares only the source's length, so the dangerous case is a module edited to
// another source of the same length: it must run the new source, never the cached one.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
// The module as swc compiles it for the app, so that each child is a bare node (0.2 s to start,
// against 0.8 s with @swc-node/register).
const compiled = path.join(dir, 'compile-cache.js');
fs.writeFileSync(
  compiled,
  transformFileSync(path.resolve(__dirname, '../../bin/compile-cache.ts'), {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  }).code,
);
const cache = path.join(dir, 'cache');
const fixture = path.join(dir, 'fixture.js');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const shebang = path.join(dir, 'shebang.js');
fs.writeFileSync(shebang, "#!/usr/bin/env node\nexports.ok = 'shebang';\n");

function writeFixture(word: string): void {
  // On the first line, where the cache's wrapper would shift the columns if it were not undone.
  fs.writeFileSync(
    fixture,
    `exports.where = () => new Error('here').stack.split('\\n')[1].trim(); exports.value = () => '${word}';\n`,
  );
}

interface Run {
  stats?: { hits: number; misses: number; rejected: number; written: number };
  value: string;
  shebang: string;
  where: string;
  /** The fixture's entry in the cache directory. */
  entry: string;
}

/** Loads both fixtures in a fresh node, through the cache in `directory` (or with none). */
function load(directory: string | undefined, flags: string[] = []): Run {
  const script = [
    `const directory = ${JSON.stringify(directory ?? '')};`,
    `const { entryName, installCompileCache } = require(${JSON.stringify(compiled)});`,
    'const stats = directory && installCompileCache(directory);',
    `const m = require(${JSON.stringify(fixture)});`,
    `const { ok } = require(${JSON.stringify(shebang)});`,
    `const entry = entryName(${JSON.stringify(fixture)});`,
    "process.on('exit', () => console.log(JSON.stringify({ stats, value: m.value(), shebang: ok, where: m.where(), entry })));",
  ].join('\n');
  const result = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Run;
}

const entries = () => fs.readdirSync(cache);
/** The fixture's entry, as a run under the test's usual flags names it. */
let fixtureEntry = '';

test('modules run the same through the cache, and their second run takes the cached data', () => {
  writeFixture('one');
  const plain = load(undefined);
  const first = load(cache);
  expect(first.stats).toEqual({ hits: 0, misses: 2, rejected: 0, written: 2 });
  const second = load(cache);
  expect(second.stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  for (const run of [first, second]) {
    expect(run.value).toBe('one');
    expect(run.shebang).toBe('shebang');
    // Same file, line and column as Node without the cache: the wrapper's columns are undone.
    expect(run.where).toBe(plain.where);
  }
  expect(plain.where).toMatch(/fixture\.js:1:\d+/);
  expect(entries()).toHaveLength(2);
  fixtureEntry = path.join(cache, second.entry);
  expect(fs.existsSync(fixtureEntry)).toBe(true);
});

test('an edit of the same length runs the new source; the entry is replaced, not added', () => {
  writeFixture('two');
  const edited = load(cache);
  expect(edited.value).toBe('two');
  expect(edited.stats).toEqual({ hits: 1, misses: 1, rejected: 0, written: 1 });
  expect(load(cache).stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  expect(entries()).toHaveLength(2);
});

test('data V8 refuses is compiled from source and written again', () => {
  const bytes = fs.readFileSync(fixtureEntry);
  // Keep the source hash, break V8's data after it.
  bytes.fill(0xff, 32 + 8, 32 + 64);
  fs.writeFileSync(fixtureEntry, bytes);
  const run = load(cache);
  expect(run.value).toBe('two');
  expect(run.stats).toEqual({ hits: 1, misses: 0, rejected: 1, written: 1 });
  expect(load(cache).stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
});

test("runs under other V8 flags keep their own entries instead of overwriting each other's", () => {
  const flags = ['--max-semi-space-size=16'];
  expect(load(cache, flags).stats).toEqual({ hits: 0, misses: 2, rejected: 0, written: 2 });
  expect(entries()).toHaveLength(4);
  expect(load(cache).stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  expect(load(cache, flags).stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  // Profiling flags leave V8's code as it is: a profiled run takes the same entries.
  const profiled = ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, 'profiles')}`];
  expect(load(cache, profiled).stats).toEqual({ hits: 2, misses: 0, rejected: 0, written: 0 });
  expect(entries()).toHaveLength(4);
});

test('a cache directory that cannot be made leaves the modules compiling from source', () => {
  const blocked = path.join(dir, 'a-file');
  fs.writeFileSync(blocked, '');
  const run = load(path.join(blocked, 'cache'));
  expect(run.value).toBe('two');
  expect(run.stats).toEqual({ hits: 0, misses: 0, rejected: 0, written: 0 });
});
