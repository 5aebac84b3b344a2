/**
 * The SCP documents (lib/scp) evaluated as Service Control Policies: they close the gap the
 * in-account guard cannot (a principal without the guard, e.g. a role an operator created, or
 * a CloudFormation execution role), spare the baseline's StackSets deployment role, and leave
 * every legitimate action of the guarded roles allowed.
 */
import { buildScpDocuments, DEFAULT_SCP_EXEMPT_PRINCIPALS } from '../../lib/scp';
import { ACCOUNT, buildFixture, type Fixture } from './support/fixture';
import type { PolicyJson } from './support/resolve-template';
import {
  callerOf,
  simulate,
  type Caller,
  type Decision,
  type SimRequest,
} from './support/simulate';
import {
  REGIONS,
  TAGGED,
  arnsOf,
  foreignRegionScenarios,
  legitimateScenarios,
  tamperScenarios,
} from './scenarios';

jest.setTimeout(180_000);

const ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

const counts = {
  unguardedWithoutScp: { tried: 0, allowed: 0 },
  unguardedWithScp: { tried: 0, denied: 0 },
  foreign: { tried: 0, denied: 0 },
  legitimate: { tried: 0, allowed: 0 },
  exempt: { tried: 0, allowed: 0 },
};

let f: Fixture;
let scps: { name: string; policy: PolicyJson }[];

beforeAll(() => {
  f = buildFixture();
  const a = arnsOf(f);
  scps = buildScpDocuments({
    // S3 evaluates aws:ResourceTag only with bucket ABAC, so the archive is named by pattern.
    protectedBucketArns: [a.archive],
  }).map((d) => ({ name: d.name, policy: d.document as unknown as PolicyJson }));
});

afterAll(() => {
  console.log(
    [
      'SCP simulation matrix (@cloud-copilot/iam-simulate):',
      `  unguarded admin role, in-account guard only — tamper allowed (the gap SCPs close): ${counts.unguardedWithoutScp.allowed}/${counts.unguardedWithoutScp.tried}`,
      `  unguarded admin role under the SCPs — tamper denied: ${counts.unguardedWithScp.denied}/${counts.unguardedWithScp.tried}`,
      `  foreign-Region actions under the SCPs denied: ${counts.foreign.denied}/${counts.foreign.tried}`,
      `  legitimate actions of guarded roles under the SCPs allowed: ${counts.legitimate.allowed}/${counts.legitimate.tried}`,
      `  StackSets execution role (exempt) baseline updates allowed: ${counts.exempt.allowed}/${counts.exempt.tried}`,
    ].join('\n'),
  );
});

function adminRole(name: string): Caller {
  const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
  return {
    label: name,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${name.split('/').pop()}/session`,
    principalArn: arn,
    identityPolicies: [{ name: 'AdministratorAccess', policy: ADMIN }],
  };
}

function sim(caller: Caller, request: SimRequest, withScps: boolean): Promise<Decision> {
  return simulate(caller, request, {
    scps: withScps ? scps : undefined,
    resourcePolicyFor: (arn) => f.resolved.resourcePolicyFor(arn),
  });
}

/** Org-wide, the baseline stack is tagged (BaselineProtection.tagAsBaseline). */
function taggedTamper(): (ReturnType<typeof tamperScenarios>[number] & {
  context: Record<string, string | string[]>;
})[] {
  return tamperScenarios(f).map((s) => ({ ...s, context: { ...TAGGED, ...(s.context ?? {}) } }));
}

test('an admin role without the in-account guard can tamper when no SCP applies (documented gap)', async () => {
  const caller = adminRole('municipal-app-admin');
  const decisions = await Promise.all(
    taggedTamper().map((s) => sim(caller, { ...s, region: 'ap-northeast-1' }, false)),
  );
  counts.unguardedWithoutScp.tried = decisions.length;
  counts.unguardedWithoutScp.allowed = decisions.filter((d) => d === 'Allowed').length;
  expect(counts.unguardedWithoutScp.allowed).toBeGreaterThan(0);
});

test('under the SCPs every tamper attempt of an unguarded admin role is denied, in every Region', async () => {
  const failures: string[] = [];
  const callers = [
    adminRole('municipal-app-admin'),
    adminRole('cdk-hnb659fds-cfn-exec-role-111111111111-ap-northeast-1'),
  ];
  await Promise.all(
    callers.flatMap((caller) =>
      taggedTamper().flatMap((s) =>
        REGIONS.map(async (region) => {
          const decision = await sim(caller, { ...s, region }, true);
          counts.unguardedWithScp.tried++;
          if (decision === 'ExplicitlyDenied') {
            counts.unguardedWithScp.denied++;
          } else {
            failures.push(`${caller.label} ${region} ${s.label}: ${decision}`);
          }
        }),
      ),
    ),
  );
  expect(failures).toEqual([]);
});

test('under the SCPs Regional actions outside Japan are denied', async () => {
  const failures: string[] = [];
  const caller = adminRole('municipal-app-admin');
  await Promise.all(
    foreignRegionScenarios(f).map(async (s) => {
      const decision = await sim(caller, { ...s, region: 'us-east-1' }, true);
      counts.foreign.tried++;
      if (decision === 'ExplicitlyDenied') {
        counts.foreign.denied++;
      } else {
        failures.push(`${s.label}: ${decision}`);
      }
    }),
  );
  expect(failures).toEqual([]);
});

test('the SCPs leave every legitimate action of the guarded roles allowed', async () => {
  const failures: string[] = [];
  await Promise.all(
    legitimateScenarios(f)
      // With the SCPs attached, repairing the baseline is the organization owner's job.
      .filter((s) => s.role !== 'representative')
      .map(async (s) => {
        const caller = callerOf(f.resolved.role(f.ids.roles[s.role]), s.role);
        const decision = await sim(caller, s, true);
        counts.legitimate.tried++;
        if (decision === 'Allowed') {
          counts.legitimate.allowed++;
        } else {
          failures.push(`${s.role} ${s.label}: ${decision}`);
        }
      }),
  );
  expect(failures).toEqual([]);
});

test('the StackSets execution role that deploys the baseline is exempt', async () => {
  expect(DEFAULT_SCP_EXEMPT_PRINCIPALS).toContain('arn:aws:iam::*:role/stacksets-exec-*');
  const caller = adminRole('stacksets-exec-0123456789abcdef0123456789abcdef');
  const a = arnsOf(f);
  const updates: SimRequest[] = [
    {
      action: 'cloudtrail:UpdateTrail',
      resource: a.trail,
      region: 'ap-northeast-1',
      context: TAGGED,
    },
    { action: 's3:PutBucketPolicy', resource: a.archive, region: 'ap-northeast-1' },
    { action: 'kms:PutKeyPolicy', resource: a.auditKey, region: 'ap-northeast-1', context: TAGGED },
    {
      action: 'iam:CreatePolicyVersion',
      resource: a.policies.baselineProtection,
      region: 'us-east-1',
    },
    { action: 'config:PutConfigurationRecorder', resource: a.recorder, region: 'ap-northeast-1' },
  ];
  const decisions = await Promise.all(updates.map((u) => sim(caller, u, true)));
  counts.exempt.tried = decisions.length;
  counts.exempt.allowed = decisions.filter((d) => d === 'Allowed').length;
  expect(decisions).toEqual(updates.map(() => 'Allowed'));
});
