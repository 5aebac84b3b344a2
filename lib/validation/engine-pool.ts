import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import { WORKER_SOURCE } from './worker-source';

/**
 * Resources one more worker must have to itself before it pays for its engine: building one
 * costs about 1.3–2.3 s of CPU, validating about 0.7 ms per resource (measured on 2 cores: the
 * 200-municipality bench app, 402 templates, 16,600 resources, 12 s).
 */
const RESOURCES_PER_EXTRA_WORKER = 5000;
const MAX_WORKERS = 4;
/** Early jobs a worker may have waiting or in hand (see {@link EnginePool.sendEarly}). */
const EARLY_JOBS_PER_WORKER = 2;
/** A worker that answers nothing for this long is taken as dead; synthesis then fails. */
const STALL_MS = 10 * 60 * 1000;
/**
 * V8's budget before a WebAssembly function moves from its baseline compiler (Liftoff) to the
 * optimizing one (TurboFan): 100 times V8's default of 1,800,000. With the default, the engine
 * sends so many of its functions to TurboFan that the compiling costs more than it saves.
 * Measured on 2 cores (2026-12-03, engine build plus validation, two runs each): the default
 * app's 6 templates 8.7 / 11.0 s of CPU at the default, 6.2 / 4.5 s with this budget; 100
 * municipality templates 20.8 / 23.8 s, 15.4 / 12.8 s. Tiering changes how fast the engine
 * runs, never what it reports.
 */
const WASM_TIERING_BUDGET = 180_000_000;
/**
 * Workers a disposed pool leaves, engine built, for the next pool of this process: one, as
 * aws-cdk-lib keeps one engine per process, so that a process synthesizing many apps (a vendor's
 * test suite) builds it once instead of once per app, and holds no more memory for it than
 * aws-cdk-lib would.
 */
const MAX_IDLE_WORKERS = 1;
/** What the workers of one process share, whichever copy of this module started them. */
interface ProcessWorkers {
  /**
   * Bumped by every worker after each answer it posts: a pool waiting for answers sleeps on it.
   * One for the process, since a worker serves one pool after another.
   */
  readonly signal: Int32Array;
  /** Workers no pool holds, engines built, newest last. */
  readonly idle: ValidationWorker[];
  /**
   * The last id given to a batch or an early job: ids are unique in the process, since a worker
   * taken over from a disposed pool may still answer that pool's work, and its answers must
   * never be taken for the new one's.
   */
  lastId: number;
}

/**
 * The process's {@link ProcessWorkers}. A test runner that gives each test file its own module
 * registry (jest) loads this module once per file; were the idle worker the module's, every
 * file would leave an engine (about 270 MB) behind for the rest of the run. So it is kept on
 * node's own `worker_threads` module, which every registry shares, under a key naming the
 * worker program, so that another release of this package in the process never takes it.
 */
function processWorkers(): ProcessWorkers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const holder = require('worker_threads') as Record<symbol, ProcessWorkers | undefined>;
  const key = Symbol.for(
    `govcloud-jp-cdk/validation-workers/${crypto.createHash('sha256').update(WORKER_SOURCE).digest('hex')}`,
  );
  holder[key] ??= { signal: new Int32Array(new SharedArrayBuffer(4)), idle: [], lastId: 0 };
  return holder[key];
}

const shared = processWorkers();

export interface Diagnostic {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly propertyPath?: string;
  readonly suggestedFix?: string;
  readonly category?: string;
  readonly entity?: { readonly entityType: string; readonly logicalId?: string };
}

interface Answer {
  /** The batch's id, for a job of a batch. */
  readonly batch?: number;
  /** The job's index in its batch, or absent for an early job. */
  readonly index?: number;
  /** The early job's id (see {@link EnginePool.sendEarly}). */
  readonly early?: number;
  readonly diagnostics?: readonly Diagnostic[];
  readonly error?: string;
}

export interface RuleSource {
  readonly name: string;
  readonly content: string;
}

