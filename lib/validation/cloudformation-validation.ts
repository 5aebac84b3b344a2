import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import {
  type App,
  CloudFormationValidatePlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolatingResource,
  type PolicyViolation,
  Validations,
} from 'aws-cdk-lib';
import { registeredPlugins } from '../nag/registration';
import { WORKER_SOURCE } from './worker-source';

// aws-cdk-lib's engine options, verbatim (core/lib/validation/cloudformation-validate-plugin.js):
// the same rules are excluded, so the findings are the ones `cdk synth` reports without us.
const IGNORE_RULES = ['W3005', 'W1020', 'I4010', 'W4011', 'W4012', 'W9002', 'W9013', 'W1103'];
const EXCLUDED_SERVICES = [{ ruleId: 'W3697', service: 'AWS::AutoScaling' }];

/**
 * Template bytes one more worker must have to itself before it pays for its engine: building
 * one costs about 1.3–2.3 s of CPU, validating costs about 0.3 s per MB (measured with
 * `npm run bench` on 2 cores: 402 templates, 41 MB, 12 s).
 */
const BYTES_PER_EXTRA_WORKER = 12 * 1024 * 1024;
const MAX_WORKERS = 4;
/** A worker that answers nothing for this long is taken as dead; synthesis then fails. */
const STALL_MS = 10 * 60 * 1000;

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
  readonly id: number;
  readonly diagnostics?: readonly Diagnostic[];
  readonly error?: string;
}

interface RuleSource {
  readonly name: string;
  readonly content: string;
}

/** Options of {@link ParallelCloudFormationValidation}. */
export interface ParallelCloudFormationValidationProps {
  /**
   * Worker threads, one engine each.
   *
   * @default - one, plus one per 12 MB of distinct templates, at most the cores and at most 4
   */
  readonly workers?: number;
}

/** One engine in one worker thread. */
class ValidationWorker {
  readonly port: MessagePort;
  private readonly worker: Worker;
  private rules: readonly RuleSource[];

  constructor(signal: SharedArrayBuffer, rules: readonly RuleSource[]) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.rules = rules;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath: validateModulePath(), signal, port: port2, rules },
      transferList: [port2],
      // Only the engine: the app's own `-r @swc-node/register` is not needed in the worker.
      execArgv: [],
    });
    // A worker never keeps the process alive (e.g. when synthesis fails before validation).
    this.worker.unref();
    this.port.unref();
  }

  send(job: { id: number; templatePath: string; options: unknown }, rules: readonly RuleSource[]) {
    const rebuild = !sameRules(rules, this.rules);
    this.rules = rules;
    this.port.postMessage(rebuild ? { ...job, rules } : job);
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
 * - templates are validated in that worker, and in more workers when the templates are large
 *   enough to repay another engine;
 * - a template whose bytes, account and region equal an earlier one's is validated once
 *   (the engine reads nothing else), so identical work is never repeated.
 *
 * Being a `CloudFormationValidatePlugin`, it replaces the built-in instance (CDK runs only one),
 * keeps its plugin name, so that `Validations.of(x).acknowledge({ id: 'E3002', … })` and the
 * report's grouping work unchanged, and keeps CDK's handling of its errors as warnings unless the
 * feature flag makes them errors (EVD-1).
 */
export class ParallelCloudFormationValidation extends CloudFormationValidatePlugin {
  private readonly signal = new SharedArrayBuffer(4);
  private readonly counter = new Int32Array(this.signal);
  private readonly workers: ValidationWorker[] = [];
  private readonly fixedWorkers?: number;

  constructor(props: ParallelCloudFormationValidationProps = {}) {
    super();
    if (props.workers !== undefined && !(Number.isInteger(props.workers) && props.workers >= 1)) {
      throw new Error(
        `ParallelCloudFormationValidation: workers = ${props.workers}: give a whole number of 1 or more`,
      );
    }
    this.fixedWorkers = props.workers;
    // No resource type is known yet: start with the rules every template gets.
    this.workers.push(new ValidationWorker(this.signal, builtinRules(new Set())));
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    try {
      return this.validateAll(context);
    } finally {
      this.dispose();
    }
  }

  /** Stops the workers; a later `validate` starts new ones. */
  dispose(): void {
    for (const w of this.workers.splice(0)) w.terminate();
  }

  private validateAll(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const stacks = context.stackTemplates;
    const contents = stacks.map((s) => fs.readFileSync(s.templatePath, 'utf-8'));
    const rules = builtinRules(resourceTypes(contents));

    // Identical bytes, account and region give identical diagnostics: validate the first only.
    const keyOf = (i: number) =>
      crypto
        .createHash('sha256')
        .update(`${stacks[i].accountId ?? ''}\0${stacks[i].region ?? ''}\0`)
        .update(contents[i])
        .digest('hex');
    const firstWithKey = new Map<string, number>();
    const sameAs = stacks.map((_, i) => {
      const key = keyOf(i);
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, i);
      return first ?? i;
    });
    const queue = stacks.map((_, i) => i).filter((i) => sameAs[i] === i);

    const bytes = queue.reduce((sum, i) => sum + contents[i].length, 0);
    const wanted =
      this.fixedWorkers ??
      Math.min(
        MAX_WORKERS,
        os.availableParallelism(),
        1 + Math.floor(bytes / BYTES_PER_EXTRA_WORKER),
        Math.max(queue.length, 1),
      );
    while (this.workers.length < wanted)
      this.workers.push(new ValidationWorker(this.signal, rules));

    const diagnostics = new Map<number, readonly Diagnostic[]>();
    const idle = [...this.workers];
    const busy = new Map<number, ValidationWorker>();
    const dispatch = () => {
      while (idle.length > 0 && queue.length > 0) {
        const id = queue.shift()!;
        const worker = idle.shift()!;
        busy.set(id, worker);
        worker.send(
          { id, templatePath: stacks[id].templatePath, options: engineOptions(stacks[id]) },
          rules,
        );
      }
    };
    dispatch();
    while (busy.size > 0) {
      const seen = Atomics.load(this.counter, 0);
      for (const worker of this.workers) {
        for (let m = receiveMessageOnPort(worker.port); m; m = receiveMessageOnPort(worker.port)) {
          const answer = m.message as Answer;
          if (answer.error !== undefined) {
            throw new Error(
              `CloudFormation validation of ${stacks[answer.id].templatePath} failed: ${answer.error}`,
            );
          }
          diagnostics.set(answer.id, answer.diagnostics ?? []);
          busy.delete(answer.id);
          idle.push(worker);
        }
      }
      dispatch();
      if (busy.size > 0 && Atomics.wait(this.counter, 0, seen, STALL_MS) === 'timed-out') {
        throw new Error(
          `CloudFormation validation: no answer from its worker in ${STALL_MS / 1000} s`,
        );
      }
    }

    return toReport(
      stacks.map((s) => ({
        templatePath: s.templatePath,
        stackConstructPath: s.stackConstructPath,
      })),
      stacks.map((_, i) => diagnostics.get(sameAs[i])!),
    );
  }
}

