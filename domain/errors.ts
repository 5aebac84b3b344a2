import type { RequirementId } from './requirements';

/**
 * What an error needs of the construct that raised it: its path. Structural, so that this layer
 * depends on no library (a `constructs` `IConstruct` fits).
 */
export interface ErrorScope {
  readonly node: { readonly path: string };
}

/** What a {@link GovCloudError} carries besides its message. */
export interface GovCloudErrorProps {
  /**
   * Stable identifier of the problem, PascalCase, unique across the library (e.g.
   * `TrustNamesNobody`). Callers and tests match on it; the wording may change, the code not.
   */
  readonly code: string;
  /** What is wrong: the prop or field, the value received and why it is refused. */
  readonly problem: string;
  /** The requirement the check enforces (要件 ID). */
  readonly requirement: RequirementId;
  /** What to do instead, as one actionable sentence. */
  readonly fix: string;
  /**
   * The construct whose props are wrong; its path is named in the message, so an error in a
   * vendor app points at the construct that raised it.
   * @default - no construct (the check runs before one exists, e.g. a static helper)
   */
  readonly scope?: ErrorScope;
}

/**
 * The one error class of the library (like aws-cdk-lib's `ValidationError`): a stable code, the
 * requirement ID, the fix and the construct path, in a message of the project's shape —
 * `<problem> [<requirement>]: <fix>` followed by the construct path.
 */
export class GovCloudError extends Error {
  /** Stable identifier of the problem. */
  public readonly code: string;
  /** The requirement the failed check enforces. */
  public readonly requirement: RequirementId;
  /** What to do instead. */
  public readonly fix: string;
  /** Path of the construct that raised the error, when there is one. */
  public readonly constructPath?: string;

  constructor(props: GovCloudErrorProps) {
    const at = props.scope ? ` (at ${props.scope.node.path})` : '';
    super(`${props.problem} [${props.requirement}]: ${props.fix}${at}`);
    this.name = 'GovCloudError';
    this.code = props.code;
    this.requirement = props.requirement;
    this.fix = props.fix;
    this.constructPath = props.scope?.node.path;
  }
}
