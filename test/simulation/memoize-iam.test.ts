/**
 * The memos of test/simulation/support/memoize-iam.ts answer exactly as the library's own
 * functions do, for every shape of input the suites send and a few they must not get wrong
 * (case variants, a bad set operator, an ARN that fits no resource type, a wildcard-only
 * action), and they are what iam-simulate calls once the simulation support is loaded.
 */
import { packageModule, type Memoized } from './support/memoize-iam';
import { simulate } from './support/simulate';

const { ConditionOperationImpl } = packageModule<{
  ConditionOperationImpl: new (op: string) => Record<string, () => unknown>;
}>('@cloud-copilot/iam-policy', 'conditions/conditionOperation.js').exports;
const resourceTypes = packageModule<{
  getResourceTypesForAction: ((s: string, a: string, r: string) => Promise<unknown[]>) &
    Partial<Memoized>;
}>('@cloud-copilot/iam-simulate', 'simulation_engine/resourceTypes.js').exports;

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

async function settled(f: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const BASES = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericLessThan',
  'DateGreaterThan',
  'Bool',
  'IpAddress',
  'ArnLike',
  'ArnNotEquals',
  'Null',
  'stringlike',
];
const OPERATORS = ['', 'ForAllValues:', 'ForAnyValue:', 'foranyvalue:', 'ForSome:'].flatMap((set) =>
  BASES.flatMap((base) => ['', 'IfExists', 'ifexists'].map((s) => `${set}${base}${s}`)),
);

test.each(['setOperator', 'isIfExists', 'baseOperator'])(
  "ConditionOperationImpl.%s: the memo answers as the library's own, asked twice",
  (method) => {
    const memo = ConditionOperationImpl.prototype[method] as unknown as Partial<Memoized>;
    expect(typeof memo.original).toBe('function');
    for (const op of OPERATORS) {
      const own = outcome(() => memo.original!.call(new ConditionOperationImpl(op)));
      expect([op, outcome(() => new ConditionOperationImpl(op)[method]())]).toEqual([op, own]);
      expect([op, outcome(() => new ConditionOperationImpl(op)[method]())]).toEqual([op, own]);
    }
    // The cases the suites depend on, stated outright.
    const probe = new ConditionOperationImpl('ForAnyValue:StringLikeIfExists');
    expect([probe.setOperator(), probe.isIfExists(), probe.baseOperator()]).toEqual([
      'ForAnyValue',
      true,
      'StringLike',
    ]);
    expect(() => new ConditionOperationImpl('ForSome:StringEquals').setOperator()).toThrow(
      'Unknown set operator: ForSome',
    );
  },
);

test("getResourceTypesForAction: the memo answers as the library's own and hands out its own array", async () => {
  const memo = resourceTypes.getResourceTypesForAction;
  expect(typeof memo.original).toBe('function');
  const original = memo.original as unknown as typeof memo;
  const requests: [string, string, string][] = [
    ['s3', 'PutObject', 'arn:aws:s3:::bucket/key.txt'],
    ['s3', 'PutBucketPolicy', 'arn:aws:s3:::bucket'],
    ['s3', 'PutBucketPolicy', 'arn:aws:s3:::bucket/key.txt'],
    ['kms', 'Decrypt', 'arn:aws:kms:ap-northeast-1:111111111111:key/abc'],
    ['kms', 'Decrypt', 'arn:aws:kms:ap-northeast-1:111111111111:alias/abc'],
    ['iam', 'PutRolePolicy', 'arn:aws:iam::111111111111:role/app/web'],
    ['s3', 'PutObject', 'arn:aws:kms:ap-northeast-1:111111111111:key/abc'],
    ['kms', 'CreateKey', '*'],
    ['nosuchservice', 'Do', '*'],
  ];
  const names = (answer: unknown) =>
    (answer as { value?: { key: string }[] }).value?.map((t) => t.key) ?? answer;
  for (const request of requests) {
    const own = await settled(() => original(...request));
    const first = await settled(() => memo(...request));
    const second = await settled(() => memo(...request));
    expect([request, first]).toEqual([request, own]);
    expect([request, second]).toEqual([request, own]);
    const firstValue = (first as { value?: unknown[] }).value;
    if (firstValue) expect((second as { value: unknown[] }).value).not.toBe(firstValue);
  }
  expect(names(await settled(() => memo('s3', 'PutObject', 'arn:aws:s3:::b/k')))).toEqual([
    'object',
  ]);
});

test('the simulation itself calls the memos: the modules patched are the ones iam-simulate uses', async () => {
  // A patch on a second copy of a module (a test runner with its own registry) would leave every
  // answer right and the suites as slow as without it; this counts the calls that reach it.
  const calls = { resourceTypes: 0, setOperator: 0 };
  const memo = resourceTypes.getResourceTypesForAction;
  const proto = ConditionOperationImpl.prototype;
  const setOperator = proto.setOperator;
  resourceTypes.getResourceTypesForAction = (...args) => {
    calls.resourceTypes++;
    return memo(...args);
  };
  proto.setOperator = function (this: Record<string, () => unknown>) {
    calls.setOperator++;
    return setOperator.call(this);
  };
  try {
    const decision = await simulate(
      {
        label: 'probe',
        principal: 'arn:aws:iam::111111111111:role/probe',
        principalArn: 'arn:aws:iam::111111111111:role/probe',
        identityPolicies: [
          {
            name: 'tokyo-only',
            policy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:PutObject',
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:RequestedRegion': 'ap-northeast-1' } },
                },
              ],
            },
          },
        ],
      },
      { action: 's3:PutObject', resource: 'arn:aws:s3:::bucket/key', region: 'ap-northeast-1' },
    );
    expect(decision).toBe('Allowed');
  } finally {
    resourceTypes.getResourceTypesForAction = memo;
    proto.setOperator = setOperator;
  }
  expect(calls.resourceTypes).toBeGreaterThan(0);
  expect(calls.setOperator).toBeGreaterThan(0);
});
