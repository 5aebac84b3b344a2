import { Node } from 'constructs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { collectEvidence } from '../../lib/report/evidence';
import { GovCloudChecks } from '../../lib/nag';
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
