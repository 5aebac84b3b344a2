/**
 * V8's code cache for the CommonJS modules the app loads, kept on disk between runs of
 * `cdk synth` (issue 16). Node 20 compiles every module from source on every run: for the
 * default app that is 2.3 s of the main thread's 8 s (a CPU profile's `wrapSafe`), most of it
 * aws-cdk-lib's minified files. With the cache the same modules take 0.5 s to deserialize, and
 * the functions compiled while the app ran last time come precompiled too.
 *
 * An entry is one file per module path and V8 version tag (V8's version and flags), named by
 * their hash, holding the SHA-256 of the module's source followed by V8's data. A module is
 * handed its entry only when the source is byte for byte the one the entry was made from; V8
 * itself then refuses data of another V8 version or other flags. Anything refused or missing is
 * compiled from source as Node would, and its entry is written when the process exits, so the
 * cache holds one entry per module path and flag set, and never grows past the modules the app
 * loads. The cache cannot change what a module does: at worst a module compiles from source, as
 * without it.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';

/** What the cache did in this process (for tests and diagnosis). */
export interface CompileCacheStats {
  /** Modules compiled with their cached data. */
  hits: number;
  /** Modules without an entry for their exact source. */
  misses: number;
  /** Modules whose entry V8 refused (another V8 version or flags). */
  rejected: number;
  /** Entries written when the process exited. */
  written: number;
}

/** The cache of the project's app: beside the other tools' caches in node_modules/.cache. */
export const DEFAULT_COMPILE_CACHE_DIR = path.resolve(
  __dirname,
  '..',
  'node_modules',
  '.cache',
  'govcloud-jp-cdk',
  'v8',
);

/** CommonJS modules' private compile step, which Node's typings leave out. */
interface CompilingModule {
  exports: unknown;
  _compile(content: string, filename: string, format?: string): unknown;
}

const HASH_BYTES = 32;

// Node's CommonJS wrapper, on the source's first line; the script's columns are shifted back by
// its length so that stack traces point where they point without the cache.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';

/**
 * Routes every CommonJS module compiled after this call through the code cache in `directory`.
 * Call it before anything heavy is required; later calls return the first call's stats.
 */
export function installCompileCache(directory = DEFAULT_COMPILE_CACHE_DIR): CompileCacheStats {
  if (installed) return installed;
  const stats: CompileCacheStats = { hits: 0, misses: 0, rejected: 0, written: 0 };
  installed = stats;
  try {
    fs.mkdirSync(directory, { recursive: true });
  } catch {
    // A read-only checkout synthesizes as before, compiling from source.
    return stats;
  }
  const prototype = Module.prototype as unknown as CompilingModule;
  const original = prototype._compile;
  const toWrite: { file: string; sourceHash: Buffer; script: vm.Script }[] = [];

  prototype._compile = function (this: CompilingModule, content, filename, format) {
    if (format === 'module') return original.call(this, content, filename, format);
    // Node strips a shebang before compiling; `//` keeps every column where it was.
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
    const sourceHash = crypto.createHash('sha256').update(source).digest();
    const file = path.join(directory, entryName(filename));
    const cachedData = readEntry(file, sourceHash);
    const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, {
      filename,
      columnOffset: -WRAPPER_HEAD.length,
      cachedData,
    });
    if (cachedData === undefined) stats.misses++;
    else if (script.cachedDataRejected) stats.rejected++;
    else stats.hits++;
    if (cachedData === undefined || script.cachedDataRejected) {
      toWrite.push({ file, sourceHash, script });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      ...args: unknown[]
    ) => unknown;
    return wrapper.call(
      this.exports,
      this.exports,
      Module.createRequire(filename),
      this,
      filename,
      path.dirname(filename),
    );
  };

  // Written at exit, after the app ran: the data then holds every function compiled meanwhile.
  process.on('exit', () => {
    for (const { file, sourceHash, script } of toWrite) {
      const temporary = `${file}.${process.pid}`;
      try {
        fs.writeFileSync(temporary, Buffer.concat([sourceHash, script.createCachedData()]));
        // Two processes may write one entry at once: each renames a whole file into place.
        fs.renameSync(temporary, file);
        stats.written++;
      } catch {
        fs.rmSync(temporary, { force: true });
      }
    }
  });
  return stats;
}

let installed: CompileCacheStats | undefined;

/**
 * V8 refuses data made by another V8 or under other flags (`--max-semi-space-size` and
 * `--max-old-space-size` among them, profiling flags not): its version tag says which, so each
 * tag has its own entries, and runs alternating between two flag sets (the bench's heap-capped
 * run) do not overwrite each other's.
 */
const VERSION_TAG = v8.cachedDataVersionTag();

/** The entry of a module path under this process's V8 version and flags. */
export function entryName(filename: string): string {
  return crypto
    .createHash('sha256')
    .update(`${filename}\0${VERSION_TAG}`)
    .digest('hex')
    .slice(0, 40);
}

function readEntry(file: string, sourceHash: Buffer): Buffer | undefined {
  let entry: Buffer;
  try {
    entry = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (entry.length <= HASH_BYTES || !entry.subarray(0, HASH_BYTES).equals(sourceHash)) {
    return undefined;
  }
  return entry.subarray(HASH_BYTES);
}
