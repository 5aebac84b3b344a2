/**
 * A thin wrapper around @cloud-copilot/iam-simulate (AGPL-3.0, devDependency only: it never
 * ships with the library). One request in, 'Allowed' / 'ExplicitlyDenied' /
 * 'ImplicitlyDenied' out; invalid input (an unknown action, a malformed policy, a resource
 * that does not fit the action) fails the test instead of passing silently.
 */
import {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  validateServiceControlPolicy,
  type ValidatedPolicy,
} from '@cloud-copilot/iam-policy';
import { isWildcardOnlyAction, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import './memoize-iam';
import type { PolicyJson, ResolvedRole } from './resolve-template';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A caller: a role of the template, or an outside principal with its own policies. */
export interface Caller {
  label: string;
  principal: string;
  principalArn: string;
  identityPolicies: { name: string; policy: PolicyJson }[];
  boundary?: { name: string; policy: PolicyJson };
}

export interface SimRequest {
  action: string;
  /** Resource ARN; omitted (or '*') for actions without resource-level permissions. */
  resource?: string;
  region: string;
  /** Extra request context, e.g. `aws:ResourceTag/…`, `iam:PermissionsBoundary`. */
  context?: Record<string, string | string[]>;
  /** The resource's own policy, e.g. a role's trust policy for sts:AssumeRole. */
  resourcePolicy?: PolicyJson;
  /** Account owning the resource. */
  resourceAccount?: string;
}

export interface SimOptions {
  /** SCPs applied to the caller's account, root first. */
  scps?: { name: string; policy: PolicyJson }[];
  /** Supplies a resource policy (e.g. a key policy) when the request has none. */
  resourcePolicyFor?: (arn: string) => PolicyJson | undefined;
}

export function callerOf(role: ResolvedRole, label = role.name): Caller {
  return {
    label,
    principal: role.sessionArn,
    principalArn: role.arn,
    identityPolicies: role.identityPolicies,
    boundary: role.boundary,
  };
}

const FULL_AWS_ACCESS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

type Validate = (policy: unknown) => ReturnType<typeof validateIdentityPolicy>;

/**
 * A policy document validated once per kind of use: the suites send the same role, boundary,
 * SCP and key-policy documents with tens of thousands of requests, and iam-simulate would
 * otherwise validate each again for every request. No suite changes a document in place (a
 * variant is a new object), so the document itself is the key; a validation error still fails
 * the request that carries it.
 */
const validated = new Map<Validate, WeakMap<object, ValidatedPolicy>>();
function once(policy: PolicyJson, validate: Validate): ValidatedPolicy {
  let byDocument = validated.get(validate);
  if (!byDocument) validated.set(validate, (byDocument = new WeakMap()));
  let v = byDocument.get(policy);
  if (!v) byDocument.set(policy, (v = createValidatedPolicy(policy, validate)));
  return v;
}

export async function simulate(
  caller: Caller,
  request: SimRequest,
  options: SimOptions = {},
): Promise<Decision> {
  const [service, name] = request.action.split(':');
  const wildcardOnly = await isWildcardOnlyAction(service, name);
  const resource = wildcardOnly ? '*' : request.resource;
  if (!resource) {
    throw new Error(`${request.action} needs a resource ARN`);
  }
  const callerAccount = caller.principalArn.split(':')[4];
  const resourcePolicy = request.resourcePolicy ?? options.resourcePolicyFor?.(resource);
  const simulation: Simulation = {
    request: {
      principal: caller.principal,
      action: request.action,
      resource: { resource, accountId: request.resourceAccount ?? callerAccount },
      contextVariables: {
        'aws:RequestedRegion': request.region,
        'aws:PrincipalArn': caller.principalArn,
        'aws:PrincipalAccount': callerAccount,
        ...(request.context ?? {}),
      },
    },
    identityPolicies: caller.identityPolicies.map(({ name, policy }) => ({
      name,
      policy: once(policy, validateIdentityPolicy),
    })),
    permissionBoundaryPolicies: caller.boundary
      ? [
          {
            name: caller.boundary.name,
            policy: once(caller.boundary.policy, validateIdentityPolicy),
          },
        ]
      : undefined,
    serviceControlPolicies: options.scps
      ? [
          {
            orgIdentifier: 'r-root',
            policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, ...options.scps].map(
              ({ name, policy }) => ({ name, policy: once(policy, validateServiceControlPolicy) }),
            ),
          },
        ]
      : [],
    resourceControlPolicies: [],
    resourcePolicy: resourcePolicy && once(resourcePolicy, validateResourcePolicy),
  };
  const result = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (result.resultType === 'error') {
    throw new Error(
      `simulation of ${caller.label} ${request.action} on ${resource} failed: ${JSON.stringify(result.errors)}`,
    );
  }
  return result.overallResult as Decision;
}
