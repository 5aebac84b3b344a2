import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import {
  App,
  CfnResource,
  CloudFormationValidatePlugin,
  type IPolicyValidationPlugin,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import {
  ParallelCloudFormationValidation,
  cloudFormationValidationFor,
  startCloudFormationValidation,
  stopCloudFormationValidation,
} from '../../lib/validation/cloudformation-validation';
import {
  AWS_CDK_LIB,
  EnginePool,
  builtinRules,
  enginesStarted,
  mirrorsInstalledPlugin,
  prestartEnginePool,
  profilingFlags,
  takePrestartedPool,
  wasmTieringFlag,
} from '../../lib/validation/engine-pool';
import { appLikeCli } from '../support/app';

// Issue 16: aws-cdk-lib's CloudFormation validation, run in worker threads, must report exactly
// what aws-cdk-lib's own plugin reports. The reference is aws-cdk-lib's CloudFormationValidatePlugin
// itself, run on the same files: the default app's templates as synthesis writes them, and
// copies of a municipality's stack with one property broken.

// aws-cdk-lib's engines run in this thread: the workers' WebAssembly tiering budget costs them
// less CPU to build and run, and changes nothing they report (engine-pool.ts).
v8.setFlagsFromString(wasmTieringFlag([])!);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-validation-'));
const app = appLikeCli({});
buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../config/default.json')));
const assembly = app.synth({ force: true });
const stacks = assembly.stacks.map((s) => ({
  stackConstructPath: s.hierarchicalId,
  templatePath: s.templateFullPath,
  region: s.environment.region,
  accountId: undefined as string | undefined,
}));
const system = stacks.find((s) => /System-\d+-Tokyo/.test(s.templatePath))!;
const template = JSON.parse(fs.readFileSync(system.templatePath, 'utf8')) as {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
};

/** A copy of the municipality stack's template with `mutate` applied, written to `name`. */
function variant(name: string, mutate?: (t: typeof template) => void) {
  const copy = structuredClone(template);
  mutate?.(copy);
  const templatePath = path.join(dir, `${name}.template.json`);
  fs.writeFileSync(templatePath, JSON.stringify(copy, undefined, 1));
  return { ...system, stackConstructPath: name, templatePath };
}

const firstOfType = (t: typeof template, type: string) =>
  Object.entries(t.Resources).find(([, r]) => r.Type === type)!;

const context = (s: typeof stacks) => ({ stackTemplates: s, templatePaths: [], appConstruct: app });

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Each engine takes seconds to build: one reference engine and one two-worker run judge the
// default app and, in the same pass, six copies of a municipality's stack.
describe('the default app and one property broken in one municipality of many identical ones', () => {
  const [bucketId] = firstOfType(template, 'AWS::S3::Bucket');
  const [subnetId] = firstOfType(template, 'AWS::EC2::Subnet');
  const set = [
    ...stacks,
    variant('m1'),
    variant('m2'),
    // Same bytes as m1 and m2 except one extra property on one bucket.
    variant('m3', (t) => {
      t.Resources[bucketId].Properties!.Foo = 1;
    }),
    variant('m4'),
    // Same bytes as the others except one value of the wrong type.
    variant('m5', (t) => {
      t.Resources[subnetId].Properties!.MapPublicIpOnLaunch = 'sometimes';
    }),
    // Same bytes as m1, but validated for Osaka: not taken from m1's answer.
    { ...variant('m6'), region: 'ap-northeast-3' },
  ];
  // CDK's own instance, the one synthesis uses below: its engine, built here for every resource
  // type of the set, serves the later apps too, as it does in one CDK process.
  const expected = CloudFormationValidatePlugin._singletonInstance().validate(context(set));
  const report = new ParallelCloudFormationValidation({ workers: 2 }).validate(context(set));

  test("two workers sharing the queue: the same report as aws-cdk-lib's plugin", () => {
    expect(report).toEqual(expected);
  });

  test('the findings name exactly the broken copies and resources; the default app has none', () => {
    const hits = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${path.basename(r.templatePath!)} ${r.resourceLogicalId}`),
    );
    // m6 differs from m1 only in its region, where AWS::Budgets::Budget does not exist.
    expect(hits.sort()).toEqual([
      `m3.template.json ${bucketId}`,
      `m5.template.json ${subnetId}`,
      `m6.template.json ${firstOfType(template, 'AWS::Budgets::Budget')[0]}`,
    ]);
    expect(report.success).toBe(false);
  });
});

describe('registered on an app', () => {
  const previous = process.env.CDK_VALIDATION;
  beforeAll(() => {
    delete process.env.CDK_VALIDATION;
  });
  afterAll(() => {
    process.env.CDK_VALIDATION = previous;
  });

  /**
   * Two resources the schema refuses, one of them acknowledged: the validation report and the
   * error synthesis throws, with this plugin registered as applyChecks does or with none (CDK's
   * built-in one).
   */
  function synthBroken(register: boolean) {
    const outdir = fs.mkdtempSync(path.join(dir, 'app-'));
    const a = new App({ outdir, context: appLikeCli().node.getAllContext() });
    if (register) startCloudFormationValidation(a);
    const stack = new Stack(a, 'Broken', { env: { region: 'ap-northeast-1' } });
    for (const id of ['Open', 'Acknowledged']) {
      const queue = new CfnResource(stack, id, {
        type: 'AWS::SQS::Queue',
        properties: { [`Unexpected${id}`]: true },
      });
      if (id === 'Acknowledged') {
        Validations.of(queue).acknowledge({ id: 'CloudFormation-Validate::F3002', reason: 'test' });
      }
    }
    if (register) {
      // The start first, the validation last: the start's empty report must not show.
      const cfn = cloudFormationValidationFor(a)!;
      Validations.of(a).addPlugins(cfn.start, cfn.validation);
    }
    return synthReport(a, outdir);
  }

  /** Synthesizes `a` into `outdir`: its validation report and the error synthesis threw, if any. */
  function synthReport(a: App, outdir: string) {
    let error = '';
    try {
      a.synth();
    } catch (e) {
      // CDK names the report by its path relative to the working directory.
      error = (e as Error).message
        .replace(outdir, '<outdir>')
        .replace(path.relative(process.cwd(), outdir), '<outdir>');
    }
    const report: unknown = JSON.parse(
      fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
    );
    return { report: normalised(report), error };
  }
  const normalised = (report: unknown) =>
    JSON.parse(JSON.stringify(report, (k, v) => (/stackTrace|timestamp/i.test(k) ? undefined : v)));

  test('the validation report and the synthesis error equal the built-in ones; the acknowledgement holds', () => {
    const ours = synthBroken(true);
    const theirs = synthBroken(false);
    expect(ours.report).toEqual(theirs.report);
    expect(ours.error).toEqual(theirs.error);
    expect(ours.error).toMatch(/UnexpectedOpen.*\(CloudFormation Validate\)/);
    expect(ours.error).not.toMatch(/UnexpectedAcknowledged/);
    expect(JSON.stringify(ours.report)).toContain('UnexpectedAcknowledged');
  });

  /**
   * Two stacks validated while synthesis writes them; a plugin registered before the validation
   * then rewrites one template with a property the schema refuses. The validation must judge
   * the bytes it is given, not the early answer of the bytes synthesis wrote.
   */
  function synthTampered(register: boolean) {
    const outdir = fs.mkdtempSync(path.join(dir, 'tampered-'));
    const a = new App({ outdir, context: appLikeCli().node.getAllContext() });
    if (register) startCloudFormationValidation(a);
    for (const id of ['Kept', 'Tampered']) {
      // Different logical ids: identical templates would be validated once.
      new CfnResource(new Stack(a, id, { env: { region: 'ap-northeast-1' } }), `${id}Queue`, {
        type: 'AWS::SQS::Queue',
      });
    }
    const tamper: IPolicyValidationPlugin = {
      name: 'Tamper',
      validate(context) {
        const file = context.stackTemplates.find((t) => /Tampered/.test(t.templatePath))!;
        const t = JSON.parse(fs.readFileSync(file.templatePath, 'utf8'));
        t.Resources.TamperedQueue.Properties = { UnexpectedAfterSynthesis: true };
        fs.writeFileSync(file.templatePath, JSON.stringify(t, undefined, 1));
        return { success: true, violations: [] };
      },
    };
    const cfn = register ? cloudFormationValidationFor(a)! : undefined;
    Validations.of(a).addPlugins(tamper, ...(cfn ? [cfn.start, cfn.validation] : []));
    return synthReport(a, outdir);
  }

  test('templates validated while synthesis writes them: an unchanged one takes its early answer, a changed one is judged again', () => {
    const sendEarly = jest.spyOn(EnginePool.prototype, 'sendEarly');
    const collect = jest.spyOn(EnginePool.prototype, 'collect');
    try {
      const ours = synthTampered(true);
      // Both templates went to a worker as synthesis wrote them; only the unchanged one's
      // answer is taken, the rewritten one is validated again with the batch.
      expect(sendEarly.mock.calls.map(([, job]) => path.basename(job.templatePath))).toEqual([
        'Kept.template.json',
        'Tampered.template.json',
      ]);
      const [count, describe, early] = collect.mock.calls[0];
      expect([...early!.values()].map((p) => path.basename(p))).toEqual(['Kept.template.json']);
      expect(count).toBe(1);
      expect(path.basename(describe(0))).toBe('Tampered.template.json');
      const theirs = synthTampered(false);
      expect(ours.report).toEqual(theirs.report);
      expect(ours.error).toEqual(theirs.error);
      expect(ours.error).toMatch(/UnexpectedAfterSynthesis.*\(CloudFormation Validate\)/);
    } finally {
      sendEarly.mockRestore();
      collect.mockRestore();
    }
  });

  test('apps synthesized one after another in one process share one engine; reports unchanged', () => {
    // A vendor's test suite synthesizes many apps in one process: aws-cdk-lib builds its engine
    // once for all of them, and so must this plugin.
    const before = enginesStarted();
    const first = synthBroken(true);
    const second = synthBroken(true);
    expect(enginesStarted() - before).toBeLessThanOrEqual(1);
    const theirs = synthBroken(false);
    expect(first).toEqual(theirs);
    expect(second).toEqual(theirs);
  });

  test('an app stopped before synthesis (a bad config in bin/synth.ts) leaves its engine to the next app', () => {
    const first = appLikeCli({});
    startCloudFormationValidation(first);
    const started = enginesStarted();
    stopCloudFormationValidation(first);
    const second = appLikeCli({});
    startCloudFormationValidation(second);
    expect(enginesStarted()).toBe(started);
    stopCloudFormationValidation(second);
  });

  test('with CDK_VALIDATION=false nothing is registered, as CDK then runs no validation', () => {
    process.env.CDK_VALIDATION = 'false';
    try {
      const a = appLikeCli({});
      startCloudFormationValidation(a);
      expect(cloudFormationValidationFor(a)).toBeUndefined();
    } finally {
      delete process.env.CDK_VALIDATION;
    }
  });
});

test('an engine started before the app (bin/app.ts) is taken once; none with CDK_VALIDATION=false', () => {
  const previous = process.env.CDK_VALIDATION;
  try {
    delete process.env.CDK_VALIDATION;
    prestartEnginePool();
    const pool = takePrestartedPool();
    expect(pool).toBeInstanceOf(EnginePool);
    expect(takePrestartedPool()).toBeUndefined();
    pool!.dispose();
    process.env.CDK_VALIDATION = 'false';
    prestartEnginePool();
    expect(takePrestartedPool()).toBeUndefined();
  } finally {
    process.env.CDK_VALIDATION = previous;
  }
});

test('creation stack traces: off with the cdk.json context, recorded again under cdk synth --debug (CDK_DEBUG)', () => {
  const traced = () => {
    const stack = new Stack(appLikeCli(), 'Traced');
    const r = new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue' });
    return r.node.metadata.some((m) => m.type === 'aws:cdk:creationStack');
  };
  const previous = process.env.CDK_DEBUG;
  try {
    delete process.env.CDK_DEBUG;
    expect(traced()).toBe(false);
    process.env.CDK_DEBUG = 'true';
    expect(traced()).toBe(true);
  } finally {
    if (previous === undefined) delete process.env.CDK_DEBUG;
    else process.env.CDK_DEBUG = previous;
  }
});

test('the installed aws-cdk-lib is the one whose plugin lib/validation mirrors', () => {
  // Fails after an aws-cdk-lib upgrade: applyChecks then leaves validation to aws-cdk-lib's own
  // plugin. Check the comparisons above still pass, then update MIRRORED_PLUGIN_SHA256.
  expect(mirrorsInstalledPlugin()).toBe(true);
});

test("another aws-cdk-lib's plugin file is not taken for the mirrored one", () => {
  const installed = path.join(AWS_CDK_LIB, 'core/lib/validation/cloudformation-validate-plugin.js');
  const copy = path.join(dir, 'same-plugin.js');
  fs.copyFileSync(installed, copy);
  expect(mirrorsInstalledPlugin(copy)).toBe(true);
  fs.appendFileSync(copy, '\n');
  expect(mirrorsInstalledPlugin(copy)).toBe(false);
  expect(mirrorsInstalledPlugin(path.join(dir, 'missing.js'))).toBe(false);
});

test('a profiled run hands its profiling flags, with their values, to the workers and nothing else', () => {
  expect(
    profilingFlags([
      '-r',
      '@swc-node/register',
      '--cpu-prof',
      '--cpu-prof-interval',
      '4000',
      '--cpu-prof-dir=/tmp/p',
      '--max-old-space-size=4096',
    ]),
  ).toEqual(['--cpu-prof', '--cpu-prof-interval', '4000', '--cpu-prof-dir=/tmp/p']);
  expect(profilingFlags(['--cpu-prof', '--enable-source-maps'])).toEqual(['--cpu-prof']);
});

test("the workers' WebAssembly tiering budget is raised, unless the process was started with its own", () => {
  expect(wasmTieringFlag(['-r', '@swc-node/register', '--max-semi-space-size=32'])).toBe(
    '--wasm-tiering-budget=180000000',
  );
  expect(wasmTieringFlag(['--wasm-tiering-budget=1000'])).toBeUndefined();
  expect(wasmTieringFlag(['--wasm_tiering_budget', '1000'])).toBeUndefined();
});

describe('a worker handed from a disposed pool to the next', () => {
  const write = (name: string, properties: Record<string, unknown>) => {
    const templatePath = path.join(dir, `${name}.json`);
    fs.writeFileSync(
      templatePath,
      JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: properties } } }),
    );
    return {
      templatePath,
      options: {
        detailLevel: 'STANDARD',
        pseudoParameterOverrides: { region: 'ap-northeast-1' },
        severityLevel: 'WARN',
      },
    };
  };
  const broken = write('stale-broken', { UnexpectedStale: true });
  const sound = write('fresh-sound', {});
  const rules = builtinRules(new Set(['AWS::SQS::Queue']));

  test("answers only the new pool's work with the new pool's answers", () => {
    // The disposed pool leaves a batch and an early job of broken templates unanswered; the next
    // pool takes its worker at once and sends one sound template. A stale answer taken for the
    // new job would report the broken queue.
    const stale = new EnginePool();
    stale.send(rules, [broken, broken, broken]);
    stale.sendEarly(rules, { ...broken, content: fs.readFileSync(broken.templatePath, 'utf8') });
    stale.dispose();
    const started = enginesStarted();
    const pool = new EnginePool();
    try {
      expect(enginesStarted()).toBe(started);
      pool.send(rules, [sound]);
      const fresh = pool.collect(1, () => sound.templatePath);
      expect([...fresh.batch.values()]).toEqual([[]]);
      pool.send(rules, [broken]);
      const judged = pool.collect(1, () => broken.templatePath);
      expect(JSON.stringify([...judged.batch.values()])).toContain('UnexpectedStale');
    } finally {
      pool.dispose();
    }
  });

  test("another copy of the module (a test file's own registry) takes the idle worker and is answered", () => {
    // Each jest test file loads the package anew: an idle worker per copy would leave one
    // engine per test file behind, and a worker taken over must wake the copy that sends to it.
    new EnginePool().dispose();
    let copy!: typeof import('../../lib/validation/engine-pool');
    jest.isolateModules(() => {
      copy = jest.requireActual('../../lib/validation/engine-pool');
    });
    expect(copy.EnginePool).not.toBe(EnginePool);
    const pool = new copy.EnginePool();
    try {
      expect(copy.enginesStarted()).toBe(0);
      pool.send(rules, [broken]);
      const judged = pool.collect(1, () => broken.templatePath);
      expect(JSON.stringify([...judged.batch.values()])).toContain('UnexpectedStale');
    } finally {
      pool.dispose();
    }
  });
});
