/** True when an IAM action pattern `pattern` matches every action `candidate` can match. */
export function actionPatternCovers(pattern: string, candidate: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    'i',
  );
  return regex.test(candidate);
}
