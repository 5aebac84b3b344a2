// `npm run test:consumer`: proves the package works for a vendor who installs it from npm.
// Packs the package (prepack builds dist/), installs the tarball into a fresh project outside
// the repository next to the peer dependencies, writes the README's vendor example (the single
// source: the code blocks between <!-- vendor:begin --> and <!-- vendor:end -->), compiles it
// with TypeScript strict, synthesizes it, checks the findings and runs its jest test twice.
// A broken export, a missing file, a wrong `peerDependencies` or a stale README example fails.
// Prints each step with its time; exits 1 on the first failure (the work directory is kept).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { probeImport } from './import-probe';
import { compileSnippets, documentationFiles, snippetsOf } from './readme-snippets';
import { L1_RULES, L1_VENDOR_APP, l1FindingProblems } from './l1-vendor';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = 'govcloud-jp-cdk';
const started = Date.now();

class Failure extends Error {}

function check(condition: unknown, message: string): void {
  if (!condition) throw new Failure(message);
}

/** Notes of the running step, printed after its result line. */
let pendingNotes: string[] | undefined;

function step<T>(title: string, body: () => T): T {
  const t0 = Date.now();
  process.stdout.write(`• ${title} … `);
  pendingNotes = [];
  const result = body();
  process.stdout.write(`ok (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
  const notes = pendingNotes;
  pendingNotes = undefined;
  notes.forEach(note);
  return result;
}

function note(line: string): void {
  if (pendingNotes) pendingNotes.push(line);
  else process.stdout.write(`    ${line}\n`);
}

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): RunResult {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runOk(command: string, args: readonly string[], cwd: string): RunResult {
  const result = run(command, args, cwd);
  check(
    result.status === 0,
    `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${tail(result.stdout + result.stderr)}`,
  );
  return result;
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function versionOf(pkg: string): string {
  const file = require.resolve(`${pkg}/package.json`, { paths: [ROOT] });
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The files of the README's vendor section: ts blocks whose first line is `// <path>`. */
export function vendorExampleFiles(readme: string): Map<string, string> {
  const region = /<!-- vendor:begin -->([\s\S]*?)<!-- vendor:end -->/.exec(readme);
  if (!region)
    throw new Failure('README.md has no <!-- vendor:begin --> … <!-- vendor:end --> region');
  const files = new Map<string, string>();
  for (const block of region[1].matchAll(/```ts\n([\s\S]*?)```/g)) {
    const [first, ...rest] = block[1].split('\n');
    const name = /^\/\/ ((?:bin|lib|test)\/[\w./-]+\.ts)$/.exec(first)?.[1];
    if (name) files.set(name, rest.join('\n'));
  }
  return files;
}

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: { path: string }[];
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-consumer-'));
  check(path.relative(ROOT, work).startsWith('..'), 'the work directory must be outside the repo');
  const packDir = path.join(work, 'pack');
  const app = path.join(work, 'app');
  fs.mkdirSync(packDir);
  fs.mkdirSync(app);
  note(`work directory: ${work}`);

  // 1. Pack (prepack runs the build: tsc -p tsconfig.build.json into a clean dist/).
  const pack = step('npm pack (build + pack)', () => {
    const result = runOk('npm', ['pack', '--json', '--pack-destination', packDir], ROOT);
    // Lifecycle scripts (prepack) print to stdout too: the JSON starts at a line "[".
    const json = result.stdout.slice(result.stdout.search(/^\[/m));
    return (JSON.parse(json) as PackResult[])[0];
  });
  const tarball = path.join(packDir, pack.filename);
  step('tarball content', () => {
    const paths = pack.files.map((f) => f.path);
    for (const required of [
      'package.json',
      'README.md',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/testing/index.js',
      'dist/lib/testing/index.d.ts',
      'dist/constructs/audit/index.js',
      // Apache-2.0 requires the licence to travel with the code.
      'LICENSE',
    ]) {
      check(paths.includes(required), `tarball lacks ${required}`);
    }
    const stray = paths.filter(
      (p) =>
        !['package.json', 'README.md', 'LICENSE'].includes(p) &&
        !(p.startsWith('dist/') && (p.endsWith('.js') || p.endsWith('.d.ts'))),
    );
    check(
      stray.length === 0,
      `tarball contains files that are not built code: ${stray.join(', ')}`,
    );
    const leaked = paths.filter((p) =>
      /^(dist\/)?(test|bench|bin|config|fixtures)\/|__snapshots__|\.test\.|\.snap$/.test(p),
    );
    check(leaked.length === 0, `tarball contains tests, fixtures or scripts: ${leaked.join(', ')}`);
    const missingTypes = paths.filter(
      (p) => p.endsWith('.js') && !paths.includes(p.replace(/\.js$/, '.d.ts')),
    );
    check(missingTypes.length === 0, `JavaScript without .d.ts: ${missingTypes.join(', ')}`);
  });
  note(
    `${pack.filename}: ${(pack.size / 1024).toFixed(0)} kB packed, ${(pack.unpackedSize / 1024).toFixed(0)} kB unpacked, ${pack.entryCount} files`,
  );

  // 2. A consumer project: the tarball and the same peer versions as this repository.
  const versions = {
    'aws-cdk-lib': versionOf('aws-cdk-lib'),
    constructs: versionOf('constructs'),
    typescript: versionOf('typescript'),
    jest: versionOf('jest'),
    '@types/jest': versionOf('@types/jest'),
    '@types/node': versionOf('@types/node'),
  };
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'vendor-app',
        private: true,
        dependencies: {
          [PACKAGE]: `file:${tarball}`,
          'aws-cdk-lib': versions['aws-cdk-lib'],
          constructs: versions.constructs,
        },
        devDependencies: {
          typescript: versions.typescript,
          jest: versions.jest,
          '@types/jest': versions['@types/jest'],
          '@types/node': versions['@types/node'],
        },
      },
      undefined,
      2,
    ),
  );
  step('npm install (tarball + peers, from the npm cache)', () =>
    runOk('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], app),
  );
  step('peer dependencies: one aws-cdk-lib and one constructs, the app’s', () => {
    const installed = path.join(app, 'node_modules', PACKAGE);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const peer of ['aws-cdk-lib', 'constructs']) {
      check(manifest.peerDependencies?.[peer], `${peer} is not a peer dependency`);
      check(!manifest.dependencies?.[peer], `${peer} is a dependency: the vendor gets two copies`);
      check(
        !fs.existsSync(path.join(installed, 'node_modules', peer)),
        `${PACKAGE} has its own copy of ${peer}`,
      );
    }
    note(`peers: ${JSON.stringify(manifest.peerDependencies)}`);
  });
  step('declarations import only shipped files and declared dependencies', () => {
    const problems = declarationProblems(path.join(app, 'node_modules', PACKAGE));
    check(problems.length === 0, problems.slice(0, 20).join('\n'));
  });
  step('import has no side effects (no App, no file read)', () => {
    const result = probeImport(app, [PACKAGE, `${PACKAGE}/testing`]);
    check(result.moduleReads > 50, 'the import probe saw no module being loaded');
    check(
      result.unexpected.length === 0,
      `import touched files: ${JSON.stringify(result.unexpected.slice(0, 10))}`,
    );
    check(result.beforeExitListenersAdded === 0, 'import created an App (automatic synthesis)');
    check(result.outdirFiles.length === 0, 'import wrote a cloud assembly');
    for (const name of ['ProtectedAuditTrail', 'GovCloudBaselineStack', 'GovCloudChecks']) {
      check(result.exportsOf[PACKAGE].includes(name), `${PACKAGE} does not export ${name}`);
    }
    for (const name of [
      'assetHashSerializer',
      'collectFindings',
      'expectNoUnacknowledgedFindings',
      'defaultPacks',
    ]) {
      check(
        result.exportsOf[`${PACKAGE}/testing`].includes(name),
        `${PACKAGE}/testing does not export ${name}`,
      );
    }
  });

  // 3. The README example, compiled as `cdk init` sets TypeScript up (strict, nodenext).
  const files = step('write the README vendor example', () => {
    const example = vendorExampleFiles(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    for (const required of [
      'bin/app.ts',
      'bin/report.ts',
      'lib/audit-stack.ts',
      'lib/baseline.ts',
      'test/audit-stack.test.ts',
    ]) {
      check(example.has(required), `the README vendor section has no \`// ${required}\` block`);
    }
    for (const [name, content] of example) {
      fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
      fs.writeFileSync(path.join(app, name), content);
    }
    return [...example.keys()];
  });
  note(files.join(', '));
  step('write the L1 vendor stacks (bin/l1-vendor.ts)', () =>
    fs.writeFileSync(path.join(app, 'bin', 'l1-vendor.ts'), L1_VENDOR_APP),
  );
  // The TypeScript setup `cdk init app --language typescript` writes (strict, nodenext).
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['es2022'],
    strict: true,
    noImplicitReturns: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    skipLibCheck: true,
    types: ['jest', 'node'],
    rootDir: '.',
    outDir: 'dist',
  };
  fs.writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, include: ['bin', 'lib', 'test'] }, undefined, 2),
  );
  const tsc = path.join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  step('tsc (strict, moduleResolution nodenext, as cdk init)', () =>
    runOk(process.execPath, [tsc, '-p', '.'], app),
  );
  step('every ts snippet of every README compiles against the installed package', () => {
    const snippets = documentationFiles(ROOT).flatMap((f) =>
      snippetsOf(f, fs.readFileSync(path.join(ROOT, f), 'utf8')),
    );
    check(snippets.length >= 20, `only ${snippets.length} README snippets found`);
    const problems = compileSnippets(path.join(app, 'snippets'), snippets, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      types: ['node'],
    });
    check(problems.length === 0, `README snippets do not compile:\n${problems.join('\n')}`);
    note(
      `${snippets.length} snippets of ${new Set(snippets.map((s) => s.source.split(':')[0])).size} files`,
    );
  });
  step('both entry points resolve with the older moduleResolution node10 too', () => {
    const from = path.join(app, 'test', 'audit-stack.test.ts');
    for (const specifier of [PACKAGE, `${PACKAGE}/testing`]) {
      const { resolvedModule } = ts.resolveModuleName(
        specifier,
        from,
        { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 },
        ts.sys,
      );
      check(
        resolvedModule?.resolvedFileName.endsWith('.d.ts'),
        `${specifier} has no types under moduleResolution node10 (typesVersions)`,
      );
    }
  });

  // 4. Synthesize the example as the CDK CLI does (CDK_OUTDIR), and read the findings.
  const outdir = path.join(work, 'cdk.out');
  const synth = step('synth the example app (expected to stop on the sandbox bucket)', () =>
    run(process.execPath, ['dist/bin/app.js'], app, {
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: '{}',
    }),
  );
  step('findings: the plain bucket is reported, the library’s stacks are not', () => {
    check(synth.status !== 0, 'synth succeeded, but the sandbox bucket should fail GovCloudChecks');
    check(
      /Validation failed/.test(synth.stderr),
      `synth failed for another reason than validation:\n${tail(synth.stderr)}`,
    );
    const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
    check(
      ['juki-Baseline-Tokyo', 'juki-Baseline-Osaka', 'VendorAudit', 'Sandbox'].every((s) =>
        templates.includes(`${s}.template.json`),
      ),
      `templates written: ${templates.join(', ')}`,
    );
    const report = JSON.parse(
      fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
    const findings = report.pluginReports.flatMap((p) =>
      p.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => ({
          plugin: p.pluginName,
          rule: v.ruleName,
          severity: v.severity,
          path: c.constructPath,
        })),
      ),
    );
    const errors = findings.filter((f) => f.severity === 'error');
    const onBucket = errors
      .filter((f) => f.plugin === 'GovCloudChecks' && f.path.startsWith('Sandbox/Uploads/'))
      .map((f) => f.rule)
      .sort();
    for (const rule of [
      'GCJ-KEY1-BucketEncryptionCMK',
      'GCJ-KEY3-BucketTlsOnly',
      'GCJ-LOG3-BucketVersioning',
      'GCJ-TEN1-BucketPublicAccessBlocked',
      'GCJ-IAM6-EnvironmentTag',
      'GCJ-TEN3-MunicipalityTag',
    ]) {
      check(onBucket.includes(rule), `Sandbox/Uploads is not reported for ${rule}`);
    }
    const elsewhere = errors.filter((f) => !f.path.startsWith('Sandbox/'));
    check(
      elsewhere.length === 0,
      `errors on the library's constructs: ${elsewhere.map((f) => `${f.rule} ${f.path}`).join('; ')}`,
    );
    note(`Sandbox/Uploads: ${onBucket.join(', ')}; no error on juki-Baseline-Tokyo or VendorAudit`);
  });

  // 5. The README's report app: the compliance report of a vendor app, with its provenance.
  const reportOut = path.join(work, 'cdk.out.report');
  step('writeComplianceReport: evidence and report of the vendor app', () => {
    const result = run(process.execPath, ['dist/bin/report.js'], app, {
      CDK_OUTDIR: reportOut,
      CDK_CONTEXT_JSON: '{}',
    });
    check(result.status === 0, `bin/report.js exited ${result.status}:\n${tail(result.stderr)}`);
    const dir = path.join(reportOut, 'compliance');
    for (const f of ['evidence.json', 'report.md', 'report.ja.md', 'report.csv']) {
      check(fs.existsSync(path.join(dir, f)), `compliance/${f} not written`);
    }
    const md = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
    check(
      md.includes('Generated from the synthesized app by `writeComplianceReport`'),
      'report.md does not name writeComplianceReport as its origin',
    );
    check(!md.includes('by `npm run report`'), 'report.md claims `npm run report` wrote it');
    const stacks = (
      JSON.parse(fs.readFileSync(path.join(dir, 'evidence.json'), 'utf8')) as {
        evidence: { stacks: { name: string }[] };
      }
    ).evidence.stacks.map((s) => s.name);
    check(
      ['juki-Baseline-Tokyo', 'juki-Baseline-Osaka', 'VendorAudit'].every((s) =>
        stacks.includes(s),
      ),
      `evidence of stacks ${stacks.join(', ')}`,
    );
    note(`compliance report of ${stacks.join(', ')}`);
  });

  // 6. The hardening rules on a vendor stack of L1 resources, and on its compliant twin.
  const l1Outdir = path.join(work, 'cdk.out.l1');
  step('L1 vendor stack: every hardening rule reports its resource, the twin none', () => {
    const result = run(process.execPath, ['dist/bin/l1-vendor.js'], app, {
      CDK_OUTDIR: l1Outdir,
      CDK_CONTEXT_JSON: '{}',
    });
    check(
      result.status !== 0 && /Validation failed/.test(result.stderr),
      `the L1 stack should fail validation:\n${tail(result.stderr)}`,
    );
    const report = JSON.parse(
      fs.readFileSync(path.join(l1Outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
    const problems = l1FindingProblems(report.pluginReports);
    check(problems.length === 0, problems.join('\n'));
    note(`${Object.keys(L1_RULES).length} rules, each on its L1 resource; none on the twin`);
  });

  // 7. The example's jest test: first run writes the snapshot, the second (--ci) must match it.
  // CI services set CI=true, which jest reads as --ci (never write a snapshot): say it explicitly.
  fs.writeFileSync(
    path.join(app, 'jest.config.js'),
    "module.exports = { testEnvironment: 'node', roots: ['<rootDir>/dist/test'], testMatch: ['**/*.test.js'], transform: {} };\n",
  );
  const jest = path.join(app, 'node_modules', 'jest', 'bin', 'jest.js');
  step('jest: expectNoUnacknowledgedFindings + snapshot (writes it)', () => {
    const result = runOk(process.execPath, [jest, '--ci=false'], app);
    check(/1 snapshot written/.test(result.stderr), `no snapshot written:\n${tail(result.stderr)}`);
  });
  step('jest --ci: the snapshot of a second build matches', () => {
    const result = runOk(process.execPath, [jest, '--ci'], app);
    check(/1 passed, 1 total/.test(result.stderr), `snapshot not matched:\n${tail(result.stderr)}`);
  });

  fs.rmSync(work, { recursive: true, force: true });
  process.stdout.write(
    `Consumer test passed in ${((Date.now() - started) / 1000).toFixed(0)} s (work directory removed).\n`,
  );
}

/**
 * What a vendor's compiler could not resolve in our .d.ts files: a relative import of a file
 * that is not in the package, or a package that is neither a dependency nor a peer (e.g. a
 * devDependency's types, which `skipLibCheck` would silently turn into `any`).
 */
function declarationProblems(installed: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const problems: string[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? walk(full) : e.name.endsWith('.d.ts') ? [full] : [];
    });
  const specifier =
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|<reference\s+types=)['"]([^'"]+)['"]/g;
  for (const file of walk(path.join(installed, 'dist'))) {
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(specifier)) {
      const where = path.relative(installed, file);
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        if (![`${base}.d.ts`, path.join(base, 'index.d.ts')].some((f) => fs.existsSync(f))) {
          problems.push(`${where} imports ${spec}, which the package does not contain`);
        }
        continue;
      }
      const parts = spec.split('/');
      const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (!declared.has(name)) {
        problems.push(`${where} imports ${spec}, which is neither a dependency nor a peer`);
      }
    }
  }
  return problems;
}

interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly violations: {
      readonly ruleName: string;
      readonly severity?: string;
      readonly violatingConstructs: { readonly constructPath: string }[];
    }[];
  }[];
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stdout.write('FAILED\n\n');
    console.error(error instanceof Failure ? `Consumer test failed: ${error.message}` : error);
    process.exit(1);
  }
}