const started = new WeakMap<App, ParallelCloudFormationValidation>();

/**
 * Starts building the validation engine for `app` now, in the background, so that it is ready
 * when synthesis needs it; {@link registerCloudFormationValidation} then registers this
 * instance. Call it right after `new App()`. Does nothing where CDK would not validate.
 */
export function startCloudFormationValidation(app: App): void {
  if (builtinValidationEnabled(app) && !started.has(app)) {
    started.set(app, new ParallelCloudFormationValidation());
  }
}

/**
 * Registers {@link ParallelCloudFormationValidation} on `app` where aws-cdk-lib would run its
 * built-in CloudFormation validation (the one started early for this app, or a new one), after
 * the plugins already registered, which is where CDK runs the built-in one. Does nothing where
 * CDK would not validate (`CDK_VALIDATION=false`, `builtinCloudFormationValidation: false`) or
 * where the app already carries a `CloudFormationValidatePlugin` of its own (e.g. with custom
 * rules).
 */
export function registerCloudFormationValidation(app: App): void {
  const early = started.get(app);
  started.delete(app);
  const own = registeredPlugins(app).some((p) => p instanceof CloudFormationValidatePlugin);
  if (!builtinValidationEnabled(app) || own) {
    early?.dispose();
    return;
  }
  Validations.of(app).addPlugins(early ?? new ParallelCloudFormationValidation());
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

function resourceTypes(templates: readonly string[]): Set<string> {
  const types = new Set<string>();
  for (const t of templates) {
    try {
      const parsed = JSON.parse(t) as { Resources?: Record<string, { Type?: unknown }> };
      for (const r of Object.values(parsed?.Resources ?? {})) {
        if (r && typeof r === 'object' && typeof r.Type === 'string') types.add(r.Type);
      }
    } catch {
      // An unparsable template reaches the engine, which reports it.
    }
  }
  return types;
}

function sameRules(a: readonly RuleSource[], b: readonly RuleSource[]): boolean {
  return (
    a.length === b.length && a.every((r, i) => r.name === b[i].name && r.content === b[i].content)
  );
}
