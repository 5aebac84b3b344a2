import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import {
  type App,
  CfnResource,
  CloudFormationValidatePlugin,
  type IPolicyValidationPlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolatingResource,
  type PolicyViolation,
} from 'aws-cdk-lib';
import { registeredPlugins } from '../nag/registration';
import { WORKER_SOURCE } from './worker-source';

// aws-cdk-lib's engine options, verbatim (core/lib/validation/cloudformation-validate-plugin.js):
// the same rules are excluded, so the findings are the ones `cdk synth` reports without us.
const IGNORE_RULES = ['W3005', 'W1020', 'I4010', 'W4011', 'W4012', 'W9002', 'W9013', 'W1103'];
const EXCLUDED_SERVICES = [{ ruleId: 'W3697', service: 'AWS::AutoScaling' }];

/**
 * Resources one more worker must have to itself before it pays for its engine: building one
 * costs about 1.3–2.3 s of CPU, validating about 0.7 ms per resource (measured on 2 cores: the
 * 200-municipality bench app, 402 templates, 16,600 resources, 12 s).
 */
const RESOURCES_PER_EXTRA_WORKER = 5000;
const MAX_WORKERS = 4;
/** A worker that answers nothing for this long is taken as dead; synthesis then fails. */
const STALL_MS = 10 * 60 * 1000;
/** Indices into the counters shared with the workers (see worker-source.ts). */
const ANSWERS = 0;
const NEXT = 1;

interface Diagnostic {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly propertyPath?: string;
  readonly suggestedFix?: string;
  readonly category?: string;
  readonly entity?: { readonly entityType: string; readonly logicalId?: string };
}

interface Answer {
  readonly index: number;
  readonly diagnostics?: readonly Diagnostic[];
  readonly error?: string;
}

interface RuleSource {
  readonly name: string;
  readonly content: string;
}

type Stacks = IPolicyValidationContext['stackTemplates'];

/** One validation pass handed to the workers, collected by `validate`. */
interface Batch {
  readonly stacks: Stacks;
  /** For each stack, the stack whose answer it takes (itself, or an identical earlier one). */
  readonly sameAs: readonly number[];
  /** The stacks the workers validate, in the order they take them. */
  readonly jobs: readonly number[];
  readonly diagnostics: Map<number, readonly Diagnostic[]>;
}

/** Options of {@link ParallelCloudFormationValidation}. */
export interface ParallelCloudFormationValidationProps {
  /**
   * Worker threads, one engine each.
   *
   * @default - one, plus one per 5,000 resources, at most the cores and at most 4
   */
  readonly workers?: number;
}

/** One engine in one worker thread. */
class ValidationWorker {
  readonly port: MessagePort;
  private readonly worker: Worker;