/**
 * The worker threads that run `@aws/cloudformation-validate`, one engine each. This module loads
 * nothing of aws-cdk-lib (it only locates it), so that bin/app.ts can start the first engine
 * before it loads the rest of the app (see {@link prestartEnginePool}).
 */
export class EnginePool {
  private readonly workers: ValidationWorker[] = [];
  /** The batch sent last. */
  private batchId = 0;
  /** Answers to the batch sent last, by job index. */
  private batchAnswers = new Map<number, Answer>();
  /** Answers to this pool's early jobs, by id. */
  private readonly earlyAnswers = new Map<number, Answer>();
  /** For each of this pool's early jobs, by id, the index of the worker it went to. */
  private readonly earlyWorker = new Map<number, number>();

  /**
   * Takes the idle worker of an earlier pool of this process, or starts one; its engine
   * carries the rules every template gets.
   */
  constructor() {
    this.spawn(1, builtinRules(new Set()));
  }

  /** Workers for `resources` resources: one, plus one per 5,000, at most the cores and 4. */
  static workersFor(resources: number): number {
    return Math.min(
      MAX_WORKERS,
      os.availableParallelism(),
      1 + Math.floor(resources / RESOURCES_PER_EXTRA_WORKER),
    );
  }

  /**
   * Takes idle workers, then starts new ones, until there are `count`; each builds its engine
   * for `rules` now, so that it is ready when the templates are written.
   */
  spawn(count: number, rules: readonly RuleSource[]): void {
    while (this.workers.length < count) {
      let worker = shared.idle.pop();
      while (worker && !worker.alive) worker = shared.idle.pop();
      if (worker) worker.send({ rules });
      this.workers.push(worker ?? new ValidationWorker(rules));
    }
  }

  /**
   * Hands `jobs` to every worker, each taking the next job until none is left; returns at once.
   * Each job is validated by an engine carrying exactly `rules`.
   */
  send(rules: readonly RuleSource[], jobs: readonly ValidationJob[]): void {
    this.batchAnswers = new Map();
    this.batchId = ++shared.lastId;
    // The batch's own queue position: a worker still running an earlier batch never takes it.
    const next = new SharedArrayBuffer(4);
    for (const w of this.workers) w.send({ rules, batch: this.batchId, next, jobs: [...jobs] });
  }

  /**
   * Hands one job now, ahead of any batch, to the worker with the fewest early jobs unanswered
   * among the first (cores − 1), since synthesis keeps the main thread busy meanwhile,
   * and returns its id for {@link collect}; or returns undefined, sending nothing, when every
   * worker already has {@link EARLY_JOBS_PER_WORKER}. The cap keeps the queues short, so that
   * the jobs left for the batch are shared by whichever worker is free.
   */
  sendEarly(rules: readonly RuleSource[], job: ValidationJob): number | undefined {
    this.drain();
    // The main thread is still synthesizing: early jobs take only the cores it leaves free.
    const early = Math.max(1, Math.min(this.workers.length, os.availableParallelism() - 1));
    const waiting = this.workers.slice(0, early).map(() => 0);
    this.earlyWorker.forEach((w, id) => {
      if (!this.earlyAnswers.has(id)) waiting[w]++;
    });
    const w = waiting.indexOf(Math.min(...waiting));
    if (waiting[w] >= EARLY_JOBS_PER_WORKER) return undefined;
    const id = ++shared.lastId;
    this.earlyWorker.set(id, w);
    this.workers[w].send({ rules, early: id, job });
    return id;
  }

