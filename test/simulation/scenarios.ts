/**
 * The scenario catalogue of guardrails-matrix.test.ts: the break-glass recovery actions, the
 * foreign-Region actions and the escalation attempts against the fixture's resources.
 */
import { DEFAULT_BASELINE_TAG } from '../../constructs/guardrails';
import { ACCOUNT } from './support/fixture';
import type { Fixture } from './support/fixture';
import type { PolicyJson } from './support/resolve-template';
import type { SimRequest } from './support/simulate';

export const JAPAN = ['ap-northeast-1', 'ap-northeast-3'] as const;

const TAGGED = {
  [`aws:ResourceTag/${DEFAULT_BASELINE_TAG.key}`]: DEFAULT_BASELINE_TAG.value,
};
const TOUCHES_BASELINE_TAG = { 'aws:TagKeys': [DEFAULT_BASELINE_TAG.key] };
const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A request without its Region; the matrix crosses it with every Region. */
export type Scenario = Omit<SimRequest, 'region'> & { label: string };

/** Concrete ARNs of the fixture. */
export function arnsOf(f: Fixture) {
  const r = f.resolved;
  const logGroup = r.getAtt(f.ids.logGroup, 'Arn');
  const logGroupBare = logGroup.replace(/:\*$/, '');
  const archive = r.getAtt(f.ids.archive, 'Arn');
  const roleArn = (id: string) => r.getAtt(id, 'Arn');
  const roles = Object.fromEntries(
    Object.entries(f.ids.roles).map(([k, id]) => [k, roleArn(id)]),
  ) as Record<keyof Fixture['ids']['roles'], string>;
  const policies = Object.fromEntries(
    Object.entries(f.ids.policies).map(([k, id]) => [k, r.ref(id)]),
  ) as Record<keyof Fixture['ids']['policies'], string>;
  return {
    trail: r.getAtt(f.ids.trail, 'Arn'),
    archive,
    archiveObject: `${archive}/AWSLogs/${ACCOUNT}/CloudTrail/ap-northeast-1/2025/01/01/trail.json.gz`,
    auditKey: r.getAtt(f.ids.auditKey, 'Arn'),
    dataKey: r.getAtt(f.ids.dataKey, 'Arn'),
    logGroup,
    logGroupBare,
    logStream: `${logGroupBare}:log-stream:${ACCOUNT}_CloudTrail_ap-northeast-1`,
    configRole: roleArn(f.ids.configRole),
    roles,
    policies,
    recorder: `arn:aws:config:ap-northeast-1:${ACCOUNT}:configuration-recorder/default/a1b2c3d4`,
    detector: `arn:aws:guardduty:ap-northeast-1:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0`,
    hub: `arn:aws:securityhub:ap-northeast-1:${ACCOUNT}:hub/default`,
    account: `arn:aws:account::${ACCOUNT}:account`,
    // Baseline resources outside this stack, protected by the baseline tag only.
    taggedTrail: `arn:aws:cloudtrail:ap-northeast-3:${ACCOUNT}:trail/baseline-osaka`,
    taggedKey: `arn:aws:kms:ap-northeast-3:${ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
    taggedLogGroup: `arn:aws:logs:ap-northeast-3:${ACCOUNT}:log-group:/govcloud-jp/vpc-flow-logs`,
    taggedRole: `arn:aws:iam::${ACCOUNT}:role/vpc-flow-logs-delivery`,
    taggedPolicy: `arn:aws:iam::${ACCOUNT}:policy/vpc-flow-logs-delivery`,
    // Application (業務) resources that must stay manageable.
    appBucket: 'arn:aws:s3:::municipal-app-131016',
    appObject: 'arn:aws:s3:::municipal-app-131016/residents/2025.csv',
    appLogGroup: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/municipal/app`,
    appRole: `arn:aws:iam::${ACCOUNT}:role/municipal-app-task`,
    appTrail: `arn:aws:cloudtrail:ap-northeast-1:${ACCOUNT}:trail/municipal-app-data-events`,
    appInstance: (region: string) =>
      `arn:aws:ec2:${region}:${ACCOUNT}:instance/i-0123456789abcdef0`,
    delegatedRole: `arn:aws:iam::${ACCOUNT}:role/govcloud-jp-delegated/vendor-batch`,
    delegatedPolicy: `arn:aws:iam::${ACCOUNT}:policy/govcloud-jp-delegated/vendor-batch`,
  };
}

