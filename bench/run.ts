// `npm run bench`: how fast the project synthesizes on this machine, in one run, as a table.
//   (a) full synth of the default app (every check on) against the floor: an app with one
//       bucket, synthesized the same way (CDK CLI, cdk.json's app command); and
//       `npm run validate`, the same synth followed by the Control Tower gate;
//   (b) a shared sample system with 10, 50, 200 and 500 municipalities (configs generated here),
//       with every check and, for comparison, without the checks (bench/system-app.ts) and
//       without any validation either (aws-cdk-lib's synthesis alone);
//   (c) `npm test`.
// Timings are medians of BENCH_RUNS runs (default 3; min–max shown: the machine is shared);
// sizes above 200 municipalities (the target size) run once. A run longer than BENCH_TIMEOUT
// seconds (default 300, five times the 200-municipality target) is stopped and reported as
// such. Not part of `npm test`.
//
// Options: --no-tests (skip c; --with-tests is the default), --sizes=10,50,200,
// --quick (one run each, sizes 10 and 50), --readme (write the tables into README.md between
// the bench markers).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDigit } from '../domain/local-government-code';
import { replaceMarkedRegion } from '../lib/diagram/docs';
import { PHASES, type Phase, splitProfiles } from './profile-split';

const ROOT = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const RUNS = quick ? 1 : Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT ?? 300);
const WITH_TESTS = !args.has('--no-tests');
const SIZES = (
  [...args].find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length) ??
  (quick ? '10,50' : '10,50,200,500')
)
  .split(',')
  .map(Number);

/** CloudFormation's limits per template. */
const MAX_RESOURCES = 500;
const MAX_TEMPLATE_BYTES = 1_000_000;
/** The size with a time target, and the target (issue 16). */
const TARGET_SIZE = 200;
const TARGET_200_S = 25;
const TARGET_TESTS_S = 60;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-bench-'));

interface Timing {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly runs: number;
  /** A run was stopped at BENCH_TIMEOUT: the times are lower bounds. */
  readonly timedOut: boolean;
  /** A run exited non-zero (the time is still measured). */
  readonly failed: boolean;
}

interface Run {
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly status: number | null;
  readonly output: string;
}

function timing(runs: readonly Run[]): Timing {
  const sorted = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    min: sorted[0],
    median,
    max: sorted[sorted.length - 1],
    runs: sorted.length,
    timedOut: runs.some((r) => r.timedOut),
    failed: runs.some((r) => !r.timedOut && r.status !== 0),
  };
}

/**
 * Runs a command in its own process group and returns its wall time. At the timeout the whole
 * group is killed (the CDK CLI's app process included).
 */
function timed(
  command: string,
  commandArgs: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutS = TIMEOUT_S,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, commandArgs, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutS * 1000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      resolve({ seconds, timedOut, status, output });
    });
  });
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Fails the bench when a synth that must succeed did not (a bench of an error is no bench). */
function mustSucceed(what: string, run: Run): Run {
  if (!run.timedOut && run.status !== 0) {
    throw new Error(
      `${what} exited ${run.status}:\n${run.output.split('\n').slice(-30).join('\n')}`,
    );
  }
  return run;
}

let outdirs = 0;
/** `npx cdk synth --quiet` into a fresh temporary outdir. */
async function cdkSynth(
  what: string,
  extra: readonly string[],
  env: NodeJS.ProcessEnv = {},
  mustPass = true,
): Promise<Run & { outdir: string }> {
  const outdir = path.join(work, `out-${outdirs++}`);
  const run = await timed('npx', ['cdk', 'synth', '--quiet', '-o', outdir, ...extra], env);
  return { ...(mustPass ? mustSucceed(what, run) : run), outdir };
}

/** GNU time, when the machine has it, for the app process's peak memory. */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Profiled {
  readonly run: Run;
  /** CPU seconds per phase of the app process. */
  readonly phases?: Record<Phase, number>;
  /** Peak resident memory of the app process, MiB. */
  readonly peakMiB?: number;
}

let profiles = 0;

