/**
 * The permission model's own shapes, by IAM policy simulation (@cloud-copilot/iam-simulate):
 * trust policies (MFA, trusted accounts, SAML audience, Identity Center permission sets), the
 * delegate's escalation paths, the sub-delegate's subset (IAM-4), the central log reader's
 * explicit denies on business data (LOG-6), the break-glass recovery path and the Region
 * guard. It runs on a test stack (support/fixture.ts) because the default config has no
 * SAML provider and no account-trusted operator or delegate; every claim here is about who
 * may assume or escalate, and none is about tampering with the baseline: those are proven on
 * the synthesized default app, with an attack universe from the IAM service-authorization
 * data, in synthesized-app.test.ts and scp-matrix.test.ts.
 */
import {
  ACCOUNT,
  AGENCY_ACCOUNT,
  IDENTITY_ACCOUNT,
  SAML_PROVIDER,
  VENDOR_ACCOUNT,
  buildFixture,
  type Fixture,
} from './support/fixture';
import { RESIDENCY_DENIED_ACTIONS } from '../../constructs/guardrails/private/residency';
import type { PolicyJson } from './support/resolve-template';
import { callerOf, simulate, type Caller, type Decision } from './support/simulate';
import {
  JAPAN,
  arnsOf,
  escalationScenarios,
  foreignRegionScenarios,
  tamperScenarios,
} from './scenarios';

jest.setTimeout(180_000);

type RoleKey = keyof Fixture['ids']['roles'];
const GUARDED: RoleKey[] = [
  'operator',
  'delegate',
  'subDelegate',
  'digitalAgency',
  'centralLogReader',
];

const counts = {
  foreign: { tried: 0, denied: 0 },
  escalation: { tried: 0, denied: 0 },
  trust: { tried: 0, asExpected: 0 },
  breakGlass: { tamperInJapanAllowed: 0, tamperInJapanTried: 0 },
};

let f: Fixture;
beforeAll(() => {
  f = buildFixture();
});

afterAll(() => {
  console.log(
    [
      'Permission-model simulation (@cloud-copilot/iam-simulate):',
      `  foreign-Region actions denied (all 6 roles, us-east-1): ${counts.foreign.denied}/${counts.foreign.tried}`,
      `  escalation / business-data attempts denied: ${counts.escalation.denied}/${counts.escalation.tried}`,
      `  trust-policy checks as expected: ${counts.trust.asExpected}/${counts.trust.tried}`,
      `  break-glass (管理者・代表者) recovery actions in Japan allowed by design: ${counts.breakGlass.tamperInJapanAllowed}/${counts.breakGlass.tamperInJapanTried}`,
    ].join('\n'),
  );
});

/** Simulates with the resource policies AWS would use (KMS key policies). */
function sim(caller: Caller, request: Parameters<typeof simulate>[1]): Promise<Decision> {
  return simulate(caller, request, {
    resourcePolicyFor: (arn) => f.resolved.resourcePolicyFor(arn),
  });
}

function roleCaller(key: RoleKey): Caller {
  return callerOf(f.resolved.role(f.ids.roles[key]), key);
}

test('every synthesized policy fits IAM quotas (managed 6,144 chars, trust 2,048 chars)', () => {
  for (const id of f.resolved.logicalIds('AWS::IAM::ManagedPolicy')) {
    const { policy } = f.resolved.managedPolicy(f.resolved.ref(id));
    // IAM counts characters without whitespace; JSON.stringify emits none.
    expect({ id, chars: JSON.stringify(policy).length <= 6144 }).toEqual({ id, chars: true });
  }
  for (const id of Object.values(f.ids.roles)) {
    const { trust } = f.resolved.role(id);
    expect({ id, chars: JSON.stringify(trust).length <= 2048 }).toEqual({ id, chars: true });
  }
});

test('the break-glass role keeps the recovery path in Japan but cannot leave Japan', async () => {
  const caller = roleCaller('representative');
  const decisions = await Promise.all(
    tamperScenarios(f).flatMap((s) =>
      JAPAN.map(async (region) => [s, await sim(caller, { ...s, region })] as const),
    ),
  );
  counts.breakGlass.tamperInJapanTried = decisions.length;
  counts.breakGlass.tamperInJapanAllowed = decisions.filter(([, d]) => d === 'Allowed').length;
  // S3 replication names no destination Region IAM can see, so the Region guard that
  // break-glass carries refuses it even towards Osaka (REG-3, residency.ts).
  expect(
    decisions
      .filter(([s, d]) => d !== 'Allowed' && !RESIDENCY_DENIED_ACTIONS.includes(s.action))
      .map(([s, d]) => [s.label, d]),
  ).toEqual([]);
  expect(
    decisions
      .filter(([s]) => RESIDENCY_DENIED_ACTIONS.includes(s.action))
      .map(([s, d]) => `${s.label} ${d}`),
  ).toEqual(JAPAN.map(() => 'archive bucket s3:PutReplicationConfiguration ExplicitlyDenied'));
});

