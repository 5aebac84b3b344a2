import type { RequirementId } from '../../domain/requirements';

/** One thing wrong with a config file. */
export interface ConfigProblem {
  /** Dotted path of the field, e.g. `municipality.code`; `(file)` for the file itself. */
  readonly field: string;
  /** The rejected value, as JSON; undefined when the field is missing. */
  readonly value?: string;
  /** The requirement the field serves. */
  readonly requirement: RequirementId;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /** Where in the file, as `line:column` (1-based), when known. */
  readonly location?: string;
}

/** Renders a problem as one line: field, value, requirement, problem, fix. */
export function formatProblem(p: ConfigProblem): string {
  const value = p.value === undefined ? '(missing)' : p.value;
  const at = p.location ? `line ${p.location}: ` : '';
  return `${at}${p.field} = ${value} [${p.requirement}]: ${p.problem}. Fix: ${p.fix}.`;
}

/**
 * A config file that cannot be used. Carries every problem found, not only the first, so
 * one run tells the user everything to correct.
 */
export class ConfigError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: readonly ConfigProblem[],
  ) {
    super(
      [
        `Invalid configuration ${source} (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
        ...problems.map((p) => `  - ${formatProblem(p)}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}