  /**
   * Waits for the answers to the `count` jobs of the batch sent last (by job index) and to the
   * early jobs of `earlyIds` (by id, with the template each was). A failed job ends synthesis:
   * it throws, naming the template.
   */
  collect(
    count: number,
    describe: (index: number) => string,
    earlyIds: ReadonlyMap<number, string> = new Map(),
  ): { batch: Map<number, readonly Diagnostic[]>; early: Map<number, readonly Diagnostic[]> } {
    const done = () =>
      this.batchAnswers.size >= count &&
      [...earlyIds.keys()].every((id) => this.earlyAnswers.has(id));
    for (;;) {
      const seen = Atomics.load(shared.signal, 0);
      this.drain();
      if (done()) break;
      if (Atomics.wait(shared.signal, 0, seen, STALL_MS) === 'timed-out') {
        throw new Error(
          `CloudFormation validation: no answer from its workers in ${STALL_MS / 1000} s`,
        );
      }
    }
    const failed = (answer: Answer, what: string) => {
      if (answer.error !== undefined) {
        throw new Error(`CloudFormation validation of ${what} failed: ${answer.error}`);
      }
      return answer.diagnostics ?? [];
    };
    const batch = new Map<number, readonly Diagnostic[]>();
    for (let i = 0; i < count; i++) batch.set(i, failed(this.batchAnswers.get(i)!, describe(i)));
    const early = new Map<number, readonly Diagnostic[]>();
    for (const [id, templatePath] of earlyIds) {
      early.set(id, failed(this.earlyAnswers.get(id)!, templatePath));
    }
    return { batch, early };
  }

  /** Sorts every answer waiting on the workers' ports into batch and early answers. */
  private drain(): void {
    for (const worker of this.workers) {
      for (let m = receiveMessageOnPort(worker.port); m; m = receiveMessageOnPort(worker.port)) {
        const answer = m.message as Answer;
        // An answer to work of the pool that held this worker before is nobody's now.
        if (answer.early !== undefined) {
          if (this.earlyWorker.has(answer.early)) this.earlyAnswers.set(answer.early, answer);
        } else if (answer.batch === this.batchId) {
          this.batchAnswers.set(answer.index!, answer);
        }
      }
    }
  }

  /**
   * Leaves the first worker, engine built, to the next pool of this process (see
   * {@link MAX_IDLE_WORKERS}) and stops the others.
   */
  dispose(): void {
    for (const w of this.workers.splice(0)) {
      if (w.alive && shared.idle.length < MAX_IDLE_WORKERS) shared.idle.push(w);
      else w.terminate();
    }
  }
}

/** One template for the engine, with aws-cdk-lib's options for its stack. */
export interface ValidationJob {
  readonly templatePath: string;
  readonly options: unknown;
  /** The template itself, when it must be validated as read now rather than when its turn comes. */
  readonly content?: string;
}

let prestarted: EnginePool | undefined;

/**
 * Starts an engine now, for the next {@link takePrestartedPool}: building one takes seconds,
 * which then overlap loading and building the app. Does nothing with `CDK_VALIDATION=false`,
 * where CDK validates nothing, or with an aws-cdk-lib whose plugin lib/validation does not
 * mirror (its own plugin then validates).
 */
export function prestartEnginePool(): void {
  if (process.env.CDK_VALIDATION !== 'false' && mirrorsInstalledPlugin()) {
    prestarted ??= new EnginePool();
  }
}

/** The pool {@link prestartEnginePool} started, once; undefined afterwards or if none. */
export function takePrestartedPool(): EnginePool | undefined {
  const pool = prestarted;
  prestarted = undefined;
  return pool;
}

/**
 * The V8 flag {@link EnginePool}'s workers need, or undefined when the process was started with
 * its own `--wasm-tiering-budget` (which is then left alone).
 */
export function wasmTieringFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((a) => /^--wasm[-_]tiering[-_]budget(=|$)/.test(a))) return undefined;
  return `--wasm-tiering-budget=${WASM_TIERING_BUDGET}`;
}

let tieringSet = false;

/** V8's flags are the process's: set once, before the first worker compiles the engine. */
function setWasmTiering(): void {
  if (tieringSet) return;
  tieringSet = true;
  const flag = wasmTieringFlag(process.execArgv);
  if (flag !== undefined) v8.setFlagsFromString(flag);
}

let workersStarted = 0;

/**
 * Worker threads (engines) this copy of the module has started so far; a worker it took over
 * from another copy's pool is not counted (see {@link processWorkers}).
 */
export function enginesStarted(): number {
  return workersStarted;
}

/** One engine in one worker thread. */
class ValidationWorker {
  readonly port: MessagePort;
  private readonly worker: Worker;
  /** False once the thread has exited: it is then never handed to another pool. */
  alive = true;

