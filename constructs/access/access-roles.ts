import { Aws, CfnRule, Duration, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { recordImplements } from '../core/implements';
import { BaselineProtection } from '../guardrails/baseline-protection';
import { RegionGuard } from '../guardrails/region-guard';
import { boundaryPath } from '../guardrails/protection-statements';
import {
  addTrust,
  trustedPrincipalsOf,
  validateTrustedPrincipals,
  type TrustedPrincipals,
} from './trusted-principals';

/**
 * IAM path under which the delegated administrator may create roles and policies for its
 * sub-delegates (再委託先). Nothing else in the account lives there.
 */
export const DELEGATED_IAM_PATH = '/govcloud-jp-delegated/';

/** Options shared by every role. */
export interface AccessRoleOptions {
  /** Who may assume the role. */
  readonly trustedPrincipals: TrustedPrincipals;
  /**
   * Longest session.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/** The representative administrator's break-glass role (管理者・代表者). MFA is always required. */
export type RepresentativeRoleOptions = AccessRoleOptions;

/** The general operator's role (管理者・一般作業者). */
export interface OperatorRoleOptions extends AccessRoleOptions {
  /**
   * Require MFA when an account or IAM principal assumes the role (federated sign-ins rely on
   * the IdP / Identity Center for MFA).
   * @default true
   */
  readonly requireMfa?: boolean;
  /**
   * What the operator may do, before the guards' denies.
   * @default [AdministratorAccess]
   */
  readonly managedPolicies?: iam.IManagedPolicy[];
}

/** The delegated administrator's role (委託先管理者 / 委託先担当者). */
export interface DelegateRoleOptions extends AccessRoleOptions {
  /**
   * Require MFA when an account or IAM principal assumes the role.
   * @default true
   */
  readonly requireMfa?: boolean;
  /**
   * The actions the administrator delegates (委託する権限), e.g. `['ec2:*', 'rds:*', 's3:*']`.
   * They are the delegate's permission boundary too. `iam:`, `sts:`, `organizations:` and
   * `account:` actions cannot be listed: the delegation pattern grants exactly the IAM rights
   * needed to manage sub-delegates.
   */
  readonly delegatedActions: string[];
}

/** The sub-delegate's role (再委託先管理者 / 委託先担当者). */
export interface SubDelegateRoleOptions extends AccessRoleOptions {
  /**
   * Require MFA when an account or IAM principal assumes the role. The delegate's own role
   * may always assume it, without MFA (role chaining carries no MFA flag).
   * @default true
   */
  readonly requireMfa?: boolean;
  /**
   * The actions re-delegated; each must be covered by one of the delegate's
   * `delegatedActions` (e.g. `ec2:Describe*` under `ec2:*`).
   */
  readonly delegatedActions: string[];
}

/** The Digital Agency's management role (デジタル庁の管理権限). MFA is always required. */
export interface DigitalAgencyRoleOptions extends AccessRoleOptions {
  /**
   * What the Agency may do, before the guards' denies.
   * @default [AdministratorAccess]
   */
  readonly managedPolicies?: iam.IManagedPolicy[];
}

/** The central log collection role (中央ログ収集、メタデータのみ). */
export interface CentralLogReaderOptions extends AccessRoleOptions {
  /**
   * Require MFA when an account or IAM principal assumes the role; collection is usually
   * automated, so off by default.
   * @default false
   */
  readonly requireMfa?: boolean;
  /**
   * Log archive buckets whose objects the role may read; every other bucket's objects are
   * explicitly denied.
   * @default - none: no object may be read
   */
  readonly logBucketArns?: string[];
  /**
   * Keys of those logs, which the role may use to decrypt; every other key is explicitly denied.
   * @default - none: nothing may be decrypted
   */
  readonly logKeyArns?: string[];
  /**
   * Further read policies (e.g. AWS `SecurityAudit`). The data denies still apply.
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];
}

/** Properties of {@link AccessRoles}. */
export interface AccessRolesProps {
  /**
   * Oldest MFA sign-in with which an MFA-gated trust may be used (`aws:MultiFactorAuthAge`):
   * the break-glass and Digital Agency roles always, the others when they require MFA. At
   * least 5 minutes, at most 12 hours. IAM-1, IAM-5.
   * @default Duration.hours(1)
   */
  readonly maxMfaAge?: Duration;
  /** Attached to every role except the break-glass role. */
  readonly baselineProtection: BaselineProtection;
  /** Attached to every role, the break-glass role included (REG-2 has no exception). */
  readonly regionGuard: RegionGuard;
  /**
   * 管理者・代表者 (representative administrator), break-glass. IAM-1.
   * @default - no such role
   */
  readonly representative?: RepresentativeRoleOptions;
  /**
   * 管理者・一般作業者 (general operator). IAM-2.
   * @default - no such role
   */
  readonly operator?: OperatorRoleOptions;
  /**
   * 委託先管理者 (delegated administrator). IAM-3.
   * @default - no such role
   */
  readonly delegate?: DelegateRoleOptions;
  /**
   * 再委託先管理者 (sub-delegate); needs `delegate`. IAM-4.
   * @default - no such role (the delegate may still create sub-delegate roles)
   */
  readonly subDelegate?: SubDelegateRoleOptions;
  /**
   * デジタル庁 (Digital Agency) management role. IAM-5.
   * @default - no such role
   */
  readonly digitalAgency?: DigitalAgencyRoleOptions;
  /**
   * Central log collection role, metadata only. LOG-6.
   * @default - no such role
   */
  readonly centralLogReader?: CentralLogReaderOptions;
}

const ACTION_PATTERN = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const RESERVED_PREFIXES = ['iam:', 'sts:', 'organizations:', 'account:'];

const IAM_READ_ACTIONS = ['iam:Get*', 'iam:List*', 'iam:Generate*', 'iam:Simulate*'];
/** Role changes the delegate may make, only on roles carrying the sub-delegate boundary. */
const ROLE_ADMIN_ACTIONS = [
  'iam:CreateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:DeleteRole',
];
/** Role actions that carry no `iam:PermissionsBoundary` key; limited by path instead. */
const ROLE_HOUSEKEEPING_ACTIONS = [
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateRoleDescription',
  'iam:PassRole',
];
const POLICY_ADMIN_ACTIONS = [
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
];
/** Explicitly denied to the central log reader: business data (業務データ). LOG-6. */
const BUSINESS_DATA_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter*',
  'rds-data:*',
  'rds-db:connect',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'dynamodb:ExportTableToPointInTime',
  // A shell in a task or instance acts with its role, which reads business data: ECS Exec
  // into the application task, Session Manager and Run Command borrow it.
  'ecs:ExecuteCommand',
  'ssm:StartSession',
  'ssm:SendCommand',
];
/** Metadata the central log reader may read. LOG-6. */
const METADATA_READ_ACTIONS = [
  'cloudtrail:LookupEvents',
  'cloudtrail:Describe*',
  'cloudtrail:Get*',
  'cloudtrail:List*',
  'config:Describe*',
  'config:Get*',
  'config:List*',
  'config:Select*',
  'config:BatchGet*',
  'securityhub:Describe*',
  'securityhub:Get*',
  'securityhub:List*',
  'securityhub:BatchGet*',
  'guardduty:Describe*',
  'guardduty:Get*',
  'guardduty:List*',
  'access-analyzer:Get*',
  'access-analyzer:List*',
  'health:Describe*',
];

/**
 * The permission model of a tenant area (個別領域の権限設定), after the rules' Tables 4/5:
 *
 * | role | 日本語 | rights | guards |
 * |---|---|---|---|
 * | `representativeRole` | 管理者・代表者 | everything; break-glass, MFA in trust, alert on use | RegionGuard |
 * | `operatorRole` | 管理者・一般作業者 | AdministratorAccess minus area deletion and baseline tampering | BaselineProtection, RegionGuard |
 * | `delegateRole` | 委託先管理者 | `delegatedActions` + creating sub-delegate roles that carry the sub-delegate boundary | boundary, BaselineProtection, RegionGuard |
 * | `subDelegateRole` | 再委託先管理者 | a subset of the delegate's actions, no IAM writes | boundary, BaselineProtection, RegionGuard |
 * | `digitalAgencyRole` | デジタル庁 | AdministratorAccess, MFA in trust (device deposited with the operator), alert on use | BaselineProtection, RegionGuard |
 * | `centralLogReaderRole` | 中央ログ収集 | CloudTrail/Config/Security Hub/GuardDuty metadata; business data explicitly denied | BaselineProtection, RegionGuard |
 *
 * Every role lives under the baseline IAM path, so BaselineProtection keeps anyone it guards
 * from editing these roles, their policies or boundaries. The delegate may create and manage
 * roles only under {@link DELEGATED_IAM_PATH} and only when they carry the sub-delegate
 * permission boundary (the standard permission-boundary delegation pattern), so delegation
 * cannot escalate.
 *
 * Implements IAM-1, IAM-2, IAM-3, IAM-4, IAM-5, LOG-6.
 */
export class AccessRoles extends Construct {
  /** 管理者・代表者: break-glass role (IAM-1). */
  public readonly representativeRole?: iam.Role;
  /** 管理者・一般作業者: general operator (IAM-2). */
  public readonly operatorRole?: iam.Role;
  /** 委託先管理者: delegated administrator (IAM-3). */
  public readonly delegateRole?: iam.Role;
  /** 再委託先管理者: sub-delegate (IAM-4). */
  public readonly subDelegateRole?: iam.Role;
  /** デジタル庁: the Digital Agency's management role (IAM-5). */
  public readonly digitalAgencyRole?: iam.Role;
  /** 中央ログ収集: metadata-only reader for central log collection (LOG-6). */
  public readonly centralLogReaderRole?: iam.Role;
  /** The delegate's permission boundary (and identity policy). */
  public readonly delegateBoundary?: iam.ManagedPolicy;
  /** The boundary every sub-delegate role must carry. */
  public readonly subDelegateBoundary?: iam.ManagedPolicy;
  /** Where the delegate may create sub-delegate roles and policies. */
  public readonly delegatedIamPath: string = DELEGATED_IAM_PATH;
  /** ARNs of the roles whose every assumption must raise an alert (IAM-1, IAM-5). */
  public readonly alertOnUseRoleArns: string[];

  private readonly props: AccessRolesProps;
  private readonly iamPath: string;
  private readonly maxMfaAgeSeconds: number;

  constructor(scope: Construct, id: string, props: AccessRolesProps) {
    super(scope, id);
    this.props = props;
    this.iamPath = props.baselineProtection.iamPath;
    validate(props);
    this.maxMfaAgeSeconds = validMfaAge(props.maxMfaAge);

    const stack = Stack.of(this);
    this.refuseOwnAccountAsMfaTrust(stack);
    const admin = iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');

    if (props.representative) {
      this.representativeRole = this.role('Representative', props.representative, {
        requireMfa: true,
        description:
          'Representative administrator (kanrisha daihyosha): break-glass full access, MFA required, alert on use (IAM-1)',
        policies: [admin],
        guarded: false,
      });
    }
    if (props.operator) {
      this.operatorRole = this.role('Operator', props.operator, {
        requireMfa: props.operator.requireMfa ?? true,
        description:
          'General operator (kanrisha ippan sagyosha): full access except area deletion and baseline tampering (IAM-2)',
        policies: props.operator.managedPolicies ?? [admin],
        guarded: true,
      });
    }
    if (props.delegate) {
      const subPath = `${this.iamPath}sub-delegate/`;
      this.subDelegateBoundary = new iam.ManagedPolicy(this, 'SubDelegateBoundary', {
        // Under the boundary path: the guard lets guarded roles create roles only with such a boundary.
        path: boundaryPath(this.iamPath),
        description: 'Permission boundary of every sub-delegate role (IAM-4)',
        // Without an explicit sub-delegate, the delegate may re-delegate all of its own rights.
        document: withGuardDenies(
          subDelegateDocument(
            stack,
            props.subDelegate?.delegatedActions ?? props.delegate.delegatedActions,
          ),
          props.baselineProtection,
        ),
      });
      this.delegateBoundary = new iam.ManagedPolicy(this, 'DelegateBoundary', {
        path: this.iamPath,
        description: 'Permission boundary and policy of the delegated administrator (IAM-3)',
        document: delegateDocument(
          stack,
          props.delegate.delegatedActions,
          this.subDelegateBoundary.managedPolicyArn,
          subPath,
        ),
      });
      this.delegateRole = this.role('Delegate', props.delegate, {
        requireMfa: props.delegate.requireMfa ?? true,
        description:
          'Delegated administrator (itakusaki kanrisha): delegated services, may create sub-delegate roles with the sub-delegate boundary (IAM-3)',
        policies: [this.delegateBoundary],
        boundary: this.delegateBoundary,
        guarded: true,
      });
      if (props.subDelegate) {
        this.subDelegateRole = this.role('SubDelegate', props.subDelegate, {
          requireMfa: props.subDelegate.requireMfa ?? true,
          description:
            'Sub-delegate (sai-itakusaki kanrisha): a subset of the delegated services, no IAM writes (IAM-4)',
          policies: [this.subDelegateBoundary],
          boundary: this.subDelegateBoundary,
          guarded: true,
          path: subPath,
          extraPrincipals: [new iam.ArnPrincipal(this.delegateRole.roleArn)],
        });
      }
    }
    if (props.digitalAgency) {
      this.digitalAgencyRole = this.role('DigitalAgency', props.digitalAgency, {
        requireMfa: true,
        description:
          'Digital Agency (dejitaru-cho) management role: MFA device held by the operator, so it cannot be used alone; alert on use (IAM-5)',
        policies: props.digitalAgency.managedPolicies ?? [admin],
        guarded: true,
      });
    }
    if (props.centralLogReader) {
      const reader = props.centralLogReader;
      const readerPolicy = new iam.ManagedPolicy(this, 'CentralLogReaderPolicy', {
        path: this.iamPath,
        description:
          'Central log collection: metadata only, business data explicitly denied (LOG-6)',
        document: logReaderDocument(reader.logBucketArns ?? [], reader.logKeyArns ?? []),
      });
      this.centralLogReaderRole = this.role('CentralLogReader', reader, {
        requireMfa: reader.requireMfa ?? false,
        description:
          'Central log collection (chuo log shushu): CloudTrail/Config/Security Hub/GuardDuty metadata only (LOG-6)',
        policies: [readerPolicy, ...(reader.managedPolicies ?? [])],
        guarded: true,
      });
    }

    recordImplements(
      this,
      ...(
        [
          [this.representativeRole, 'IAM-1'],
          [this.operatorRole, 'IAM-2'],
          [this.delegateRole, 'IAM-3'],
          [this.subDelegateRole, 'IAM-4'],
          [this.digitalAgencyRole, 'IAM-5'],
          [this.centralLogReaderRole, 'LOG-6'],
        ] as const
      )
        .filter(([role]) => role !== undefined)
        .map(([, id]) => id),
    );
    this.acknowledgeByDesignFindings();

    this.alertOnUseRoleArns = [this.representativeRole, this.digitalAgencyRole]
      .filter((r): r is iam.Role => r !== undefined)
      .map((r) => r.roleArn);
  }

  /**
   * The rules give these roles broad rights on purpose (Table 5: 管理者 holds all
   * permissions; the delegate holds what the administrator grants), so the nag findings on
   * wildcards and AdministratorAccess are acknowledged here, once per rule, with the reason.
   */
  private acknowledgeByDesignFindings(): void {
    const adminRoles = [this.representativeRole, this.operatorRole, this.digitalAgencyRole];
    for (const role of adminRoles) {
      if (role) {
        Validations.of(role).acknowledge({
          id: 'AwsSolutions-IAM4',
          reason:
            'Table 5 of the Government Cloud rules gives this administrator role all permissions; ' +
            'AdministratorAccess is that grant. Tampering with the baseline and deleting the area are removed ' +
            'by explicit denies (BaselineProtection), other regions by RegionGuard (IAM-1, IAM-2, IAM-5).',
        });
      }
    }
    for (const boundary of [this.delegateBoundary, this.subDelegateBoundary]) {
      if (!boundary) continue;
      Validations.of(boundary).acknowledge(
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'The service-level actions are the scope the administrator delegates by contract (config ' +
            'access.delegate / subDelegate.delegatedActions); this boundary is their ceiling, and IAM writes are ' +
            'limited to the delegated path and the sub-delegate boundary (IAM-3, IAM-4).',
        },
        {
          id: 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
          reason:
            'A delegated service is granted as <service>:* on purpose: the delegation agreed in the contract is ' +
            'per service (IAM-3); BaselineProtection and RegionGuard deny tampering and other regions on top.',
        },
      );
    }
    const reader = this.node.tryFindChild('CentralLogReaderPolicy');
    if (reader) {
      Validations.of(reader).acknowledge({
        id: 'AwsSolutions-IAM5',
        reason:
          'Read-only metadata actions (Describe/Get/List) of the audit services and the log archives, which ' +
          'central log collection needs across all their resources; business data is explicitly denied (LOG-6).',
      });
    }
  }

  /**
   * The MFA-gated roles (break-glass, Digital Agency) must not trust the tenant account
   * itself: any admin there could make an IAM user with MFA and assume them. Known account:
   * a config error; unknown (environment-agnostic stack): a template rule that refuses the
   * deployment into a trusted account. IAM-1, IAM-5.
   */
  private refuseOwnAccountAsMfaTrust(stack: Stack): void {
    const gated: [string, AccessRoleOptions | undefined, string][] = [
      ['representative', this.props.representative, 'IAM-1'],
      ['digitalAgency', this.props.digitalAgency, 'IAM-5'],
    ];
    for (const [name, options, req] of gated) {
      const accountIds = (options?.trustedPrincipals.accountIds ?? []).filter(
        (a) => !Token.isUnresolved(a),
      );
      if (accountIds.length === 0) continue;
      if (!Token.isUnresolved(stack.account)) {
        if (accountIds.includes(stack.account)) {
          throw new Error(
            `AccessRoles ${name}.trustedPrincipals.accountIds "${stack.account}" is the tenant account itself [${req}]: any administrator there could create an IAM user with MFA and assume the role; trust the separate identity account instead.`,
          );
        }
        continue;
      }
      new CfnRule(this, `${name[0].toUpperCase()}${name.slice(1)}TrustNotSelf`, {
        assertions: [
          {
            assert: Fn.conditionNot(Fn.conditionContains(accountIds, Aws.ACCOUNT_ID)),
            assertDescription: `${name}.trustedPrincipals.accountIds must not contain the account deployed into [${req}]: trust the separate identity account.`,
          },
        ],
      });
    }
  }

  /** Every role created, for wiring alerts or outputs. */
  public get roles(): iam.Role[] {
    return [
      this.representativeRole,
      this.operatorRole,
      this.delegateRole,
      this.subDelegateRole,
      this.digitalAgencyRole,
      this.centralLogReaderRole,
    ].filter((r): r is iam.Role => r !== undefined);
  }

  private role(
    id: string,
    options: AccessRoleOptions,
    spec: {
      requireMfa: boolean;
      description: string;
      policies: iam.IManagedPolicy[];
      guarded: boolean;
      boundary?: iam.IManagedPolicy;
      path?: string;
      extraPrincipals?: iam.IPrincipal[];
    },
  ): iam.Role {
    const principals = [
      ...trustedPrincipalsOf(
        Stack.of(this),
        options.trustedPrincipals,
        spec.requireMfa,
        this.maxMfaAgeSeconds,
      ),
      ...(spec.extraPrincipals ?? []),
    ];
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: principals[0],
      path: spec.path ?? this.iamPath,
      description: spec.description,
      maxSessionDuration: options.maxSessionDuration ?? Duration.hours(1),
      managedPolicies: spec.policies,
      permissionsBoundary: spec.boundary,
    });
    addTrust(role, principals.slice(1));
    if (spec.guarded) {
      this.props.baselineProtection.attachTo(role);
    }
    this.props.regionGuard.attachTo(role);
    return role;
  }
}

