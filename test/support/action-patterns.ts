/** True when one of the IAM action patterns (`*` wildcards) matches `action`, as IAM matches. */
export function patternsCover(patterns: readonly string[] | string, action: string): boolean {
  return [patterns]
    .flat()
    .some((p) =>
      new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(
        action,
      ),
    );
}