test('Regional actions outside Tokyo/Osaka are denied for every role, break-glass included', async () => {
  const failures: string[] = [];
  const roles: RoleKey[] = ['representative', ...GUARDED];
  await Promise.all(
    roles.flatMap((role) =>
      foreignRegionScenarios(f).map(async (s) => {
        const decision = await sim(roleCaller(role), { ...s, region: 'us-east-1' });
        counts.foreign.tried++;
        if (decision === 'Allowed') {
          failures.push(`${role} ${s.label}`);
        } else {
          counts.foreign.denied++;
        }
      }),
    ),
  );
  expect(failures).toEqual([]);
});

/** A broad read grant on top of the reader's own policy, as if AWS ReadOnlyAccess were attached. */
const BROAD_READ: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        's3:Get*',
        'kms:Decrypt',
        'secretsmanager:GetSecretValue',
        'ssm:Get*',
        'rds-data:*',
        'rds-db:connect',
        'dynamodb:*',
      ],
      Resource: '*',
    },
  ],
};

test('the delegate cannot escalate, the sub-delegate stays inside its subset, the log reader gets no business data', async () => {
  const failures: string[] = [];
  await Promise.all(
    escalationScenarios(f).map(async (s) => {
      const caller = roleCaller(s.role);
      if (s.role === 'centralLogReader') {
        caller.identityPolicies = [
          ...caller.identityPolicies,
          { name: 'BroadRead', policy: BROAD_READ },
        ];
      }
      const decision = await sim(caller, s);
      counts.escalation.tried++;
      // LOG-6 requires explicit denies: they hold whatever read policy is added later.
      const expected: Decision[] =
        s.role === 'centralLogReader'
          ? ['ExplicitlyDenied']
          : ['ExplicitlyDenied', 'ImplicitlyDenied'];
      if (expected.includes(decision)) {
        counts.escalation.denied++;
      } else {
        failures.push(`${s.role} ${s.label} (${s.action}): ${decision}`);
      }
    }),
  );
  expect(failures).toEqual([]);
});