/** The boundary a role carries, as request context for IAM role actions. */
function boundaryContext(f: Fixture, roleArn: string): Record<string, string> {
  const id = Object.values(f.ids.roles).find((rid) => f.resolved.getAtt(rid, 'Arn') === roleArn);
  const boundary = id ? f.resolved.role(id).boundary : undefined;
  return boundary ? { 'iam:PermissionsBoundary': f.resolved.ref(boundary.name) } : {};
}

/** Every tamper attempt on every protected resource (LOG-2, RET-2, KEY-2, IAM-1..5, IAM-2). */
export function tamperScenarios(f: Fixture): Scenario[] {
  const a = arnsOf(f);
  const s: Scenario[] = [];
  const add = (
    label: string,
    resource: string,
    actions: string[],
    context?: Record<string, string | string[]>,
  ) => {
    // The trail, keys and log groups carry the baseline tag, which AWS evaluates for them.
    const tagged = [a.trail, a.auditKey, a.logGroup, a.logGroupBare].includes(resource);
    const ctx = tagged ? { ...TAGGED, ...context } : context;
    for (const action of actions) {
      s.push({ label: `${label} ${action}`, action, resource, context: ctx });
    }
  };
  add('trail', a.trail, [
    'cloudtrail:StopLogging',
    'cloudtrail:DeleteTrail',
    'cloudtrail:UpdateTrail',
    'cloudtrail:PutEventSelectors',
    'cloudtrail:PutInsightSelectors',
  ]);
  add('trail', a.trail, ['cloudtrail:RemoveTags', 'cloudtrail:AddTags'], TOUCHES_BASELINE_TAG);
  add('archive bucket', a.archive, [
    's3:PutBucketPolicy',
    's3:DeleteBucketPolicy',
    's3:PutBucketObjectLockConfiguration',
    's3:PutLifecycleConfiguration',
    's3:PutBucketVersioning',
    's3:PutEncryptionConfiguration',
    's3:PutBucketPublicAccessBlock',
    's3:PutBucketAcl',
    's3:PutBucketOwnershipControls',
    's3:PutReplicationConfiguration',
    's3:PutBucketTagging',
    's3:DeleteBucket',
  ]);
  add('archive object', a.archiveObject, [
    's3:DeleteObject',
    's3:DeleteObjectVersion',
    's3:PutObjectRetention',
    's3:PutObjectLegalHold',
    's3:BypassGovernanceRetention',
  ]);
  add('audit key', a.auditKey, [
    'kms:ScheduleKeyDeletion',
    'kms:DisableKey',
    'kms:PutKeyPolicy',
    'kms:DisableKeyRotation',
    'kms:DeleteImportedKeyMaterial',
  ]);
  add('audit key', a.auditKey, ['kms:UntagResource', 'kms:TagResource'], TOUCHES_BASELINE_TAG);
  for (const form of [a.logGroup, a.logGroupBare]) {
    add(`log group ${form.endsWith(':*') ? '(:*)' : '(bare)'}`, form, [
      'logs:DeleteLogGroup',
      'logs:PutRetentionPolicy',
      'logs:DeleteRetentionPolicy',
      'logs:DisassociateKmsKey',
      'logs:AssociateKmsKey',
      'logs:DeleteSubscriptionFilter',
    ]);
  }
  add(
    'log group',
    a.logGroupBare,
    ['logs:UntagResource', 'logs:TagResource'],
    TOUCHES_BASELINE_TAG,
  );
  add('log stream', a.logStream, ['logs:DeleteLogStream']);
  add('config recorder', a.recorder, [
    'config:StopConfigurationRecorder',
    'config:DeleteConfigurationRecorder',
    'config:PutConfigurationRecorder',
  ]);
  add('config', '*', [
    'config:DeleteDeliveryChannel',
    'config:PutDeliveryChannel',
    'config:DeleteRetentionConfiguration',
  ]);
  add('guardduty detector', a.detector, ['guardduty:DeleteDetector', 'guardduty:UpdateDetector']);
  add('guardduty', '*', ['guardduty:DisassociateFromAdministratorAccount']);
  add('security hub', a.hub, [
    'securityhub:DisableSecurityHub',
    'securityhub:DisassociateFromAdministratorAccount',
    'securityhub:BatchDisableStandards',
  ]);
  const baselineRoles: [string, string][] = [
    ...Object.entries(a.roles),
    ['configRole', a.configRole],
  ];
  for (const [name, arn] of baselineRoles) {
    const boundary = boundaryContext(f, arn);
    add(`role ${name}`, arn, ['iam:AttachRolePolicy'], {
      ...boundary,
      'iam:PolicyARN': ADMIN_POLICY,
    });
    add(
      `role ${name}`,
      arn,
      [
        'iam:PutRolePolicy',
        'iam:DeleteRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:DeleteRolePermissionsBoundary',
        'iam:PutRolePermissionsBoundary',
        'iam:UpdateRole',
      ],
      boundary,
    );
    add(`role ${name}`, arn, ['iam:DetachRolePolicy'], {
      ...boundary,
      'iam:PolicyARN': a.policies.baselineProtection,
    });
    add(`role ${name}`, arn, ['iam:PassRole']);
    add(`role ${name}`, arn, ['iam:UntagRole'], TOUCHES_BASELINE_TAG);
  }
  for (const [name, arn] of Object.entries(a.policies)) {
    add(`policy ${name}`, arn, [
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:DeletePolicyVersion',
      'iam:DeletePolicy',
    ]);
  }
  add(
    'tagged trail (Osaka)',
    a.taggedTrail,
    ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'],
    TAGGED,
  );
  add('tagged key (Osaka)', a.taggedKey, ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], TAGGED);
  add(
    'tagged log group (Osaka)',
    a.taggedLogGroup,
    ['logs:DeleteLogGroup', 'logs:PutRetentionPolicy'],
    TAGGED,
  );
  add('tagged role', a.taggedRole, ['iam:AttachRolePolicy', 'iam:DeleteRole'], {
    ...TAGGED,
    'iam:PolicyARN': ADMIN_POLICY,
  });
  add('tagged policy', a.taggedPolicy, ['iam:CreatePolicyVersion'], TAGGED);
  add('area', a.account, ['account:CloseAccount', 'account:EnableRegion'], {
    'account:TargetRegion': 'ap-east-1',
  });
  add('area', '*', ['organizations:LeaveOrganization']);
  return s;
}

