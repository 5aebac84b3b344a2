import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import {
  type App,
  CfnResource,
  CloudFormationValidatePlugin,
  type ISynthesisSession,
  Stack,
  type IPolicyValidationPlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolatingResource,
  type PolicyViolation,
} from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { registeredPlugins } from '../nag/registration';
import {
  type Diagnostic,
  EnginePool,
  type RuleSource,
  builtinRules,
  mirrorsInstalledPlugin,
  takePrestartedPool,
} from './engine-pool';

// aws-cdk-lib's engine options, verbatim (core/lib/validation/cloudformation-validate-plugin.js):
// the same rules are excluded, so the findings are the ones aws-cdk-lib's own plugin reports.
const IGNORE_RULES = ['W3005', 'W1020', 'I4010', 'W4011', 'W4012', 'W9002', 'W9013', 'W1103'];
const EXCLUDED_SERVICES = [{ ruleId: 'W3697', service: 'AWS::AutoScaling' }];

type Stacks = IPolicyValidationContext['stackTemplates'];

/** One validation pass handed to the workers, collected by `validate`. */
interface Batch {
  readonly stacks: Stacks;
  /** For each stack, the stack whose answer it takes (itself, or an identical earlier one). */
  readonly sameAs: readonly number[];
  /** The stacks the workers validate, in the order they take them. */
  readonly jobs: readonly number[];
  /** The stacks whose answer is an early job's, with that job's id. */
  readonly early: ReadonlyMap<number, number>;
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

/**
 * aws-cdk-lib's CloudFormation schema validation (`CloudFormationValidatePlugin`, the
 * `@aws-cdk/core:validateAgainstDefaultRules` check), with the same engine, options and findings,
 * at a fraction of the wall time (issue 16):
 *
 * - its engine is built in a worker thread as soon as the plugin exists (or earlier, see
 *   `prestartEnginePool`), while the app builds its constructs, instead of after every
 *   template is written;
 * - templates are validated in that worker, and in more workers when the app is large enough
 *   to repay another engine; with {@link CloudFormationValidationStart} registered before the
 *   other plugins, the workers validate while the rule packs run;
 * - a template whose bytes, account and region equal an earlier one's is validated once
 *   (the engine reads nothing else), so identical work is never repeated;
 * - with {@link validateWhileSynthesizing}, each template is handed to an idle worker as soon
 *   as synthesis has written it, while the main thread writes the others; its answer is used
 *   only if the template validation is then given has the same bytes, account and region.
 *
 * Being a `CloudFormationValidatePlugin`, it replaces the built-in instance (CDK runs only one),
 * keeps its plugin name, so that `Validations.of(x).acknowledge({ id: 'CloudFormation-Validate::F3002', … })`
 * and the report's grouping work unchanged, and keeps CDK's handling of its errors as warnings
 * unless the feature flag makes them errors (EVD-1).
 */
export class ParallelCloudFormationValidation extends CloudFormationValidatePlugin {
  private readonly fixedWorkers?: number;
  private pool?: EnginePool;
  private batch?: Batch;
  /** Early jobs' ids by {@link stackKey}. */
  private readonly early = new Map<string, number>();
  private readonly hooked = new WeakSet<object>();

  constructor(props: ParallelCloudFormationValidationProps = {}) {
    super();
    if (props.workers !== undefined && !(Number.isInteger(props.workers) && props.workers >= 1)) {
      throw new Error(
        `ParallelCloudFormationValidation: workers = ${props.workers}: give a whole number of 1 or more`,
      );
    }
    this.fixedWorkers = props.workers;
    this.pool = takePrestartedPool() ?? new EnginePool();
  }

  /**
   * Starts the workers `resources` resources repay now, so that their engines are built by the
   * time the templates are written.
   */
  expectResources(resources: number): void {
    this.workers().spawn(this.workerCount(resources), builtinRules(new Set()));
  }

  /**
   * Validates each top-level stack of `app` in a worker as soon as synthesis has written its
   * template, so that the workers validate while the main thread writes the other templates
   * (issue 16). Stacks added to the app later are validated with the rest, as without this.
   * `nodes` are the app's constructs, when the caller has already listed them.
   */
  validateWhileSynthesizing(app: App, nodes: readonly IConstruct[] = app.node.findAll()): void {
    for (const stack of nodes.filter(Stack.isStack)) {
      const synthesizer = stack.synthesizer;
      if (stack.nestedStackParent !== undefined || this.hooked.has(synthesizer)) continue;
      this.hooked.add(synthesizer);
      const synthesize = synthesizer.synthesize.bind(synthesizer);
      synthesizer.synthesize = (session: ISynthesisSession) => {
        synthesize(session);
        this.validateEarly(stack, session.outdir);
      };
    }
  }