test('the sub-delegate boundary is a subset of the delegate boundary (IAM-4)', async () => {
  const a = arnsOf(f);
  const t = 'ap-northeast-1';
  const probes = [
    { action: 'ec2:DescribeInstances', resource: '*' },
    { action: 'ec2:RunInstances', resource: a.appInstance(t) },
    { action: 'ec2:TerminateInstances', resource: a.appInstance(t) },
    { action: 's3:GetObject', resource: a.appObject },
    { action: 's3:PutObject', resource: a.appObject },
    { action: 'logs:CreateLogGroup', resource: a.appLogGroup },
    { action: 'rds:CreateDBInstance', resource: `arn:aws:rds:${t}:${ACCOUNT}:db:x` },
    { action: 'lambda:CreateFunction', resource: `arn:aws:lambda:${t}:${ACCOUNT}:function:x` },
    { action: 'cloudwatch:PutMetricAlarm', resource: `arn:aws:cloudwatch:${t}:${ACCOUNT}:alarm:x` },
    { action: 'kms:Decrypt', resource: a.dataKey },
    { action: 'iam:ListRoles', resource: '*' },
    { action: 'cloudtrail:LookupEvents', resource: '*' },
    { action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:${t}:${ACCOUNT}:table/x` },
    { action: 'sns:Publish', resource: `arn:aws:sns:${t}:${ACCOUNT}:x` },
  ];
  const sub = roleCaller('subDelegate');
  const delegate = roleCaller('delegate');
  const violations: string[] = [];
  let subAllowed = 0;
  for (const p of probes) {
    const [s, d] = await Promise.all([
      sim(sub, { ...p, region: t }),
      sim(delegate, { ...p, region: t }),
    ]);
    if (s === 'Allowed') {
      subAllowed++;
      if (d !== 'Allowed') {
        violations.push(p.action);
      }
    }
  }
  expect(violations).toEqual([]);
  expect(subAllowed).toBeGreaterThan(0);
  expect(subAllowed).toBeLessThan(probes.length);
});

describe('trust policies', () => {
  const allowAssume: PolicyJson = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole*'], Resource: '*' }],
  };
  const user = (account: string, name: string): Caller => ({
    label: `${account}/${name}`,
    principal: `arn:aws:iam::${account}:user/${name}`,
    principalArn: `arn:aws:iam::${account}:user/${name}`,
    identityPolicies: [{ name: 'AllowAssume', policy: allowAssume }],
  });
  const sso = (permissionSet: string): Caller => ({
    label: `IAM Identity Center ${permissionSet}`,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_${permissionSet}_0123456789abcdef/alice`,
    principalArn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_${permissionSet}_0123456789abcdef`,
    identityPolicies: [{ name: 'AllowAssume', policy: allowAssume }],
  });
  // AWS sets the age whenever MFA was used: here a sign-in a minute ago, or `age` seconds ago.
  const mfa = (present: boolean, age = 60): Record<string, string> =>
    present
      ? { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': String(age) }
      : { 'aws:MultiFactorAuthPresent': 'false' };
  const cases: [string, Caller, RoleKey, Record<string, string>, Decision | 'denied'][] = [
    [
      'representative with MFA',
      user(IDENTITY_ACCOUNT, 'daihyo'),
      'representative',
      mfa(true),
      'Allowed',
    ],
    [
      'representative without MFA',
      user(IDENTITY_ACCOUNT, 'daihyo'),
      'representative',
      mfa(false),
      'denied',
    ],
    [
      'representative with an MFA sign-in older than an hour',
      user(IDENTITY_ACCOUNT, 'daihyo'),
      'representative',
      mfa(true, 3700),
      'denied',
    ],
    [
      'representative, MFA flag absent',
      user(IDENTITY_ACCOUNT, 'daihyo'),
      'representative',
      {},
      'denied',
    ],
    [
      'representative from an untrusted account',
      user(VENDOR_ACCOUNT, 'x'),
      'representative',
      mfa(true),
      'denied',
    ],
    [
      'Digital Agency with MFA',
      user(AGENCY_ACCOUNT, 'agency'),
      'digitalAgency',
      mfa(true),
      'Allowed',
    ],
    [
      'Digital Agency without MFA (key escrow not used)',
      user(AGENCY_ACCOUNT, 'agency'),
      'digitalAgency',
      mfa(false),
      'denied',
    ],
    [
      'Digital Agency role from the municipality account',
      user(IDENTITY_ACCOUNT, 'daihyo'),
      'digitalAgency',
      mfa(true),
      'denied',
    ],
    ['operator with MFA', user(IDENTITY_ACCOUNT, 'ope'), 'operator', mfa(true), 'Allowed'],
    ['operator without MFA', user(IDENTITY_ACCOUNT, 'ope'), 'operator', mfa(false), 'denied'],
    [
      'operator via its Identity Center permission set',
      sso('GovCloudOperator'),
      'operator',
      {},
      'Allowed',
    ],
    ['operator via another permission set', sso('ReadOnly'), 'operator', {}, 'denied'],
    ['delegate with MFA', user(VENDOR_ACCOUNT, 'vendor'), 'delegate', mfa(true), 'Allowed'],
    ['delegate without MFA', user(VENDOR_ACCOUNT, 'vendor'), 'delegate', mfa(false), 'denied'],
  ];
  test.each(cases)('%s', async (_label, caller, target, context, expected) => {
    const role = f.resolved.role(f.ids.roles[target]);
    const decision = await sim(caller, {
      action: 'sts:AssumeRole',
      resource: role.arn,
      region: 'ap-northeast-1',
      context,
      resourcePolicy: role.trust,
      resourceAccount: ACCOUNT,
    });
    counts.trust.tried++;
    const ok = expected === 'denied' ? decision !== 'Allowed' : decision === expected;
    if (ok) {
      counts.trust.asExpected++;
    }
    if (expected === 'denied') {
      expect(decision).not.toBe('Allowed');
    } else {
      expect(decision).toBe(expected);
    }
  });

  const saml = (provider: string): Caller => ({
    label: provider,
    principal: provider,
    principalArn: provider,
    identityPolicies: [],
  });
  const samlCases: [string, string, string, Decision | 'denied'][] = [
    [
      'operator via the municipal IdP (console audience)',
      SAML_PROVIDER,
      'https://signin.aws.amazon.com/saml',
      'Allowed',
    ],
    [
      'operator via the municipal IdP, wrong audience',
      SAML_PROVIDER,
      'https://example.com/saml',
      'denied',
    ],
    [
      'operator via another IdP',
      `arn:aws:iam::${ACCOUNT}:saml-provider/other-idp`,
      'https://signin.aws.amazon.com/saml',
      'denied',
    ],
  ];
  test.each(samlCases)('SAML: %s', async (_label, provider, audience, expected) => {
    const role = f.resolved.role(f.ids.roles.operator);
    const decision = await sim(saml(provider), {
      action: 'sts:AssumeRoleWithSAML',
      resource: role.arn,
      region: 'ap-northeast-1',
      context: { 'SAML:aud': audience },
      resourcePolicy: role.trust,
      resourceAccount: ACCOUNT,
    });
    counts.trust.tried++;
    if (expected === 'denied' ? decision !== 'Allowed' : decision === expected) {
      counts.trust.asExpected++;
    }
    if (expected === 'denied') {
      expect(decision).not.toBe('Allowed');
    } else {
      expect(decision).toBe(expected);
    }
  });
});