  constructor(shared: SharedArrayBuffer, rules: readonly RuleSource[]) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath: validateModulePath(), shared, port: port2, rules },
      transferList: [port2],
      // Only the engine: the app's own `-r @swc-node/register` is not needed in the worker; a
      // CPU profile of the app (`node --cpu-prof`, npm run bench) covers the workers too.
      execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
    });
    // A worker never keeps the process alive (e.g. when synthesis fails before validation).
    this.worker.unref();
    this.port.unref();
  }

  send(batch: { jobs: unknown[]; rules: readonly RuleSource[] }): void {
    this.port.postMessage(batch);
  }

  terminate(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/**
 * aws-cdk-lib's CloudFormation schema validation (`CloudFormationValidatePlugin`, the
 * `@aws-cdk/core:validateAgainstDefaultRules` check), with the same engine, options and findings,
 * at a fraction of the wall time (issue 16):
 *
 * - its engine is built in a worker thread as soon as the plugin exists, while the app builds
 *   its constructs, instead of after every template is written;
 * - templates are validated in that worker, and in more workers when the app is large enough
 *   to repay another engine; with {@link CloudFormationValidationStart} registered before the
 *   other plugins, the workers validate while the rule packs run;
 * - a template whose bytes, account and region equal an earlier one's is validated once
 *   (the engine reads nothing else), so identical work is never repeated.
 *
 * Being a `CloudFormationValidatePlugin`, it replaces the built-in instance (CDK runs only one),
 * keeps its plugin name, so that `Validations.of(x).acknowledge({ id: 'CloudFormation-Validate::F3002', … })`
 * and the report's grouping work unchanged, and keeps CDK's handling of its errors as warnings
 * unless the feature flag makes them errors (EVD-1).
 */
export class ParallelCloudFormationValidation extends CloudFormationValidatePlugin {
  private readonly shared = new SharedArrayBuffer(8);
  private readonly counters = new Int32Array(this.shared);
  private readonly workers: ValidationWorker[] = [];
  private readonly fixedWorkers?: number;
  private batch?: Batch;

  constructor(props: ParallelCloudFormationValidationProps = {}) {
    super();
    if (props.workers !== undefined && !(Number.isInteger(props.workers) && props.workers >= 1)) {
      throw new Error(
        `ParallelCloudFormationValidation: workers = ${props.workers}: give a whole number of 1 or more`,
      );
    }
    this.fixedWorkers = props.workers;
    // No resource type is known yet: start with the rules every template gets.
    this.workers.push(new ValidationWorker(this.shared, builtinRules(new Set())));
  }

  /**
   * Starts the workers `resources` resources repay now, so that their engines are built by the
   * time the templates are written.
   */
  expectResources(resources: number): void {
    this.spawn(this.workerCount(resources), builtinRules(new Set()));
  }

  /** Hands every template of `context` to the workers and returns at once. */
  begin(context: IPolicyValidationContext): void {
    const stacks = context.stackTemplates;
    const contents = stacks.map((s) => fs.readFileSync(s.templatePath, 'utf-8'));
    const parsed = contents.map(resourcesOf);
    const rules = builtinRules(new Set(parsed.flatMap((r) => r.types)));

    // Identical bytes, account and region give identical diagnostics: validate the first only.
    const firstWithKey = new Map<string, number>();
    const sameAs = stacks.map((stack, i) => {
      const key = crypto
        .createHash('sha256')
        .update(`${stack.accountId ?? ''}\0${stack.region ?? ''}\0`)
        .update(contents[i])
        .digest('hex');
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, i);
      return first ?? i;
    });
    const jobs = stacks.map((_, i) => i).filter((i) => sameAs[i] === i);
    const resources = jobs.reduce((sum, i) => sum + parsed[i].count, 0);
    this.spawn(Math.min(this.workerCount(resources), Math.max(jobs.length, 1)), rules);

    Atomics.store(this.counters, NEXT, 0);
    const batch = {
      rules,
      jobs: jobs.map((i) => ({
        templatePath: stacks[i].templatePath,
        options: engineOptions(stacks[i]),
      })),
    };
    for (const w of this.workers) w.send(batch);
    this.batch = { stacks, sameAs, jobs, diagnostics: new Map() };
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    try {
      if (!this.batch || stacksKey(this.batch.stacks) !== stacksKey(context.stackTemplates)) {
        this.begin(context);
      }
      const batch = this.batch!;
      this.collect(batch);
      return toReport(
        batch.stacks,
        batch.stacks.map((_, i) => batch.diagnostics.get(batch.sameAs[i])!),
      );
    } finally {
      this.batch = undefined;
      this.dispose();
    }
  }

  /** Stops the workers; a later `validate` starts new ones. */
  dispose(): void {
    for (const w of this.workers.splice(0)) w.terminate();
  }

  private workerCount(resources: number): number {
    return (
      this.fixedWorkers ??
      Math.min(
        MAX_WORKERS,
        os.availableParallelism(),
        1 + Math.floor(resources / RESOURCES_PER_EXTRA_WORKER),
      )
    );
  }

  private spawn(count: number, rules: readonly RuleSource[]): void {
    while (this.workers.length < count) this.workers.push(new ValidationWorker(this.shared, rules));
  }

  /** Waits for every answer of `batch`. */
  private collect(batch: Batch): void {
    while (batch.diagnostics.size < batch.jobs.length) {
      const seen = Atomics.load(this.counters, ANSWERS);
      for (const worker of this.workers) {
        for (let m = receiveMessageOnPort(worker.port); m; m = receiveMessageOnPort(worker.port)) {
          const answer = m.message as Answer;
          const stack = batch.jobs[answer.index];
          if (answer.error !== undefined) {
            throw new Error(
              `CloudFormation validation of ${batch.stacks[stack].templatePath} failed: ${answer.error}`,
            );
          }
          batch.diagnostics.set(stack, answer.diagnostics ?? []);
        }
      }
      if (
        batch.diagnostics.size < batch.jobs.length &&
        Atomics.wait(this.counters, ANSWERS, seen, STALL_MS) === 'timed-out'
      ) {
        throw new Error(
          `CloudFormation validation: no answer from its workers in ${STALL_MS / 1000} s`,
        );
      }
    }
  }
}

/**
 * Hands the templates to {@link ParallelCloudFormationValidation}'s workers as soon as CDK
 * starts validating, so that they validate while the plugins registered before the
 * validation's own slot (the rule packs) run. Its own report is always empty, and CDK leaves
 * empty reports out of the validation report.
 */
export class CloudFormationValidationStart implements IPolicyValidationPlugin {
  readonly name = 'CloudFormation Validate (start)';

  constructor(private readonly validation: ParallelCloudFormationValidation) {}

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.validation.begin(context);
    return { success: true, violations: [] };
  }
}

const started = new WeakMap<App, ParallelCloudFormationValidation>();

/**
 * Starts building the validation engine for `app` now, in the background, so that it is ready
 * when synthesis needs it; {@link cloudFormationValidationFor} then returns this instance. Call
 * it right after `new App()`. Does nothing where CDK would not validate.
 */
export function startCloudFormationValidation(app: App): void {
  if (builtinValidationEnabled(app) && !started.has(app)) {
    started.set(app, new ParallelCloudFormationValidation());
  }
}

