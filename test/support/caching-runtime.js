// Jest runtime that loads the project's heavy dependencies once per worker, and keeps V8's code
// cache of every other module for the life of the worker.
//
// Jest gives each test file a fresh module registry, so every file loaded aws-cdk-lib, cdk-nag
// and the IAM data again, and ran them cold: V8 had to learn aws-cdk-lib's hot functions anew in
// each of the 89 files. Measured on the 2-core machine (2026-12-03), full jest run: 133 s wall and
// 260 s of CPU with a registry per file, 89 s and 174 s with the packages below shared.
//
// The SHARED packages are stateless libraries as far as a test can tell: a test builds its own App,
// and nothing in test/ mocks them (a `jest.mock` of one still gets its mock). Node loads them,
// so what they create belongs to the worker's realm, not to the test file's: code that meets
// their objects must not rely on `instanceof Error` or `instanceof Array` (lib/ uses
// `util.types.isNativeError` and `Array.isArray`). Two things a test can observe are handed to
// them: the test file's console (their warnings go where the file's own output goes), and one
// process.env for both realms (a test that sets CDK_VALIDATION or CDK_DEBUG is seen by
// aws-cdk-lib; tests restore what they set).
//
// For every other module (the project's own, transformed by swc), the first compile of a file
// produces V8's code cache; every later compile of the exact same source in this worker is
// handed that cache and skips parsing. The source is compared here, not left to V8 (whose check
// is only the source's length), and V8 rejects a cache of another version or flags, in which
// case the module compiles as it would without this runtime.
const Module = require('module');
const path = require('path');
const vm = require('vm');
const Runtime = require('jest-runtime').default;

/** The packages loaded once per worker (see above), as patterns of their names. */
const SHARED = [
  'aws-cdk-lib',
  'constructs',
  'cdk-nag',
  '@cloud-copilot/[^/]+',
  '@cdklabs/cdk-validator-cfnguard',
  'yaml',
  'zod',
].join('|');

/** A bare specifier of a shared package or of one of its modules. */
const SHARED_PACKAGES = new RegExp(`^(${SHARED})(/|$)`);

/** `${directory}\0${specifier}` -> resolved path of a shared package's module. */
const sharedPaths = new Map();

/**
 * A file inside a shared package named by its path (test/simulation/support/memoize-iam.ts
 * patches iam-simulate's modules so): the same instance the package's own requires get, or the
 * patch would land on a copy the package never calls.
 */
const SHARED_FILE = new RegExp(`/node_modules/(${SHARED})/`);

function sharedModulePath(from, moduleName) {
  if (path.isAbsolute(moduleName)) {
    return SHARED_FILE.test(moduleName.split(path.sep).join('/')) ? moduleName : undefined;
  }
  if (!SHARED_PACKAGES.test(moduleName)) return undefined;
  const key = `${path.dirname(from)}\0${moduleName}`;
  let resolved = sharedPaths.get(key);
  if (resolved === undefined) {
    resolved = Module.createRequire(from).resolve(moduleName);
    sharedPaths.set(key, resolved);
  }
  return resolved;
}

/** The worker's own console, put back after each test file. */
const workerConsole = globalThis.console;

/** filename -> { source, data }: one code cache per module source, shared by the worker's files. */
const codeCaches = new Map();

function cachingCompileFunction(original, filename) {
  return (code, params, options) => {
    const cached = codeCaches.get(filename);
    const hit = cached !== undefined && cached.source === code;
    const fn = original(code, params, {
      ...options,
      cachedData: hit ? cached.data : undefined,
      produceCachedData: !hit,
    });
    if (!hit && fn.cachedData) codeCaches.set(filename, { source: code, data: fn.cachedData });
    return fn;
  };
}

class CachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const testGlobal = this._environment.global;
    testGlobal.process.env = process.env;
    globalThis.console = testGlobal.console;
    const executor = this.executor;
    if (typeof executor?.compile !== 'function') {
      throw new Error(
        `test/support/caching-runtime.js: jest-runtime ${require('jest-runtime/package.json').version} ` +
          'has no executor.compile to wrap; adapt this file or remove `runtime` from jest.config.js.',
      );
    }
    const compile = executor.compile.bind(executor);
    // jest-runtime calls vm.compileFunction inside compile(); it is swapped only for that
    // synchronous call, so nothing else in the worker sees the caching version.
    executor.compile = (scriptSource, filename) => {
      const original = vm.compileFunction;
      vm.compileFunction = cachingCompileFunction(original, filename);
      try {
        return compile(scriptSource, filename);
      } finally {
        vm.compileFunction = original;
      }
    };
  }

  requireModuleOrMock(from, moduleName) {
    const shared = sharedModulePath(from, moduleName);
    if (shared !== undefined && !this.mockState.shouldMockCjs(from, moduleName).shouldMock) {
      return require(shared);
    }
    return super.requireModuleOrMock(from, moduleName);
  }

  teardown() {
    globalThis.console = workerConsole;
    return super.teardown();
  }
}

module.exports = CachingRuntime;
