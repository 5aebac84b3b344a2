// Jest runtime that keeps V8's code cache of every module for the life of the worker.
//
// Jest gives each test file a fresh module registry, so every file compiles aws-cdk-lib's
// modules again (some are megabytes of minified code): about 15 s of CPU in one run of the suite.
// The first compile of a file produces V8's code cache; every later compile of the exact same
// source in this worker is handed that cache and skips parsing. The source is compared here,
// not left to V8 (whose check is only the source's length), and V8 rejects a cache of another
// version or flags, in which case the module compiles as it would without this runtime.
const vm = require('vm');
const Runtime = require('jest-runtime').default;

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
}

module.exports = CachingRuntime;