/**
 * A boundary is the ceiling of every role created under it, so the guard's denies go into the
 * boundary itself: a role the delegate creates cannot do what the delegate may not. IAM-3, IAM-4.
 */
function withGuardDenies(
  document: iam.PolicyDocument,
  protection: BaselineProtection,
): iam.PolicyDocument {
  document.addStatements(
    ...protection.denyStatements.map((s) =>
      iam.PolicyStatement.fromJson({ ...s, Sid: `Guard${s.Sid}` }),
    ),
  );
  return document;
}

function delegateDocument(
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

function subDelegateDocument(stack: Stack, actions: string[]): iam.PolicyDocument {
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

function logReaderDocument(bucketArns: string[], keyArns: string[]): iam.PolicyDocument {
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

/** True when an IAM action pattern `pattern` matches every action `candidate` can match. */
export function actionPatternCovers(pattern: string, candidate: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    'i',
  );
  return regex.test(candidate);
}

function validateActions(prop: string, actions: string[] | undefined, req: string): void {
  if (!actions || actions.length === 0) {
    throw new Error(
      `AccessRoles ${prop} "${JSON.stringify(actions ?? null)}" is empty [${req}]: list the delegated actions, e.g. ["ec2:*", "rds:*"].`,
    );
  }
  for (const action of actions) {
    if (Token.isUnresolved(action) || !ACTION_PATTERN.test(action)) {
      throw new Error(
        `AccessRoles ${prop} "${action}" is not an IAM action [${req}]: use "service:Action", "service:Prefix*" or "*".`,
      );
    }
    const reserved = RESERVED_PREFIXES.find((p) => action.toLowerCase().startsWith(p));
    if (reserved) {
      throw new Error(
        `AccessRoles ${prop} "${action}" cannot be delegated [${req}]: ${reserved}* actions are fixed by the delegation pattern (create roles only with the sub-delegate boundary); remove it.`,
      );
    }
  }
}

/** Seconds of `maxMfaAge`, checked against 5 minutes .. 12 hours (IAM-1, IAM-5). */
function validMfaAge(maxMfaAge: Duration | undefined): number {
  const seconds = (maxMfaAge ?? Duration.hours(1)).toSeconds();
  if (!Number.isInteger(seconds) || seconds < 300 || seconds > 43200) {
    throw new Error(
      `AccessRoles maxMfaAge "${seconds} seconds" is out of range [IAM-1, IAM-5]: an MFA-gated role must not be opened with an old MFA sign-in; use 300 to 43200 seconds (default 3600, one hour).`,
    );
  }
  return seconds;
}

function validate(props: AccessRolesProps): void {
  const checks: [string, AccessRoleOptions | undefined, string, boolean][] = [
    ['representative', props.representative, 'IAM-1', true],
    ['operator', props.operator, 'IAM-2', false],
    ['delegate', props.delegate, 'IAM-3', false],
    ['subDelegate', props.subDelegate, 'IAM-4', false],
    ['digitalAgency', props.digitalAgency, 'IAM-5', true],
    ['centralLogReader', props.centralLogReader, 'LOG-6', false],
  ];
  for (const [name, options, req, mfaGated] of checks) {
    if (options) {
      validateTrustedPrincipals(name, options.trustedPrincipals, req, mfaGated);
    }
  }
  if (props.delegate) {
    validateActions('delegate.delegatedActions', props.delegate.delegatedActions, 'IAM-3');
  }
  if (props.subDelegate) {
    if (!props.delegate) {
      throw new Error(
        'AccessRoles subDelegate "set" needs a delegate [IAM-4]: a sub-delegate\'s rights are a subset of the delegated administrator\'s; configure `delegate` too.',
      );
    }
    validateActions('subDelegate.delegatedActions', props.subDelegate.delegatedActions, 'IAM-4');
    for (const action of props.subDelegate.delegatedActions) {
      const covered = props.delegate.delegatedActions.some((p) => actionPatternCovers(p, action));
      if (!covered) {
        throw new Error(
          `AccessRoles subDelegate.delegatedActions "${action}" is not within the delegate's actions [IAM-4]: a sub-delegate gets a subset of ${JSON.stringify(props.delegate.delegatedActions)}; narrow it or delegate it first.`,
        );
      }
    }
  }
}
