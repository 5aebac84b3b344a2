import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { recordImplements } from '../core/implements';
import { deployerOnlyStatement, validateDeployerArns } from '../core/deployer';
import { GovCloudError } from '../core/errors';
import { ENCRYPT_DECRYPT_ACTIONS, KEY_MANAGEMENT_ACTIONS } from '../core/kms-perms';

/** What a key protects. One customer-managed key per purpose (KEY-1). */
export type KeyPurpose =
  'audit-logs' | 'notifications' | 'data' | 'backup' | 'config' | 'monitoring';

/** The shortest deletion window AWS allows is 7 days; the rules want the longest (KEY-2). */
const DELETION_WINDOW_DAYS = 30;

export interface PurposeKeyProps {
  /** What the key protects; appears in its alias and description. */
  readonly purpose: KeyPurpose;
  /**
   * Distinguishes keys of the same purpose, e.g. a municipality code for per-tenant data
   * keys (KEY-4). Lowercase letters, digits and hyphens.
   * @default - none: the alias is `alias/govcloud-jp/<purpose>`
   */
  readonly qualifier?: string;
  /**
   * Alias prefix, so several systems in one account keep distinct aliases.
   * @default 'govcloud-jp'
   */
  readonly aliasPrefix?: string;
}

/**
 * A customer-managed KMS key for one purpose (目的別の顧客管理鍵).
 *
 * Rotation is on, the deletion window is 30 days and the key is retained when its stack is
 * deleted, so neither `cdk destroy` nor a config change can make data unreadable.
 * The key policy starts with the account's standard admin delegation only; services are
 * added with `grantServiceUse`, always bound to this account and, where given, to the
 * source resource.
 *
 * The policy also carries the grant guard (付与制限, statement `DenyGrantsNotForAwsResources`):
 * `kms:CreateGrant` is denied to every principal unless the grant is for an AWS resource
 * (`kms:GrantIsForAWSResource`) or the caller is an AWS service (`aws:PrincipalIsAWSService`).
 * Without it anyone with IAM KMS rights could hand Decrypt on the key to another principal or
 * account through a grant, without touching the key policy, and a grant outlives the policy
 * change a crypto-erasure relies on (KEY-2, KEY-4; Control Tower control CT.KMS.PR.3).
 *
 * Implements KEY-1 (customer-managed, one per purpose, rotation) and KEY-2 (30-day window,
 * RETAIN, grant guard).
 */
export class PurposeKey extends Construct {
  /** The key itself. */
  public readonly key: kms.Key;
  /** The alias name, e.g. `alias/govcloud-jp/audit-logs`. */
  public readonly aliasName: string;

  private reservedTo?: string;

  constructor(scope: Construct, id: string, props: PurposeKeyProps) {
    super(scope, id);
    recordImplements(this, 'KEY-1', 'KEY-2');
    const prefix = props.aliasPrefix ?? 'govcloud-jp';
    for (const [field, value] of [
      ['aliasPrefix', prefix],
      ['qualifier', props.qualifier],
    ] as const) {
      if (value !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(value)) {
        throw new GovCloudError({
          code: 'PurposeKeyNameInvalid',
          problem: `PurposeKey ${field} "${value}" is invalid`,
          requirement: 'KEY-1',
          fix: 'use lowercase letters, digits and hyphens (at most 63).',
          scope: this,
        });
      }
    }
    const name = props.qualifier ? `${props.purpose}-${props.qualifier}` : props.purpose;
    this.aliasName = `alias/${prefix}/${name}`;
    this.key = new kms.Key(this, 'Key', {
      description: `govcloud-jp-cdk ${name} key (KEY-1)`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(DELETION_WINDOW_DAYS),
      removalPolicy: RemovalPolicy.RETAIN,
      alias: this.aliasName,
    });
    this.key.addToResourcePolicy(createGrantGuard());
  }

  /**
   * Reserves key management to the deployer (鍵管理を配備主体に限定): the key policy denies
   * `kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion`, `kms:DisableKey` and the other management
   * actions to every principal whose `aws:PrincipalArn` matches none of `deployerArns` — also
   * to an account administrator that carries neither the guard nor the boundary. For baseline
   * keys only: application keys must stay manageable (crypto-erasure, KEY-4).
   *
   * No lock-out: KMS refuses a key policy that would keep the principal creating or updating
   * it from changing it again (policy lockout safety check), so a wrong pattern fails the
   * deployment instead of locking the key; and patterns match role names, which can be
   * created again. Calling it twice with different patterns is refused, since two such
   * denies would leave only their intersection able to manage the key. KEY-2.
   *
   * @param deployerArns `aws:PrincipalArn` patterns of the roles that deploy the baseline
   */
  public reserveManagementTo(deployerArns: readonly string[]): void {
    validateDeployerArns('PurposeKey', 'deployerArns', deployerArns, 'KEY-2');
    const resolved = JSON.stringify(this.key.stack.resolve([...deployerArns]));
    if (this.reservedTo !== undefined) {
      if (this.reservedTo !== resolved) {
        throw new GovCloudError({
          code: 'PurposeKeyReservedTwice',
          problem: `PurposeKey deployerArns "${deployerArns.join(', ')}" differ from those already reserved`,
          requirement: 'KEY-2',
          fix: 'two deployer-only denies would lock out both deployers; reserve the key once, with every deployer.',
          scope: this,
        });
      }
      return;
    }
    this.reservedTo = resolved;
    this.key.addToResourcePolicy(
      deployerOnlyStatement({
        sid: 'DenyKeyManagementExceptDeployer',
        actions: KEY_MANAGEMENT_ACTIONS,
        resources: ['*'],
        deployerArns,
      }),
    );
  }

  /**
   * Lets an AWS service principal use the key for encryption and decryption, limited to
   * this account (`aws:SourceAccount`) and, when given, to the calling resource
   * (`aws:SourceArn`, wildcards allowed). The statement goes into the key policy, since a
   * service principal has no identity policy (KEY-1).
   *
   * @param service the service, e.g. `new iam.ServicePrincipal('sns.amazonaws.com')`
   */
  public grantServiceUse(
    service: iam.ServicePrincipal,
    options: { sourceArns?: string[]; actions?: string[] } = {},
  ): iam.Grant {
    const account = this.key.stack.account;
    const conditions: Record<string, Record<string, unknown>> = {
      StringEquals: { 'aws:SourceAccount': account },
    };
    if (options.sourceArns && options.sourceArns.length > 0) {
      conditions.ArnLike = { 'aws:SourceArn': options.sourceArns };
    }
    const actions = options.actions ?? ENCRYPT_DECRYPT_ACTIONS;
    return iam.Grant.addStatementToResourcePolicy({
      grantee: service,
      actions,
      resourceArns: ['*'],
      resource: this.key,
      statement: new iam.PolicyStatement({
        sid: `Allow${service.service.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}Use`,
        principals: [service],
        actions,
        resources: ['*'],
        conditions,
      }),
    });
  }
}

/** Sid of the grant-guard statement, stable so that reviewers find it in the template. */
const GRANT_GUARD_SID = 'DenyGrantsNotForAwsResources';

/**
 * Deny `kms:CreateGrant` unless the grant is for an AWS resource or an AWS service calls.
 * `BoolIfExists` so that a request without the keys (a direct CreateGrant by a person) is denied
 * too; the shape is the one Control Tower's CT.KMS.PR.3 accepts.
 */
function createGrantGuard(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: GRANT_GUARD_SID,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: {
        'kms:GrantIsForAWSResource': 'false',
        'aws:PrincipalIsAWSService': 'false',
      },
    },
  });
}