/** Actions in a foreign Region that only a Regional service would serve (REG-2). */
export function foreignRegionScenarios(f: Fixture): Scenario[] {
  const a = arnsOf(f);
  return [
    { label: 'launch EC2', action: 'ec2:RunInstances', resource: a.appInstance('us-east-1') },
    {
      label: 'create VPC',
      action: 'ec2:CreateVpc',
      resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/vpc-0abc`,
    },
    { label: 'create bucket', action: 's3:CreateBucket', resource: 'arn:aws:s3:::copy-abroad' },
    { label: 'put object', action: 's3:PutObject', resource: a.appObject },
    {
      label: 'create DB',
      action: 'rds:CreateDBInstance',
      resource: `arn:aws:rds:us-east-1:${ACCOUNT}:db:copy`,
    },
    {
      label: 'create table',
      action: 'dynamodb:CreateTable',
      resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/copy`,
    },
    {
      label: 'create function',
      action: 'lambda:CreateFunction',
      resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:copy`,
    },
    { label: 'create key', action: 'kms:CreateKey', resource: '*' },
    {
      label: 'create log group',
      action: 'logs:CreateLogGroup',
      resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:copy`,
    },
    {
      label: 'create secret',
      action: 'secretsmanager:CreateSecret',
      resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:copy-AbCdEf`,
    },
  ];
}

export interface RoleRequest extends SimRequest {
  label: string;
  role: keyof Fixture['ids']['roles'];
}

/** One request of `role`, as the scenario lists below write them. */
function r(
  role: RoleRequest['role'],
  label: string,
  action: string,
  resource: string,
  region: string,
  extra: Partial<SimRequest> = {},
): RoleRequest {
  return { role, label, action, resource, region, ...extra };
}

/** Escalation and data-access attempts that must fail (IAM-3, IAM-4, LOG-6). */
export function escalationScenarios(f: Fixture): RoleRequest[] {
  const a = arnsOf(f);
  const g = 'us-east-1';
  const t = 'ap-northeast-1';
  const rootTrust: PolicyJson = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  };
  const sub = { 'iam:PermissionsBoundary': a.policies.subDelegateBoundary };
  const own = a.roles.delegate;
  const ownBoundary = { 'iam:PermissionsBoundary': a.policies.delegateBoundary };
  return [
    r('delegate', 'create role without boundary', 'iam:CreateRole', a.delegatedRole, g),
    r(
      'delegate',
      'create role with its own (wider) boundary',
      'iam:CreateRole',
      a.delegatedRole,
      g,
      { context: ownBoundary },
    ),
    r(
      'delegate',
      'create role with AdministratorAccess as boundary',
      'iam:CreateRole',
      a.delegatedRole,
      g,
      {
        context: { 'iam:PermissionsBoundary': ADMIN_POLICY },
      },
    ),
    r('delegate', 'create role outside the delegated path', 'iam:CreateRole', a.appRole, g, {
      context: sub,
    }),
    r(
      'delegate',
      'delete boundary of a sub-delegate role',
      'iam:DeleteRolePermissionsBoundary',
      a.delegatedRole,
      g,
      { context: sub },
    ),
    r(
      'delegate',
      'swap boundary of a sub-delegate role',
      'iam:PutRolePermissionsBoundary',
      a.delegatedRole,
      g,
      { context: ownBoundary },
    ),
    r('delegate', 'attach AdministratorAccess to itself', 'iam:AttachRolePolicy', own, g, {
      context: { ...ownBoundary, 'iam:PolicyARN': ADMIN_POLICY },
    }),
    r('delegate', 'inline policy on itself', 'iam:PutRolePolicy', own, g, { context: ownBoundary }),
    r('delegate', 'detach BaselineProtection from itself', 'iam:DetachRolePolicy', own, g, {
      context: { ...ownBoundary, 'iam:PolicyARN': a.policies.baselineProtection },
    }),
    r('delegate', 'delete its own boundary', 'iam:DeleteRolePermissionsBoundary', own, g, {
      context: ownBoundary,
    }),
    r(
      'delegate',
      'edit its own boundary',
      'iam:CreatePolicyVersion',
      a.policies.delegateBoundary,
      g,
    ),
    r(
      'delegate',
      'edit the sub-delegate boundary',
      'iam:CreatePolicyVersion',
      a.policies.subDelegateBoundary,
      g,
    ),
    r(
      'delegate',
      'roll back the sub-delegate boundary',
      'iam:SetDefaultPolicyVersion',
      a.policies.subDelegateBoundary,
      g,
    ),
    r(
      'delegate',
      'delete the sub-delegate boundary',
      'iam:DeletePolicy',
      a.policies.subDelegateBoundary,
      g,
    ),
    r(
      'delegate',
      'attach policy to an app role without boundary',
      'iam:AttachRolePolicy',
      a.appRole,
      g,
      {
        context: { 'iam:PolicyARN': ADMIN_POLICY },
      },
    ),
    r(
      'delegate',
      'rewrite trust of the sub-delegate role',
      'iam:UpdateAssumeRolePolicy',
      a.roles.subDelegate,
      g,
      { context: sub },
    ),
    r(
      'delegate',
      'create policy outside the delegated path',
      'iam:CreatePolicy',
      `arn:aws:iam::${ACCOUNT}:policy/app-admin`,
      g,
    ),
    r('delegate', 'create IAM user', 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/backdoor`, g),
    r(
      'delegate',
      'create access key',
      'iam:CreateAccessKey',
      `arn:aws:iam::${ACCOUNT}:user/backdoor`,
      g,
    ),
    r('delegate', 'create group', 'iam:CreateGroup', `arn:aws:iam::${ACCOUNT}:group/admins`, g),
    r('delegate', 'pass the operator role', 'iam:PassRole', a.roles.operator, t),
    r(
      'delegate',
      'assume the operator role (trust: account)',
      'sts:AssumeRole',
      a.roles.operator,
      t,
      { resourcePolicy: rootTrust },
    ),
    r(
      'delegate',
      'assume the CDK deploy role (trust: account)',
      'sts:AssumeRole',
      `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-deploy-role-${ACCOUNT}-ap-northeast-1`,
      t,
      {
        resourcePolicy: rootTrust,
      },
    ),
    r('subDelegate', 'create role even with the boundary', 'iam:CreateRole', a.delegatedRole, g, {
      context: sub,
    }),
    r(
      'subDelegate',
      'attach policy to a delegated role',
      'iam:AttachRolePolicy',
      a.delegatedRole,
      g,
      {
        context: { ...sub, 'iam:PolicyARN': ADMIN_POLICY },
      },
    ),
    r('subDelegate', 'pass a delegated role', 'iam:PassRole', a.delegatedRole, t),
    r(
      'subDelegate',
      'terminate instance (not re-delegated)',
      'ec2:TerminateInstances',
      a.appInstance(t),
      t,
    ),
    r(
      'subDelegate',
      'create DB (not re-delegated)',
      'rds:CreateDBInstance',
      `arn:aws:rds:${t}:${ACCOUNT}:db:x`,
      t,
    ),
    r(
      'subDelegate',
      'assume a delegated role (trust: account)',
      'sts:AssumeRole',
      a.delegatedRole,
      t,
      { resourcePolicy: rootTrust },
    ),
    r('centralLogReader', 'read business object', 's3:GetObject', a.appObject, t),
    r('centralLogReader', 'read business object version', 's3:GetObjectVersion', a.appObject, t),
    r('centralLogReader', 'decrypt with data key', 'kms:Decrypt', a.dataKey, t),
    r(
      'centralLogReader',
      'read secret',
      'secretsmanager:GetSecretValue',
      `arn:aws:secretsmanager:${t}:${ACCOUNT}:secret:db-AbCdEf`,
      t,
    ),
    r(
      'centralLogReader',
      'read parameter',
      'ssm:GetParameter',
      `arn:aws:ssm:${t}:${ACCOUNT}:parameter/app/db-password`,
      t,
    ),
    r(
      'centralLogReader',
      'read parameters by path',
      'ssm:GetParametersByPath',
      `arn:aws:ssm:${t}:${ACCOUNT}:parameter/app`,
      t,
    ),
    r(
      'centralLogReader',
      'query DB via Data API',
      'rds-data:ExecuteStatement',
      `arn:aws:rds:${t}:${ACCOUNT}:cluster:app`,
      t,
    ),
    r(
      'centralLogReader',
      'connect to DB with IAM auth',
      'rds-db:connect',
      `arn:aws:rds-db:${t}:${ACCOUNT}:dbuser:cluster-ABC/reader`,
      t,
    ),
    r(
      'centralLogReader',
      'get DynamoDB item',
      'dynamodb:GetItem',
      `arn:aws:dynamodb:${t}:${ACCOUNT}:table/residents`,
      t,
    ),
    r(
      'centralLogReader',
      'query DynamoDB',
      'dynamodb:Query',
      `arn:aws:dynamodb:${t}:${ACCOUNT}:table/residents`,
      t,
    ),
    r(
      'centralLogReader',
      'scan DynamoDB',
      'dynamodb:Scan',
      `arn:aws:dynamodb:${t}:${ACCOUNT}:table/residents`,
      t,
    ),
    r(
      'centralLogReader',
      'PartiQL select',
      'dynamodb:PartiQLSelect',
      `arn:aws:dynamodb:${t}:${ACCOUNT}:table/residents`,
      t,
    ),
  ];
}
