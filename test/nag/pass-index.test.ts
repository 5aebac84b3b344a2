import { type App, Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import { Node } from 'constructs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { collectEvidence } from '../../lib/report/evidence';
import { GovCloudChecks } from '../../lib/nag';
import DatabaseMultiAz from '../../lib/nag/rules/availability/DatabaseMultiAz';
import { ResourceIndex } from '../../lib/nag/utils/pass-index';
import { tokyoStack } from './support';

/**
 * Walks of the whole app (`root.node.findAll()`) during one pass over an app with `buckets`
 * buckets. Bucket rules ask for each bucket's policies, log deliveries and audit uses; through
 * the pass's ResourceIndex the app is walked a fixed number of times, not once per bucket.
 */
function rootWalks(buckets: number, run: 'validateScope' | 'collectEvidence'): number {
  const stack = tokyoStack();
  for (let i = 0; i < buckets; i++) new s3.CfnBucket(stack, `Bucket${i}`);
  const root = stack.node.root;
  const findAll = jest.spyOn(Node.prototype, 'findAll');
  try {
    const pack = new GovCloudChecks();
    if (run === 'validateScope') pack.validateScope(stack);
    else collectEvidence(root, pack.ruleChecks());
    return findAll.mock.contexts.filter((node) => node === root.node).length;
  } finally {
    findAll.mockRestore();
  }
}

describe('the per-pass ResourceIndex (lib/nag/utils/pass-index.ts)', () => {
  test.each(['validateScope', 'collectEvidence'] as const)(
    '%s walks the app as often for 40 buckets as for 5',
    (run) => {
      const few = rootWalks(5, run);
      expect(few).toBeGreaterThan(0);
      expect(rootWalks(40, run)).toBe(few);
    },
  );
});

/**
 * `Stack.of` calls for DatabaseMultiAz over `stacks` stacks, each with one Aurora cluster and
 * two instances: through the pass's index each cluster looks at its own stack's resources, so
 * the calls per cluster do not grow with the app (they did: every cluster scanned every resource
 * of the app, 3.3 million checks at 200 municipalities).
 */
function stackOfCallsPerCluster(stacks: number): number {
  const app = tokyoStack().node.root as App;
  const clusters = Array.from({ length: stacks }, (_, i) => {
    const stack = new Stack(app, `Db${i}`, { env: { region: 'ap-northeast-1' } });
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql' });
    for (const n of [1, 2]) {
      new rds.CfnDBInstance(stack, `Instance${n}`, {
        engine: 'aurora-postgresql',
        dbInstanceClass: 'db.r6g.large',
        dbClusterIdentifier: cluster.ref,
      });
    }
    return cluster;
  });
  const index = ResourceIndex.of(app);
  const rule = DatabaseMultiAz(true);
  const stackOf = jest.spyOn(Stack, 'of');
  try {
    for (const c of clusters) expect(rule(c, index)).toBe(NagRuleCompliance.COMPLIANT);
    return stackOf.mock.calls.length / stacks;
  } finally {
    stackOf.mockRestore();
  }
}

test('DatabaseMultiAz looks at as many resources per cluster for 40 stacks as for 5', () => {
  const few = stackOfCallsPerCluster(5);
  expect(stackOfCallsPerCluster(40)).toBeLessThanOrEqual(few + 1);
});
