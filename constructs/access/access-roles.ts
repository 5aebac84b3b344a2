import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { recordImplements } from '../core/implements';
import { acknowledgeFindings } from '../core/nag-finding';
import type { BaselineProtection } from '../guardrails/baseline-protection';
import type { RegionGuard } from '../guardrails/region-guard';
import {
  DELEGATED_IAM_PATH,
  delegateDocument,
  logReaderDocument,
  subDelegateDocument,
  withGuardDenies,
} from './private/documents';
import { trustedPrincipalsOf } from './private/trust';
import { refuseOwnAccountAsMfaTrust, validMfaAge, validateAccessRoles } from './private/validate';
import type {
  AccessRoleOptions,
  CentralLogReaderOptions,
  DelegateRoleOptions,
  DigitalAgencyRoleOptions,
  OperatorRoleOptions,
  RepresentativeRoleOptions,
  SubDelegateRoleOptions,
} from './role-options';

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
    validateAccessRoles(this, props);
    this.maxMfaAgeSeconds = validMfaAge(this, props.maxMfaAge);

    const stack = Stack.of(this);
    refuseOwnAccountAsMfaTrust(this, props);
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
        path: props.baselineProtection.boundaryPath,
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
        acknowledgeFindings(role, {
          id: 'AwsSolutions-IAM4',
          reason:
            'Table 5 of the Government Cloud rules gives this administrator role all permissions; ' +
            'AdministratorAccess is that grant. Tampering with the baseline and deleting the area are removed ' +
            'by explicit denies (BaselineProtection), other regions by RegionGuard (IAM-1, IAM-2, IAM-5).',
          reasonJa:
            '「地方公共団体情報システムのガバメントクラウドの利用に関する基準」（デジタル庁、2022 年）の表 5 は、' +
            'この管理者ロールにすべての権限を与えており、AdministratorAccess がその付与にあたる。ベースラインの改変と' +
            '個別領域の削除は明示的拒否（BaselineProtection）で、他リージョンの利用は RegionGuard で除いている' +
            '（IAM-1、IAM-2、IAM-5）。',
        });
      }
    }
    for (const boundary of [this.delegateBoundary, this.subDelegateBoundary]) {
      if (!boundary) continue;
      acknowledgeFindings(
        boundary,
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'The service-level actions are the scope the administrator delegates by contract (config ' +
            'access.delegate / subDelegate.delegatedActions); this boundary is their ceiling, and IAM writes are ' +
            'limited to the delegated path and the sub-delegate boundary (IAM-3, IAM-4).',
          reasonJa:
            'サービス単位のアクションは、管理者が契約に基づいて委託する範囲である（設定 access.delegate / ' +
            'subDelegate.delegatedActions）。この権限境界はその上限であり、IAM の書込みは委託したパスと' +
            '再委託先用の権限境界に限られる（IAM-3、IAM-4）。',
        },
        {
          id: 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
          reason:
            'A delegated service is granted as <service>:* on purpose: the delegation agreed in the contract is ' +
            'per service (IAM-3); BaselineProtection and RegionGuard deny tampering and other regions on top.',
          reasonJa:
            '委託するサービスは意図して <service>:* で許可している。契約で合意した委託はサービス単位である（IAM-3）。' +
            'そのうえで BaselineProtection と RegionGuard が改変と他リージョンの利用を拒否する。',
        },
      );
    }
    const reader = this.node.tryFindChild('CentralLogReaderPolicy');
    if (reader) {
      acknowledgeFindings(reader, {
        id: 'AwsSolutions-IAM5',
        reason:
          'Read-only metadata actions (Describe/Get/List) of the audit services and the log archives, which ' +
          'central log collection needs across all their resources; business data is explicitly denied (LOG-6).',
        reasonJa:
          '監査サービスとログアーカイブのメタデータを読み取るだけの操作（Describe/Get/List）であり、統合的なログ収集には' +
          'それらのすべてのリソースに対して必要となる。業務データの読取りは明示的に拒否している（LOG-6）。',
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
      // CompositePrincipal adds each principal's trust on its own statement, its conditions on
      // the statement rather than the principal, so `@aws-cdk/aws-iam:minimizePolicies` merges
      // the principals of one condition instead of refusing a mix (IAM-1..5; trust tests).
      assumedBy: new iam.CompositePrincipal(...principals),
      path: spec.path ?? this.iamPath,
      description: spec.description,
      maxSessionDuration: options.maxSessionDuration ?? Duration.hours(1),
      managedPolicies: spec.policies,
      permissionsBoundary: spec.boundary,
    });
    if (spec.guarded) {
      this.props.baselineProtection.attachTo(role);
    }
    this.props.regionGuard.attachTo(role);
    return role;
  }
}
