import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Proof that importing the package has no side effects, shared by the jest test (sources, via
// @swc-node/register) and the consumer test (the installed tarball, plain node). A child
// process wraps the fs functions before requiring the entry points and records every file
// touched; a touch is allowed only for a file the module loader itself loaded (it is then in
// require.cache). CDK_OUTDIR is set as the CDK CLI does, so an App created at import would
// register its automatic synthesis (a `beforeExit` listener) and write a cloud assembly.

/** JavaScript run in the child: argv[2..] are the module specifiers to require. */
const PROBE_SOURCE = String.raw`
const fs = require('fs');
const touched = [];
const watched = [
  'readFileSync', 'readFile', 'openSync', 'open', 'existsSync', 'statSync', 'lstatSync',
  'readdirSync', 'readdir', 'createReadStream', 'accessSync', 'writeFileSync', 'writeFile',
  'mkdirSync', 'mkdtempSync', 'appendFileSync', 'copyFileSync', 'rmSync',
];
for (const name of watched) {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    if (typeof file === 'string' || file instanceof URL || Buffer.isBuffer(file)) {
      touched.push({ op: name, file: String(file) });
    }
    return original.call(this, file, ...rest);
  };
}
const listenersBefore = process.listenerCount('beforeExit');
const exportsOf = {};
for (const specifier of process.argv.slice(2)) {
  exportsOf[specifier] = Object.keys(require(require.resolve(specifier, { paths: [process.cwd()] }))).sort();
}
const loaded = new Set(Object.keys(require.cache));
const loader = process.env.PROBE_LOADER_FILES ? new RegExp(process.env.PROBE_LOADER_FILES) : undefined;
const unexpected = touched.filter(
  (t) => !(t.op === 'readFileSync' && loaded.has(t.file)) && !(loader && loader.test(t.file)),
);
process.stdout.write(JSON.stringify({
  exportsOf,
  unexpected,
  moduleReads: touched.length - unexpected.length,
  beforeExitListenersAdded: process.listenerCount('beforeExit') - listenersBefore,
}));
`;

/** What importing the entry points did. */
export interface ImportProbeResult {
  /** Export names of each entry point. */
  readonly exportsOf: Record<string, string[]>;
  /** File-system calls other than the module loader reading a module. */
  readonly unexpected: { op: string; file: string }[];
  /** How many module files the loader read (a sanity check that the probe saw anything). */
  readonly moduleReads: number;
  /** `beforeExit` listeners added at import: an App registers one to synthesize itself. */
  readonly beforeExitListenersAdded: number;
  /** Files found in CDK_OUTDIR after the child exited: an App would have written a manifest. */
  readonly outdirFiles: string[];
}

/** How to start the child. */
export interface ProbeOptions {
  /** Node arguments, e.g. `['-r', '@swc-node/register']` for TypeScript sources. @default [] */
  readonly nodeArgs?: readonly string[];
  /**
   * Files the TypeScript loader itself touches (its cache), as a regular expression.
   * @default - none: every touch outside the module loader counts
   */
  readonly loaderFiles?: RegExp;
}

/**
 * Requires `specifiers` (resolved from `cwd`) in a fresh node process started in `cwd` and
 * reports what the import did.
 */
export function probeImport(
  cwd: string,
  specifiers: readonly string[],
  options: ProbeOptions = {},
): ImportProbeResult {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-probe-'));
  const probe = path.join(work, 'probe.js');
  const outdir = path.join(work, 'cdk.out');
  fs.mkdirSync(outdir);
  fs.writeFileSync(probe, PROBE_SOURCE);
  try {
    const result = spawnSync(
      process.execPath,
      [...(options.nodeArgs ?? []), probe, ...specifiers],
      {
        cwd,
        env: {
          ...process.env,
          CDK_OUTDIR: outdir,
          CDK_CONTEXT_JSON: '{}',
          PROBE_LOADER_FILES: options.loaderFiles?.source ?? '',
        },
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) {
      throw new Error(`importing ${specifiers.join(', ')} failed:\n${result.stderr}`);
    }
    const parsed = JSON.parse(result.stdout) as Omit<ImportProbeResult, 'outdirFiles'>;
    return { ...parsed, outdirFiles: fs.readdirSync(outdir) };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