/**
 * The plugins that replace aws-cdk-lib's built-in CloudFormation validation of `app`: the
 * {@link CloudFormationValidationStart} to register before every other plugin, and the
 * validation itself to register after them (where CDK runs the built-in one). Uses the instance
 * started early for this app, or a new one, and starts the workers the app's resources repay.
 * Undefined where CDK would not validate (`CDK_VALIDATION=false`,
 * `builtinCloudFormationValidation: false`) or where the app already carries a
 * `CloudFormationValidatePlugin` of its own (e.g. with custom rules).
 */
export function cloudFormationValidationFor(
  app: App,
):
  | { start: CloudFormationValidationStart; validation: ParallelCloudFormationValidation }
  | undefined {
  const early = started.get(app);
  started.delete(app);
  const own = registeredPlugins(app).some((p) => p instanceof CloudFormationValidatePlugin);
  if (!builtinValidationEnabled(app) || own) {
    early?.dispose();
    return undefined;
  }
  const validation = early ?? new ParallelCloudFormationValidation();
  validation.expectResources(app.node.findAll().filter(CfnResource.isCfnResource).length);
  return { start: new CloudFormationValidationStart(validation), validation };
}

function builtinValidationEnabled(app: App): boolean {
  return (
    (app as unknown as { _builtinCloudFormationValidation?: boolean })
      ._builtinCloudFormationValidation !== false && process.env.CDK_VALIDATION !== 'false'
  );
}

function engineOptions(stack: { accountId?: string; region?: string }) {
  return {
    detailLevel: 'STANDARD',
    pseudoParameterOverrides: { accountId: stack.accountId, region: stack.region },
    exclude: { ids: IGNORE_RULES, services: EXCLUDED_SERVICES },
    severityLevel: 'WARN',
  };
}

/**
 * The plugin report aws-cdk-lib builds from the engine's diagnostics, built the same way: one
 * violation per rule, severity and description, its resources in template order.
 */
export function toReport(
  stacks: readonly { templatePath: string; stackConstructPath: string }[],
  diagnosticsPerStack: readonly (readonly Diagnostic[])[],
): PolicyValidationPluginReport {
  const violations: {
    ruleName: string;
    description: string;
    severity: string;
    fix?: string;
    violatingResources: PolicyViolatingResource[];
    ruleMetadata?: Record<string, string>;
  }[] = [];
  stacks.forEach(({ templatePath, stackConstructPath }, i) => {
    for (const d of diagnosticsPerStack[i]) {
      const severity = mapSeverity(d.severity);
      const resourceLogicalId =
        d.entity?.entityType === 'Resource' ? d.entity.logicalId : undefined;
      const resource = {
        resourceLogicalId,
        constructPath: resourceLogicalId ? undefined : stackConstructPath,
        templatePath,
        locations: d.propertyPath ? [d.propertyPath] : [],
      };
      const description = `${d.propertyPath ? `${d.propertyPath.replace(/^Properties\./, '')}: ` : ''}${d.message}`;
      const existing = violations.find(
        (v) => v.ruleName === d.ruleId && v.severity === severity && v.description === description,
      );
      if (existing) existing.violatingResources.push(resource);
      else
        violations.push({
          ruleName: d.ruleId,
          description,
          severity,
          fix: d.suggestedFix,
          violatingResources: [resource],
          ruleMetadata: d.category ? { category: d.category } : undefined,
        });
    }
  });
  return {
    success: violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'),
    violations: violations satisfies PolicyViolation[],
  };
}

function mapSeverity(severity: string): string {
  switch (severity) {
    case 'FATAL':
    case 'ERROR':
      return 'error';
    case 'INFO':
      return 'informational';
    case 'DEBUG':
      return 'debug';
    default:
      return 'warning';
  }
}

const AWS_CDK_LIB = path.dirname(require.resolve('aws-cdk-lib/package.json'));
const RULES_DIRECTORY = path.join(AWS_CDK_LIB, 'core/lib/validation/rules');

/** The engine aws-cdk-lib loads: its own dependency, not whatever a vendor's tree hoists. */
function validateModulePath(): string {
  return require.resolve('@aws/cloudformation-validate', { paths: [AWS_CDK_LIB] });
}

/** aws-cdk-lib's default Rego rules for these resource types, in its order. */
function builtinRules(types: ReadonlySet<string>): RuleSource[] {
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

/** The resource types of a template and how many resources it has. */
function resourcesOf(template: string): { types: string[]; count: number } {
  try {
    const parsed = JSON.parse(template) as { Resources?: Record<string, { Type?: unknown }> };
    const resources = Object.values(parsed?.Resources ?? {});
    const types = resources.flatMap((r) =>
      r && typeof r === 'object' && typeof r.Type === 'string' ? [r.Type] : [],
    );
    return { types, count: resources.length };
  } catch {
    // An unparsable template reaches the engine, which reports it.
    return { types: [], count: 0 };
  }
}

/** Which templates, for which account and region: CDK gives each plugin its own copy. */
function stacksKey(stacks: Stacks): string {
  return JSON.stringify(stacks.map((s) => [s.templatePath, s.accountId, s.region]));
}
