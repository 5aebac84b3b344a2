import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { logicalIdOf } from './values';

/**
 * Lookups of other resources made during one validation pass over one app, built by whoever
 * runs the pass (GovCloudChecks per `validateScope`, the evidence collector per collection) and
 * handed to every rule with the node, so that a rule stays a function of `(node, index)`. The
 * construct tree does not change during a pass but may change between passes (tests add
 * resources and validate again), hence one index per pass. Without it, each rule that looks for
 * related resources walks the whole app again, which is quadratic in the number of resources.
 *
 * A node of another app than the index's is answered without the index (computed every time),
 * as a one-off `ResourceIndex.of(node)` is.
 */
export class ResourceIndex {
  /** A fresh index for the app of `scope`, for one pass (or one question outside a pass). */
  public static of(scope: IConstruct): ResourceIndex {
    return new ResourceIndex(scope.node.root);
  }

  private all?: CfnResource[];
  private readonly byLogicalId = new Map<Stack, Map<string, CfnResource>>();
  /** Answers about one resource that several rules ask for, by question. */
  private readonly answers = new Map<string, Map<IConstruct, unknown>>();
  /** Indexes built over the whole app, by question (e.g. the reverse reference indexes). */
  private readonly builds = new Map<string, unknown>();

  private constructor(private readonly root: IConstruct) {}

  /**
   * `compute(node)`, remembered for this pass under `question`: several rules ask the same thing
   * about a resource (e.g. whether a bucket receives SSE-S3-only log deliveries), and each answer
   * scans the app. `node` may also be the app's root, for a question about the whole app.
   */
  public remembered<N extends IConstruct, T>(
    question: string,
    node: N,
    compute: (node: N) => T,
  ): T {
    if (!this.covers(node)) return compute(node);
    let answers = this.answers.get(question);
    if (!answers) {
      answers = new Map();
      this.answers.set(question, answers);
    }
    if (!answers.has(node)) answers.set(node, compute(node));
    return answers.get(node) as T;
  }

  /** `build()` of an index over the whole app of `node`, made once per pass under `question`. */
  public built<T>(question: string, node: IConstruct, build: () => T): T {
    if (!this.covers(node)) return build();
    if (!this.builds.has(question)) this.builds.set(question, build());
    return this.builds.get(question) as T;
  }

  /** Every CloudFormation resource in the app that `node` belongs to. */
  public allResources(node: IConstruct): CfnResource[] {
    if (this.covers(node) && this.all) return this.all;
    const all = node.node.root.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c));
    if (this.covers(node)) this.all = all;
    return all;
  }

  /** Every CloudFormation resource of `stack` itself (not of its nested stacks). */
  public resourcesInStack(stack: Stack): CfnResource[] {
    const byStack = this.built('resources by stack', stack, () => {
      const grouped = new Map<Stack, CfnResource[]>();
      for (const r of this.allResources(stack)) {
        const own = Stack.of(r);
        const list = grouped.get(own);
        if (list) list.push(r);
        else grouped.set(own, [r]);
      }
      return grouped;
    });
    return byStack.get(stack) ?? [];
  }

  /** The resource in `stack` (not in a nested stack) with the given logical ID. */
  public resourceByLogicalId(stack: Stack, logicalId: string): CfnResource | undefined {
    let byId = this.covers(stack) ? this.byLogicalId.get(stack) : undefined;
    if (!byId) {
      byId = new Map(
        stack.node
          .findAll()
          .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
          .map((c) => [logicalIdOf(c), c]),
      );
      if (this.covers(stack)) this.byLogicalId.set(stack, byId);
    }
    return byId.get(logicalId);
  }

  private covers(node: IConstruct): boolean {
    return node.node.root === this.root;
  }
}
