/**
 * Proof by IAM policy simulation (not by string matching): the synthesized guard policies,
 * roles, boundaries and trust policies are evaluated with @cloud-copilot/iam-simulate.
 *
 * Matrix: every role × every tamper action on every protected resource × Tokyo/Osaka/us-east-1,
 * foreign-Region actions, legitimate operator actions, escalation and data-access attempts,
 * and trust-policy (MFA) checks. Counts are printed at the end for the closing note.
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
import { RESIDENCY_DENIED_ACTIONS } from '../../constructs/guardrails';
import type { PolicyJson } from './support/resolve-template';
import { callerOf, simulate, type Caller, type Decision } from './support/simulate';
import {
  JAPAN,
  REGIONS,
  arnsOf,
  escalationScenarios,
  foreignRegionScenarios,
  legitimateScenarios,
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
/** Roles that hold broad allows, so a denial must come from an explicit deny. */
const BROAD: RoleKey[] = ['operator', 'delegate', 'digitalAgency'];

const counts = {
  tamper: { tried: 0, denied: 0, explicit: 0 },
  foreign: { tried: 0, denied: 0 },
  legitimate: { tried: 0, allowed: 0 },
  escalation: { tried: 0, denied: 0 },
  trust: { tried: 0, asExpected: 0 },
  breakGlass: { tamperInJapanAllowed: 0, tamperInJapanTried: 0 },
};
const perRole: Record<string, { tried: number; denied: number }> = {};

let f: Fixture;
beforeAll(() => {
  f = buildFixture();
});

afterAll(() => {
  const rows = Object.entries(perRole)
    .map(([role, c]) => `  ${role.padEnd(18)} tamper denied ${c.denied}/${c.tried}`)
    .join('\n');
  console.log(
    [
      'IAM simulation matrix (@cloud-copilot/iam-simulate):',
      `  tamper attempts denied (guarded roles × 3 Regions): ${counts.tamper.denied}/${counts.tamper.tried} (explicit deny: ${counts.tamper.explicit})`,
      rows,
      `  foreign-Region actions denied (all 6 roles, us-east-1): ${counts.foreign.denied}/${counts.foreign.tried}`,
      `  legitimate actions allowed: ${counts.legitimate.allowed}/${counts.legitimate.tried}`,
      `  escalation / business-data attempts denied: ${counts.escalation.denied}/${counts.escalation.tried}`,
      `  trust-policy checks as expected: ${counts.trust.asExpected}/${counts.trust.tried}`,
      `  break-glass (管理者・代表者) tamper in Japan allowed by design: ${counts.breakGlass.tamperInJapanAllowed}/${counts.breakGlass.tamperInJapanTried}`,
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

test('scenario counts reach the floor the issue sets (≥ 60 tamper, ≥ 30 legitimate)', () => {
  expect(tamperScenarios(f).length).toBeGreaterThanOrEqual(60);
  expect(legitimateScenarios(f).length).toBeGreaterThanOrEqual(30);
});

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

test('every tamper attempt on every protected resource is denied for every guarded role, in every Region', async () => {
  const failures: string[] = [];
  const notExplicit: string[] = [];
  for (const role of GUARDED) {
    const caller = roleCaller(role);
    perRole[role] = { tried: 0, denied: 0 };
    const jobs = tamperScenarios(f).flatMap((s) =>
      REGIONS.map(async (region) => {
        const decision = await sim(caller, { ...s, region });
        counts.tamper.tried++;
        perRole[role].tried++;
        if (decision === 'Allowed') {
          failures.push(`${role} ${region} ${s.label}`);
          return;
        }
        counts.tamper.denied++;
        perRole[role].denied++;
        if (decision === 'ExplicitlyDenied') {
          counts.tamper.explicit++;
        } else if (BROAD.includes(role)) {
          notExplicit.push(`${role} ${region} ${s.label}: ${decision}`);
        }
      }),
    );
    await Promise.all(jobs);
  }
  expect(failures).toEqual([]);
  // Roles with broad allows must be stopped by an explicit deny, not by a missing allow.
  expect(notExplicit).toEqual([]);
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

test('no legitimate operator action is denied', async () => {
  const failures: string[] = [];
  await Promise.all(
    legitimateScenarios(f).map(async (s) => {
      const decision = await sim(roleCaller(s.role), s);
      counts.legitimate.tried++;
      if (decision === 'Allowed') {
        counts.legitimate.allowed++;
      } else {
        failures.push(`${s.role} ${s.region} ${s.label} (${s.action}): ${decision}`);
      }
    }),
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
  const mfa = (present: boolean) => ({ 'aws:MultiFactorAuthPresent': present ? 'true' : 'false' });
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