  constructor(rules: readonly RuleSource[]) {
    setWasmTiering();
    workersStarted++;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modulePath: validateModulePath(),
        signal: shared.signal.buffer,
        port: port2,
        rules,
      },
      transferList: [port2],
      // Only the engine: the app's own `-r @swc-node/register` is not needed in the worker; a
      // CPU profile of the app (`node --cpu-prof`, npm run bench) covers the workers too.
      execArgv: profilingFlags(process.execArgv),
    });
    // A worker never keeps the process alive (e.g. when synthesis fails before validation).
    this.worker.unref();
    this.port.unref();
    this.worker.once('exit', () => (this.alive = false));
  }

  /** A batch, an early job, or only the rules its engine is to carry from now on. */
  send(
    message:
      | { rules: readonly RuleSource[]; batch: number; next: SharedArrayBuffer; jobs: unknown[] }
      | { rules: readonly RuleSource[]; early: number; job: unknown }
      | { rules: readonly RuleSource[] },
  ): void {
    this.port.postMessage(message);
  }

  terminate(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/** The installed aws-cdk-lib, whose engine, rules and plugin this module uses and mirrors. */
export const AWS_CDK_LIB = path.dirname(require.resolve('aws-cdk-lib/package.json'));
const RULES_DIRECTORY = path.join(AWS_CDK_LIB, 'core/lib/validation/rules');

/**
 * sha256 of the aws-cdk-lib file lib/validation mirrors (`core/lib/validation/
 * cloudformation-validate-plugin.js` of aws-cdk-lib 2.276.0): its engine options and the way it
 * turns diagnostics into a report. With an aws-cdk-lib whose file differs, applyChecks leaves
 * aws-cdk-lib's own plugin to validate (slower, never different). After an upgrade, run
 * `npx jest test/validation` (the comparisons with the installed plugin) and update this value.
 */
export const MIRRORED_PLUGIN_SHA256 =
  'e1a8746a1fc1f092e2714c629e9a1aa2ed3b2c62f7204c36600485268d10b826';

/**
 * True when `file` (by default the installed aws-cdk-lib's plugin) is the one lib/validation
 * mirrors.
 */
export function mirrorsInstalledPlugin(
  file = path.join(AWS_CDK_LIB, 'core/lib/validation/cloudformation-validate-plugin.js'),
): boolean {
  return (
    fs.existsSync(file) &&
    crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') ===
      MIRRORED_PLUGIN_SHA256
  );
}

/** The engine aws-cdk-lib loads: its own dependency, not whatever a vendor's tree hoists. */
function validateModulePath(): string {
  return require.resolve('@aws/cloudformation-validate', { paths: [AWS_CDK_LIB] });
}

/** aws-cdk-lib's default Rego rules for these resource types, in its order. */
export function builtinRules(types: ReadonlySet<string>): RuleSource[] {
  const index = JSON.parse(
    fs.readFileSync(path.join(RULES_DIRECTORY, 'index.generated.json'), 'utf-8'),
  ) as { rules: { file: string; types: string[] | null }[] };
  return index.rules
    .filter((r) => r.types === null || r.types.some((t) => types.has(t)))
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((r) => ({
      name: r.file,
      content: fs.readFileSync(path.join(RULES_DIRECTORY, r.file), 'utf-8'),
    }));
}

/**
 * The `--cpu-prof*` flags of `execArgv`, each with its value, whether written `--flag=value` or
 * `--flag value` (node refuses a worker whose `--cpu-prof-interval` lost its value).
 */
export function profilingFlags(execArgv: readonly string[]): string[] {
  const flags: string[] = [];
  execArgv.forEach((arg, i) => {
    if (!arg.startsWith('--cpu-prof')) return;
    flags.push(arg);
    const value = execArgv[i + 1];
    if (
      arg !== '--cpu-prof' &&
      !arg.includes('=') &&
      value !== undefined &&
      !value.startsWith('-')
    ) {
      flags.push(value);
    }
  });
  return flags;
}
