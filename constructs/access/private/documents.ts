import type { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { BaselineProtection } from '../../guardrails/baseline-protection';
import {
  BUSINESS_DATA_ACTIONS,
  IAM_READ_ACTIONS,
  METADATA_READ_ACTIONS,
  POLICY_ADMIN_ACTIONS,
  ROLE_ADMIN_ACTIONS,
  ROLE_HOUSEKEEPING_ACTIONS,
} from './perms';

/**
 * IAM path under which the delegated administrator may create roles and policies for its
 * sub-delegates (再委託先). Nothing else in the account lives there.
 */
export const DELEGATED_IAM_PATH = '/govcloud-jp-delegated/';

/**
 * A boundary is the ceiling of every role created under it, so the guard's denies go into the
 * boundary itself: a role the delegate creates cannot do what the delegate may not. IAM-3, IAM-4.
 */
export function withGuardDenies(
  document: iam.PolicyDocument,
  protection: BaselineProtection,
): iam.PolicyDocument {
  document.addStatements(
    ...protection.denyStatements.map((s) =>
      iam.PolicyStatement.fromJson({ ...s, Sid: `Guard${s.Sid}` }),
    ),
    // A role the delegate creates under this boundary may carry no Region guard of its own.
    iam.PolicyStatement.fromJson({
      ...protection.boundaryRegionGuard,
      Sid: `Guard${protection.boundaryRegionGuard.Sid}`,
    }),
  );
  return document;
}

export function delegateDocument(
  stack: Stack,
  delegatedActions: string[],
  subDelegateBoundaryArn: string,
  subDelegatePath: string,
): iam.PolicyDocument {
  const arn = (type: string, name: string) =>
    `arn:${stack.partition}:iam::${stack.account}:${type}${name}`;
  const delegatedRoles = arn('role', `${DELEGATED_IAM_PATH}*`);
  const delegatedPolicies = arn('policy', `${DELEGATED_IAM_PATH}*`);
  const boundaryIs = { StringEquals: { 'iam:PermissionsBoundary': subDelegateBoundaryArn } };
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'AllowDelegatedServices',
        actions: delegatedActions,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'AllowIamReadAndServiceLinkedRoles',
        actions: [...IAM_READ_ACTIONS, 'iam:CreateServiceLinkedRole'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'AllowSubDelegateRolesWithBoundary',
        actions: ROLE_ADMIN_ACTIONS,
        resources: [delegatedRoles],
        conditions: boundaryIs,
      }),
      new iam.PolicyStatement({
        sid: 'AllowSubDelegateRoleHousekeeping',
        actions: ROLE_HOUSEKEEPING_ACTIONS,
        resources: [delegatedRoles],
      }),
      new iam.PolicyStatement({
        sid: 'AllowSubDelegatePolicies',
        actions: POLICY_ADMIN_ACTIONS,
        resources: [delegatedPolicies],
      }),
      new iam.PolicyStatement({
        sid: 'AllowAssumeSubDelegates',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: [delegatedRoles, arn('role', `${subDelegatePath}*`)],
      }),
      // The denies below hold even if `delegatedActions` is '*' or more policies are attached.
      new iam.PolicyStatement({
        sid: 'DenyRoleChangesWithoutSubDelegateBoundary',
        effect: iam.Effect.DENY,
        actions: ROLE_ADMIN_ACTIONS,
        resources: ['*'],
        conditions: { StringNotEquals: { 'iam:PermissionsBoundary': subDelegateBoundaryArn } },
      }),
      new iam.PolicyStatement({
        sid: 'DenyBoundaryRemoval',
        effect: iam.Effect.DENY,
        actions: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DenyIamChangesOutsideDelegatedPath',
        effect: iam.Effect.DENY,
        actions: [...ROLE_ADMIN_ACTIONS, ...ROLE_HOUSEKEEPING_ACTIONS, ...POLICY_ADMIN_ACTIONS],
        notResources: [delegatedRoles, delegatedPolicies],
      }),
      new iam.PolicyStatement({
        sid: 'DenyOtherIamWrites',
        effect: iam.Effect.DENY,
        notActions: [
          ...IAM_READ_ACTIONS,
          ...ROLE_ADMIN_ACTIONS,
          ...ROLE_HOUSEKEEPING_ACTIONS,
          ...POLICY_ADMIN_ACTIONS,
          'iam:CreateServiceLinkedRole',
          'sts:*',
        ],
        resources: [`arn:${stack.partition}:iam::*:*`],
      }),
      new iam.PolicyStatement({
        sid: 'DenyAssumeOutsideDelegation',
        effect: iam.Effect.DENY,
        actions: ['sts:AssumeRole'],
        notResources: [delegatedRoles, arn('role', `${subDelegatePath}*`)],
      }),
    ],
  });
}

export function subDelegateDocument(stack: Stack, actions: string[]): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ sid: 'AllowReDelegatedServices', actions, resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'AllowIamRead',
        actions: IAM_READ_ACTIONS,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DenyIamWrites',
        effect: iam.Effect.DENY,
        notActions: [...IAM_READ_ACTIONS, 'sts:*'],
        resources: [`arn:${stack.partition}:iam::*:*`],
      }),
    ],
  });
}

export function logReaderDocument(bucketArns: string[], keyArns: string[]): iam.PolicyDocument {
  const objectArns = bucketArns.map((b) => `${b}/*`);
  const statements = [
    new iam.PolicyStatement({
      sid: 'AllowAuditMetadata',
      actions: METADATA_READ_ACTIONS,
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'DenyBusinessData',
      effect: iam.Effect.DENY,
      actions: BUSINESS_DATA_ACTIONS,
      resources: ['*'],
    }),
  ];
  const denyUnless = (sid: string, actions: string[], allowed: string[]) =>
    new iam.PolicyStatement({
      sid,
      effect: iam.Effect.DENY,
      actions,
      ...(allowed.length > 0 ? { notResources: allowed } : { resources: ['*'] }),
    });
  statements.push(
    denyUnless('DenyObjectsOutsideLogBuckets', ['s3:GetObject', 's3:GetObjectVersion'], objectArns),
    denyUnless('DenyDecryptOutsideLogKeys', ['kms:Decrypt'], keyArns),
  );
  if (bucketArns.length > 0) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'AllowLogArchiveRead',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'],
        resources: [...bucketArns, ...objectArns],
      }),
    );
  }
  if (keyArns.length > 0) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'AllowLogKeyDecrypt',
        actions: ['kms:Decrypt'],
        resources: keyArns,
      }),
    );
  }
  return new iam.PolicyDocument({ statements });
}