/** `cdkSynth` of `appFile` with `nodeFlags`, under GNU time for the app process's peak memory. */
async function measuredSynth(
  what: string,
  appFile: string,
  nodeFlags: string,
  extra: readonly string[],
  mustPass = true,
): Promise<{ run: Run; peakMiB?: number }> {
  const node = appCommand(appFile, nodeFlags);
  // GNU time writes to its own file: the synth's output is kept only in part.
  const peakFile = path.join(work, `peak-${profiles++}.txt`);
  const app = GNU_TIME ? `${GNU_TIME} -o ${peakFile} -f %M ${node}` : node;
  const run = await cdkSynth(what, ['--app', app, ...extra], {}, mustPass);
  fs.rmSync(run.outdir, { recursive: true, force: true });
  const peak = fs.existsSync(peakFile)
    ? /(\d+)\s*$/.exec(fs.readFileSync(peakFile, 'utf8'))?.[1]
    : undefined;
  return { run, peakMiB: peak ? Number(peak) / 1024 : undefined };
}

/**
 * The app run under `node --cpu-prof` (and GNU time, for its peak memory): its wall time
 * includes the profiler's overhead.
 */
async function profiledSynth(
  what: string,
  appFile: string,
  extra: readonly string[],
): Promise<Profiled> {
  const dir = path.join(work, `profile-${profiles}`);
  const { run, peakMiB } = await measuredSynth(
    what,
    appFile,
    `--cpu-prof --cpu-prof-dir=${dir}`,
    extra,
  );
  return { run, phases: fs.existsSync(dir) ? splitProfiles(dir) : undefined, peakMiB };
}

/**
 * Node's heap cap for the largest size's extra run. Without a cap V8 lets the heap grow far
 * beyond what is live before it collects when the machine has memory to spare (24 GiB here), so
 * the uncapped peak says more about V8's heuristics than about what the app needs.
 */
const HEAP_CAP_MIB = 1024;

/** cdk.json's app command (node, its flags, the TypeScript loader), for the bench's apps too. */
const CDK_APP = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { app: string }
).app;

/** cdk.json's app command with `appFile` for bin/app.ts and `nodeFlags` added to node's. */
function appCommand(appFile: string, nodeFlags = ''): string {
  const match = /^node (.*)bin\/app\.ts$/.exec(CDK_APP);
  if (!match) throw new Error(`cdk.json "app" is not "node … bin/app.ts": ${CDK_APP}`);
  return `node ${nodeFlags ? `${nodeFlags} ` : ''}${match[1]}${appFile}`;
}

const EMPTY_APP = ['--app', appCommand('bench/empty-app.ts')];
const NO_CHECKS_APP = ['--app', appCommand('bench/system-app.ts')];

// ---------------------------------------------------------------------------------------------
// (a) full synth against the floor, interleaved so that both see the same machine load.

interface FloorResult {
  readonly full: Timing;
  readonly empty: Timing;
  readonly emptyNoValidation: Timing;
  /** `npm run validate`: the default app's synth, then the Control Tower gate over it. */
  readonly gate: Timing;
}

async function benchFloor(): Promise<FloorResult> {
  const full: Run[] = [];
  const empty: Run[] = [];
  const emptyNoValidation: Run[] = [];
  const gate: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    empty.push(await cdkSynth('empty app', EMPTY_APP));
    full.push(await cdkSynth('full synth', []));
    // aws-cdk-lib's built-in CloudFormation validation (a WebAssembly engine) starts in every
    // synth; this run shows its share of the floor.
    emptyNoValidation.push(
      await cdkSynth('empty app without validation', EMPTY_APP, { CDK_VALIDATION: 'false' }),
    );
    // The independent validator gate, as .ci/run runs it.
    gate.push(mustSucceed('npm run validate', await timed('npm', ['run', 'validate'])));
    log(
      `  (a) run ${i + 1}/${RUNS}: empty ${sec(empty[i].seconds)}, full ${sec(full[i].seconds)}, empty without validation ${sec(emptyNoValidation[i].seconds)}, npm run validate ${sec(gate[i].seconds)}`,
    );
  }
  return {
    full: timing(full),
    empty: timing(empty),
    emptyNoValidation: timing(emptyNoValidation),
    gate: timing(gate),
  };
}

// ---------------------------------------------------------------------------------------------
// (b) scale: one shared system, `vpc` tenancy, n municipalities.