  /** Hands every template of `context` to the workers and returns at once. */
  begin(context: IPolicyValidationContext): void {
    const stacks = context.stackTemplates;
    const contents = stacks.map((s) => fs.readFileSync(s.templatePath, 'utf-8'));
    const parsed = contents.map(resourcesOf);
    const rules = builtinRules(new Set(parsed.flatMap((r) => r.types)));
    // An early answer came from an engine with the rules every template gets; it stands only if
    // these templates need no others.
    const earlyStands = JSON.stringify(rules) === JSON.stringify(earlyRules());

    // Identical bytes, account and region give identical diagnostics: validate the first only.
    const firstWithKey = new Map<string, number>();
    const early = new Map<number, number>();
    const sameAs = stacks.map((stack, i) => {
      const key = stackKey(stack, contents[i]);
      const first = firstWithKey.get(key);
      if (first === undefined) {
        firstWithKey.set(key, i);
        const id = earlyStands ? this.early.get(key) : undefined;
        if (id !== undefined) early.set(i, id);
      }
      return first ?? i;
    });
    const jobs = stacks.map((_, i) => i).filter((i) => sameAs[i] === i && !early.has(i));
    const resources = jobs.reduce((sum, i) => sum + parsed[i].count, 0);
    const pool = this.workers();
    pool.spawn(Math.min(this.workerCount(resources), Math.max(jobs.length, 1)), rules);
    pool.send(
      rules,
      jobs.map((i) => ({
        templatePath: stacks[i].templatePath,
        options: engineOptions(stacks[i]),
      })),
    );
    this.batch = { stacks, sameAs, jobs, early };
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    try {
      if (!this.batch || stacksKey(this.batch.stacks) !== stacksKey(context.stackTemplates)) {
        this.begin(context);
      }
      const { stacks, sameAs, jobs, early } = this.batch!;
      const answers = this.workers().collect(
        jobs.length,
        (j) => stacks[jobs[j]].templatePath,
        new Map([...early].map(([stack, id]) => [id, stacks[stack].templatePath])),
      );
      const byStack = new Map(jobs.map((stack, j) => [stack, answers.batch.get(j)!]));
      for (const [stack, id] of early) byStack.set(stack, answers.early.get(id)!);
      return toReport(
        stacks,
        stacks.map((_, i) => byStack.get(sameAs[i])!),
      );
    } finally {
      this.batch = undefined;
      this.early.clear();
      this.dispose();
    }
  }

  /** Sends the template synthesis has just written for `stack` to a free worker, if any. */
  private validateEarly(stack: Stack, outdir: string): void {
    const templatePath = path.join(outdir, stack.templateFile);
    const content = fs.readFileSync(templatePath, 'utf-8');
    // The account and region CDK gives validation for this stack's artifact.
    const env = cxapi.EnvironmentUtils.parse(stack.environment);
    const target = {
      accountId: env.account !== cxapi.UNKNOWN_ACCOUNT ? env.account : undefined,
      region: env.region !== cxapi.UNKNOWN_REGION ? env.region : undefined,
    };
    const key = stackKey(target, content);
    if (this.early.has(key)) return;
    const id = this.workers().sendEarly(earlyRules(), {
      templatePath,
      content,
      options: engineOptions(target),
    });
    if (id !== undefined) this.early.set(key, id);
  }

  /** Stops the workers; a later `validate` starts new ones. */
  dispose(): void {
    this.pool?.dispose();
    this.pool = undefined;
  }

  private workers(): EnginePool {
    this.pool ??= new EnginePool();
    return this.pool;
  }

  private workerCount(resources: number): number {
    return this.fixedWorkers ?? EnginePool.workersFor(resources);
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
 * it right after `new App()`. Does nothing where CDK would not validate, or with an aws-cdk-lib
 * this module does not mirror.
 */
export function startCloudFormationValidation(app: App): void {
  if (replacesBuiltinValidation(app) && !started.has(app)) {
    started.set(app, new ParallelCloudFormationValidation());
  }
}

/**
 * Ends what {@link startCloudFormationValidation} started for `app` if synthesis never took it
 * (the app stopped before synthesis): its engine is left to the process's next app.
 */
export function stopCloudFormationValidation(app: App): void {
  started.get(app)?.dispose();
  started.delete(app);
}

/**
 * The plugins that replace aws-cdk-lib's built-in CloudFormation validation of `app`: the
 * {@link CloudFormationValidationStart} to register before every other plugin, and the
 * validation itself to register after them (where CDK runs the built-in one). Uses the instance
 * started early for this app, or a new one, and starts the workers the app's resources repay.
 * Undefined where CDK would not validate (`CDK_VALIDATION=false`,
 * `builtinCloudFormationValidation: false`), where the app already carries a
 * `CloudFormationValidatePlugin` of its own (e.g. with custom rules), or where the installed
 * aws-cdk-lib is not the one this module mirrors (see `MIRRORED_PLUGIN_SHA256`).
 */
export function cloudFormationValidationFor(
  app: App,
):
  | { start: CloudFormationValidationStart; validation: ParallelCloudFormationValidation }
  | undefined {
  const early = started.get(app);
  started.delete(app);
  const own = registeredPlugins(app).some((p) => p instanceof CloudFormationValidatePlugin);
  if (own || !replacesBuiltinValidation(app)) {
    early?.dispose();
    return undefined;
  }
  const validation = early ?? new ParallelCloudFormationValidation();
  const nodes = app.node.findAll();
  validation.expectResources(nodes.filter(CfnResource.isCfnResource).length);
  validation.validateWhileSynthesizing(app, nodes);
  return { start: new CloudFormationValidationStart(validation), validation };
}

/** CDK would validate `app`, and with the plugin this module mirrors. */
function replacesBuiltinValidation(app: App): boolean {
  return (
    (app as unknown as { _builtinCloudFormationValidation?: boolean })
      ._builtinCloudFormationValidation !== false &&
    process.env.CDK_VALIDATION !== 'false' &&
    mirrorsInstalledPlugin()
  );
}

/** The validation's identity of a template: what the engine reads (see `begin`). */
function stackKey(stack: { accountId?: string; region?: string }, content: string): string {
  return crypto
    .createHash('sha256')
    .update(`${stack.accountId ?? ''}\0${stack.region ?? ''}\0`)
    .update(content)
    .digest('hex');
}

let rulesForEveryTemplate: RuleSource[] | undefined;

/** The rules of an early job's engine: those every template gets, as the prestarted engine. */
function earlyRules(): RuleSource[] {
  rulesForEveryTemplate ??= builtinRules(new Set());
  return rulesForEveryTemplate;
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
