import type { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { TrustedPrincipals } from './trusted-principals';

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