/** `n` fictitious municipalities with unique, valid codes (Tokyo prefecture range 13500+). */
export function municipalities(n: number): { name: string; code: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const body = String(13500 + i);
    return { name: `架空町${i + 1} (fictitious)`, code: `${body}${checkDigit(body)}` };
  });
}

function scaleConfig(n: number): string {
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'config/default.json'), 'utf8')) as {
    system: Record<string, unknown>;
  };
  const config = {
    ...base,
    system: {
      ...base.system,
      tenancy: 'vpc',
      municipalities: municipalities(n),
      // One /22 per municipality: a /12 holds 1,024 of them, clear of the premises 172.16/16.
      vpcCidr: '10.0.0.0/12',
    },
  };
  const file = path.join(work, `config-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(config, undefined, 2));
  return file;
}

interface Shape {
  readonly stacks: number;
  readonly maxResources: number;
  readonly maxBytes: number;
}

interface ScaleResult {
  readonly municipalities: number;
  readonly checked: Timing;
  readonly unchecked: Timing;
  /** The same app without any validation either: aws-cdk-lib's synthesis alone. */
  readonly bare: Timing;
  readonly shape?: Shape;
  /** From one more run with every check, under the profiler. */
  readonly profile?: Profiled;
  /** The largest size only: one more run with every check and node's heap capped. */
  readonly capped?: { run: Run; peakMiB?: number };
}

function measureTemplates(outdir: string): Shape {
  const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
  let maxResources = 0;
  let maxBytes = 0;
  for (const file of templates) {
    const text = fs.readFileSync(path.join(outdir, file), 'utf8');
    const resources = Object.keys((JSON.parse(text) as { Resources?: object }).Resources ?? {});
    maxResources = Math.max(maxResources, resources.length);
    maxBytes = Math.max(maxBytes, Buffer.byteLength(text));
  }
  return { stacks: templates.length, maxResources, maxBytes };
}

async function benchScale(n: number): Promise<ScaleResult> {
  const config = ['-c', `config=${scaleConfig(n)}`];
  // Up to the target size, a median like every other timing; a larger size once (minutes each).
  const runs = n > TARGET_SIZE ? 1 : RUNS;
  const checked: Run[] = [];
  const unchecked: Run[] = [];
  const bare: Run[] = [];
  let shape: Shape | undefined;
  for (let i = 0; i < runs; i++) {
    const withoutChecks = await cdkSynth(`${n} municipalities`, [...NO_CHECKS_APP, ...config]);
    unchecked.push(withoutChecks);
    if (!withoutChecks.timedOut) shape ??= measureTemplates(withoutChecks.outdir);
    fs.rmSync(withoutChecks.outdir, { recursive: true, force: true });
    const alone = await cdkSynth(`${n} municipalities`, [...NO_CHECKS_APP, ...config], {
      CDK_VALIDATION: 'false',
    });
    fs.rmSync(alone.outdir, { recursive: true, force: true });
    bare.push(alone);
    // Timed without the profiler, whose overhead grows with the app; profiled once, after.
    const withChecks = await cdkSynth(`${n} municipalities`, config);
    fs.rmSync(withChecks.outdir, { recursive: true, force: true });
    checked.push(withChecks);
    log(
      `  (b) ${n} municipalities, run ${i + 1}/${runs}: every check ${sec(withChecks.seconds)}${withChecks.timedOut ? ' (stopped)' : ''}, no checks ${sec(withoutChecks.seconds)}${withoutChecks.timedOut ? ' (stopped)' : ''}, CDK alone ${sec(alone.seconds)}${alone.timedOut ? ' (stopped)' : ''}`,
    );
  }
  const profile = await profiledSynth(`${n} municipalities, profiled`, 'bin/app.ts', config);
  const capped =
    n === Math.max(...SIZES)
      ? await measuredSynth(
          `${n} municipalities, heap capped`,
          'bin/app.ts',
          `--max-old-space-size=${HEAP_CAP_MIB}`,
          config,
          // A heap too small is a finding to report, not a bench to abandon.
          false,
        )
      : undefined;
  if (capped) {
    log(
      `  (b) ${n} municipalities, heap capped at ${HEAP_CAP_MIB} MiB: ${sec(capped.run.seconds)}, peak ${capped.peakMiB?.toFixed(0) ?? '?'} MiB`,
    );
  }
  return {
    municipalities: n,
    checked: timing(checked),
    unchecked: timing(unchecked),
    bare: timing(bare),
    shape,
    profile,
    capped,
  };
}

/** The sentence on the heap-capped run of the largest size, if there was one. */
function cappedLines(scale: readonly ScaleResult[]): string[] {
  const largest = scale.find((r) => r.capped);
  if (!largest?.capped) return [];
  const { run, peakMiB } = largest.capped;
  const peak = peakMiB !== undefined ? `, peak ${peakMiB.toFixed(0)} MiB` : '';
  return [
    '',
    `The peak memory above is what V8 lets the heap grow to before it collects on a machine with`,
    `memory to spare. ${largest.municipalities} municipalities with node's heap capped at ${HEAP_CAP_MIB} MiB`,
    `(\`--max-old-space-size=${HEAP_CAP_MIB}\` added to cdk.json's app command, every check):`,
    run.timedOut
      ? `stopped after ${TIMEOUT_S} s${peak}.`
      : run.status === 0
        ? `${sec(run.seconds)}${peak}.`
        : `failed (exit ${run.status})${peak}.`,
  ];
}

