/**
 * Memoizes two pure steps that @cloud-copilot/iam-simulate repeats for every request, so that
 * the suites' tens of thousands of requests cost what their evaluation costs. Measured on the
 * 2-core machine (test/simulation/synthesized-app.test.ts alone, CPU profile): 6.0 s of 32 s in
 * iam-policy's case-insensitive comparisons of condition operator names (ICU localeCompare,
 * repeated per condition per request) and 5.0 s in matching the request's ARN against the
 * action's resource-type patterns. With both memos the suite takes 14 s instead of 33 s, and
 * test/simulation/scp-matrix.test.ts 13 s instead of 23 s.
 *
 * Both are functions of their arguments alone, so the cached answer is the one the library
 * would compute: a condition operator's set operator, IfExists flag and base operator depend
 * only on its name, and an action's resource types for an ARN only on the service, action and
 * ARN (iam-data is read-only). Nothing else in the evaluation is touched. The modules are
 * reached by file, as the packages export only their entry points; if a release moves or
 * renames them this stops with the file and the fix instead of quietly running unmemoized.
 */
import * as path from 'path';

/** A module of a package's CommonJS build by its file (`pkg`'s entry point's folder + `file`). */
export function packageModule<T>(pkg: string, file: string): { file: string; exports: T } {
  const absolute = path.join(path.dirname(require.resolve(pkg)), file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { file: absolute, exports: require(absolute) as T };
}

function fail(file: string, missing: string): never {
  throw new Error(
    `${file} no longer has ${missing}: update test/simulation/support/memoize-iam.ts for this release of the package (or remove the memo for it).`,
  );
}

/** A memoized function keeps the library's own beside it (test/simulation/memoize-iam.test.ts). */
export interface Memoized {
  readonly original: (...args: never[]) => unknown;
}

type OperationMethod = 'setOperator' | 'isIfExists' | 'baseOperator';

function memoizeConditionOperations(): void {
  const {
    file,
    exports: { ConditionOperationImpl },
  } = packageModule<{ ConditionOperationImpl?: { prototype: Record<string, unknown> } }>(
    '@cloud-copilot/iam-policy',
    'conditions/conditionOperation.js',
  );
  if (!ConditionOperationImpl) fail(file, 'ConditionOperationImpl');
  const proto = ConditionOperationImpl.prototype;
  for (const method of ['setOperator', 'isIfExists', 'baseOperator'] as OperationMethod[]) {
    const original = proto[method];
    if (typeof original !== 'function') fail(file, `ConditionOperationImpl.${method}`);
    if ((original as Partial<Memoized>).original) continue;
    const byOperator = new Map<string, unknown>();
    const memo = function (this: { op: string }): unknown {
      if (typeof this.op !== 'string') fail(file, 'ConditionOperationImpl.op');
      if (byOperator.has(this.op)) return byOperator.get(this.op);
      const answer: unknown = original.call(this);
      byOperator.set(this.op, answer);
      return answer;
    };
    proto[method] = Object.assign(memo, { original });
  }
}

function memoizeResourceTypes(): void {
  const { file, exports: exported } = packageModule<Record<string, unknown>>(
    '@cloud-copilot/iam-simulate',
    'simulation_engine/resourceTypes.js',
  );
  const original = exported.getResourceTypesForAction as
    ((service: string, action: string, resource: string) => Promise<unknown[]>) | undefined;
  if (typeof original !== 'function') fail(file, 'getResourceTypesForAction');
  if ((original as Partial<Memoized>).original) return;
  const byRequest = new Map<string, Promise<unknown[]>>();
  const memo = async (service: string, action: string, resource: string) => {
    const key = `${service}\n${action}\n${resource}`;
    let answer = byRequest.get(key);
    if (!answer) byRequest.set(key, (answer = original(service, action, resource)));
    // One array per caller, so that no caller's change to it reaches another.
    return [...(await answer)];
  };
  exported.getResourceTypesForAction = Object.assign(memo, { original });
}

memoizeConditionOperations();
memoizeResourceTypes();
