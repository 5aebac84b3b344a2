import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { probeImport } from './import-probe';

// The package's entry points (the sources of dist/lib/index.js and dist/lib/testing/index.js)
// must have no side effects: a vendor's app imports them next to its own App, and a test suite
// imports the testing helpers without wanting the config file or a cloud assembly. The
// consumer test (`npm run test:consumer`) runs the same probe against the packed tarball.

const root = path.resolve(__dirname, '../..');

describe('importing the package has no side effects', () => {
  const result = probeImport(root, ['./lib/index.ts', './lib/testing/index.ts'], {
    nodeArgs: ['-r', '@swc-node/register'],
    // @swc-node/register keeps its source maps under <tmp>/swc-node-<n>/.
    loaderFiles: /[\\/]swc-node-\d+([\\/]|$)/,
  });

  test('no file is read, written or listed except the modules being loaded', () => {
    expect(result.moduleReads).toBeGreaterThan(100); // the probe does see the loader's reads
    expect(result.unexpected).toEqual([]);
  });

  test('no App is created (no automatic synthesis registered, nothing written to CDK_OUTDIR)', () => {
    expect(result.beforeExitListenersAdded).toBe(0);
    expect(result.outdirFiles).toEqual([]);
  });

  test('the main entry exports the public API, the testing entry the test helpers', () => {
    expect(result.exportsOf['./lib/index.ts']).toEqual(
      expect.arrayContaining([
        'AuditLogArchive',
        'ProtectedAuditTrail',
        'GovCloudBaselineStack',
        'GovCloudChecks',
        'buildGovCloudApp',
        'loadConfig',
        'parseConfig',
      ]),
    );
    expect(result.exportsOf['./lib/testing/index.ts']).toEqual([
      'assetHashSerializer',
      'collectFindings',
      'defaultPacks',
      'expectNoUnacknowledgedFindings',
      'formatFindings',
    ]);
    // Test helpers stay out of the main entry, so production code never loads them.
    expect(result.exportsOf['./lib/index.ts']).not.toContain('expectNoUnacknowledgedFindings');
  });
});

test('the probe catches a module that reads a file and creates an App at import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-bad-module-'));
  const bad = path.join(dir, 'bad.js');
  fs.writeFileSync(
    bad,
    [
      `require('fs').readFileSync(${JSON.stringify(path.join(root, 'config/default.json'))});`,
      `const { App } = require(${JSON.stringify(require.resolve('aws-cdk-lib'))});`,
      'new App();',
    ].join('\n'),
  );
  try {
    const result = probeImport(root, [bad]);
    expect(result.unexpected).toEqual(
      expect.arrayContaining([
        { op: 'readFileSync', file: path.join(root, 'config/default.json') },
        { op: 'existsSync', file: expect.stringMatching(/cdk\.out$/) }, // the App's outdir
      ]),
    );
    expect(result.beforeExitListenersAdded).toBe(1);
    expect(result.outdirFiles).toContain('manifest.json');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
