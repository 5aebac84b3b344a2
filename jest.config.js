// aws-cdk-lib's built-in CloudFormation schema validation costs seconds per synth; unit tests
// assert templates directly, and `npm run synth` plus test/bin/app-cli*.test.ts keep it on.
process.env.CDK_VALIDATION = 'false';
// Building apps allocates a great deal of short-lived garbage; V8's default young generation
// (16 MB semi-spaces) makes the workers spend 10-15 % of their CPU in scavenges (measured on
// 2 cores, test/constructs + test/nag + test/report: 42 s of CPU, 36 s with 32 MB). Workers and
// the apps tests spawn inherit it through NODE_OPTIONS.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--max-semi-space-size=32']
  .filter(Boolean)
  .join(' ');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // CI and development machines have 2 cores; jest's default (cores - 1) would use one.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true } } },
    ],
  },
  runtime: '<rootDir>/test/support/caching-runtime.js',
  testSequencer: '<rootDir>/test/support/sequencer.js',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
};