// ---------------------------------------------------------------------------------------------
// (c) npm test

async function benchTests(): Promise<Timing> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await timed('npm', ['test'], {}, 3600);
    log(
      `  (c) npm test, run ${i + 1}/${RUNS}: ${sec(run.seconds)}${run.status !== 0 ? ` (exit ${run.status})` : ''}`,
    );
    if (run.status !== 0) {
      // The time still counts; the summary says what failed.
      log(
        run.output
          .split('\n')
          .filter((l) => /^(FAIL|Tests:|Test Suites:)|error TS|✕/.test(l.trim()))
          .join('\n'),
      );
    }
    runs.push(run);
  }
  return timing(runs);
}

// ---------------------------------------------------------------------------------------------
// The tables (Markdown, aligned as Prettier writes them, so that README.md passes the lint).

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function sec(seconds: number): string {
  return `${seconds.toFixed(1)} s`;
}

function show(t: Timing): string {
  if (t.timedOut) return `> ${sec(t.max)} (stopped)`;
  const value = t.runs > 1 ? `${sec(t.median)} (${sec(t.min)}–${sec(t.max)})` : sec(t.median);
  return t.failed ? `${value}, failed` : value;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

/**
 * Seconds each municipality added since the previous size costs: a flat figure across sizes is
 * linear growth (the total divided by n would hide it behind the fixed cost of the baselines).
 */
function marginal(previous: ScaleResult | undefined, r: ScaleResult): string {
  if (!previous || previous.checked.timedOut || r.checked.timedOut) return '—';
  const added = r.municipalities - previous.municipalities;
  return `${((r.checked.median - previous.checked.median) / added).toFixed(2)} s`;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} kB`;

async function main(): Promise<void> {
  const cpus = os.cpus();
  const load0 = os.loadavg()[0];
  log(
    `bench: ${RUNS} run(s) per timing, sizes ${SIZES.join(', ')}, npm test ${WITH_TESTS ? 'on' : 'off'}, timeout ${TIMEOUT_S} s`,
  );

  const floor = await benchFloor();
  const defaultProfile = await profiledSynth('full synth, profiled', 'bin/app.ts', []);
  const scale: ScaleResult[] = [];
  for (const n of SIZES) scale.push(await benchScale(n));
  const tests = WITH_TESTS ? await benchTests() : undefined;
  const load1 = os.loadavg()[0];

  const ratio = floor.full.median / floor.empty.median;
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}`;

  const mainRows: string[][] = [
    ['(a) empty app, one bucket: the floor', show(floor.empty), ''],
    [
      '(a) full synth: default app, every check',
      show(floor.full),
      `≤ 1.5× floor: ${ratio.toFixed(2)}×, ${verdict(ratio <= 1.5)}`,
    ],
    [
      '(a) npm run validate: the same synth, then the Control Tower gate',
      show(floor.gate),
      `${(floor.gate.median / floor.empty.median).toFixed(2)}× floor`,
    ],
    ['empty app without built-in CFN validation', show(floor.emptyNoValidation), '(reference)'],
  ];
  if (tests) {
    mainRows.push([
      '(c) npm test: lint, typecheck, jest',
      show(tests),
      `< ${TARGET_TESTS_S} s: ${verdict(!tests.timedOut && !tests.failed && tests.median < TARGET_TESTS_S)}`,
    ]);
  }
  const mainTable = table(['what', 'wall time: median (min–max)', 'target'], mainRows);

  const scaleTable = table(
    [
      'municipalities',
      'every check',
      'each added municipality',
      'without checks',
      'CDK alone',
      'stacks',
      'max resources / stack',
      'max template / stack',
      'target',
    ],
    scale.map((r, i) => [
      String(r.municipalities),
      show(r.checked),
      marginal(scale[i - 1], r),
      show(r.unchecked),
      show(r.bare),
      r.shape ? String(r.shape.stacks) : '—',
      r.shape ? `${r.shape.maxResources} (limit ${MAX_RESOURCES})` : '—',
      r.shape ? `${kb(r.shape.maxBytes)} (limit ${kb(MAX_TEMPLATE_BYTES)})` : '—',
      r.municipalities === TARGET_SIZE
        ? `< ${TARGET_200_S} s: ${verdict(!r.checked.timedOut && r.checked.median < TARGET_200_S)}`
        : '',
    ]),
  );

  const phaseRows: string[][] = [
    ['default app', defaultProfile] as const,
    ...scale.map((r) => [`${r.municipalities} municipalities`, r.profile] as const),
  ].map(([what, p]) => [
    what,
    ...PHASES.map((ph) => (p?.phases ? `${p.phases[ph].toFixed(1)} s` : '—')),
    p?.phases
      ? `${Object.values(p.phases)
          .reduce((a, b) => a + b, 0)
          .toFixed(1)} s`
      : '—',
    p?.peakMiB !== undefined ? `${p.peakMiB.toFixed(0)} MiB` : '—',
  ]);
  const phaseTable = table(['app', ...PHASES, 'CPU total', 'peak memory'], phaseRows);

  const report = [
    `Measured on ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${machine}.`,
    `The machine is shared (1-minute load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the`,
    'end): min–max shows the noise. Each synth is `npx cdk synth --quiet` into a fresh directory;',
    `median of ${RUNS} run(s), sizes above ${TARGET_SIZE} municipalities run once, any run stopped after ${TIMEOUT_S} s.`,
    '',
    mainTable,
    '',
    '(b) A shared sample system (`system.tenancy: "vpc"`) with n generated municipalities, plus the',
    'two baselines; "without checks" builds the same templates without the nag packs and the',
    "compliance evidence, with aws-cdk-lib's built-in CloudFormation validation as a plain CDK app",
    'runs it (in the main thread, after synthesis); "CDK alone" is that app without the',
    "validation either (`CDK_VALIDATION=false`): aws-cdk-lib's synthesis of the templates, which",
    'no check adds to; "each added municipality" is the time each municipality adds since the',
    'previous size (the same figure at every size is linear growth):',
    '',
    scaleTable,
    '',
    'Where the app process spends its CPU (one more `node --cpu-prof` run each, with every check;',
    "the validation workers' CPU counts as validation, the main thread waiting for them as none;",
    'bench/profile-split.ts assigns each sample to the innermost phase on its stack:',
    "build = constructing the stacks, validation = CDK's CloudFormation validation, packs = the",
    'nag packs, write = synthesis, evidence and SCP documents, load = module loading), and the',
    "app process's peak resident memory (GNU time):",
    '',
    phaseTable,
    ...cappedLines(scale),
  ].join('\n');

  process.stdout.write(`\n${report}\n`);
  if (args.has('--readme')) {
    const readmePath = path.join(ROOT, 'README.md');
    const readme = fs.readFileSync(readmePath, 'utf8');
    fs.writeFileSync(
      readmePath,
      replaceMarkedRegion(readme, 'bench', `## Benchmarks\n\n${report}`),
    );
    log('README.md bench region updated.');
  }
  fs.rmSync(work, { recursive: true, force: true });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(1);
  });
}
