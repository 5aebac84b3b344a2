import { Aws, CfnRule, Duration, Fn, Stack, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RequirementId } from '../../../domain/requirements';
import { GovCloudError } from '../../core/errors';
import type { AccessRolesProps } from '../access-roles';
import type { AccessRoleOptions } from '../role-options';
import type { TrustedPrincipals } from '../trusted-principals';
import { actionPatternCovers } from '../../../domain/action-pattern';

const ACTION_PATTERN = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const RESERVED_PREFIXES = ['iam:', 'sts:', 'organizations:', 'account:'];

const ACCOUNT_ID = /^\d{12}$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/[\w+=,.@/-]+$/;
const SAML_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.+=,@-]+$/;
const PERMISSION_SET = /^[\w+=,.@-]{1,32}$/;

/** Checks a TrustedPrincipals value; throws naming the role, the prop and the requirement. */
function validateTrustedPrincipals(
  scope: Construct,
  roleProp: string,
  trust: TrustedPrincipals | undefined,
  requirement: RequirementId,
  mfaGated: boolean,
): void {
  const where = `AccessRoles ${roleProp}.trustedPrincipals`;
  const fail = (code: string, problem: string, fix: string) =>
    new GovCloudError({ code, problem, requirement, fix, scope });
  const sources =
    (trust?.accountIds?.length ?? 0) +
    (trust?.principalArns?.length ?? 0) +
    (trust?.samlProviderArn ? 1 : 0) +
    (trust?.identityCenterPermissionSets?.length ?? 0);
  if (!trust || sources === 0) {
    throw fail(
      'AccessRolesTrustNamesNobody',
      `${where} "${JSON.stringify(trust ?? null)}" names nobody`,
      'give accountIds, principalArns, samlProviderArn or identityCenterPermissionSets.',
    );
  }
  for (const id of trust.accountIds ?? []) {
    if (!Token.isUnresolved(id) && !ACCOUNT_ID.test(id)) {
      throw fail(
        'AccessRolesTrustAccountIdInvalid',
        `${where}.accountIds "${id}" is not an account id`,
        'use 12 digits.',
      );
    }
  }
  for (const arn of trust.principalArns ?? []) {
    if (!Token.isUnresolved(arn) && !PRINCIPAL_ARN.test(arn)) {
      throw fail(
        'AccessRolesTrustPrincipalArnInvalid',
        `${where}.principalArns "${arn}" is not an IAM user or role ARN`,
        'use arn:aws:iam::<account>:role/<name> or :user/<name>.',
      );
    }
  }
  const saml = trust.samlProviderArn;
  if (saml !== undefined && !Token.isUnresolved(saml) && !SAML_ARN.test(saml)) {
    throw fail(
      'AccessRolesTrustSamlProviderInvalid',
      `${where}.samlProviderArn "${saml}" is not a SAML provider ARN`,
      'use arn:aws:iam::<account>:saml-provider/<name>.',
    );
  }
  for (const name of trust.identityCenterPermissionSets ?? []) {
    if (!PERMISSION_SET.test(name)) {
      throw fail(
        'AccessRolesTrustPermissionSetInvalid',
        `${where}.identityCenterPermissionSets "${name}" is not a permission set name`,
        'use 1-32 letters, digits or +=,.@-_ characters.',
      );
    }
  }
  if (mfaGated && (saml !== undefined || (trust.identityCenterPermissionSets?.length ?? 0) > 0)) {
    throw fail(
      'AccessRolesMfaRoleTrustsFederation',
      `${where} "${saml ?? trust.identityCenterPermissionSets?.join(',')}" is federated, but this role must require MFA in its trust policy`,
      'AWS cannot see IdP MFA in aws:MultiFactorAuthPresent, so trust the IAM users holding the MFA device via accountIds or principalArns.',
    );
  }
}

function validateActions(
  scope: Construct,
  prop: string,
  actions: string[] | undefined,
  requirement: RequirementId,
): void {
  if (!actions || actions.length === 0) {
    throw new GovCloudError({
      code: 'AccessRolesDelegatedActionsEmpty',
      problem: `AccessRoles ${prop} "${JSON.stringify(actions ?? null)}" is empty`,
      requirement,
      fix: 'list the delegated actions, e.g. ["ec2:*", "rds:*"].',
      scope,
    });
  }
  for (const action of actions) {
    if (Token.isUnresolved(action) || !ACTION_PATTERN.test(action)) {
      throw new GovCloudError({
        code: 'AccessRolesDelegatedActionInvalid',
        problem: `AccessRoles ${prop} "${action}" is not an IAM action`,
        requirement,
        fix: 'use "service:Action", "service:Prefix*" or "*".',
        scope,
      });
    }
    const reserved = RESERVED_PREFIXES.find((p) => action.toLowerCase().startsWith(p));
    if (reserved) {
      throw new GovCloudError({
        code: 'AccessRolesDelegatedActionReserved',
        problem: `AccessRoles ${prop} "${action}" cannot be delegated`,
        requirement,
        fix: `${reserved}* actions are fixed by the delegation pattern (create roles only with the sub-delegate boundary); remove it.`,
        scope,
      });
    }
  }
}

/** Seconds of `maxMfaAge`, checked against 5 minutes .. 12 hours (IAM-1, IAM-5). */
export function validMfaAge(scope: Construct, maxMfaAge: Duration | undefined): number {
  const seconds = (maxMfaAge ?? Duration.hours(1)).toSeconds();
  if (!Number.isInteger(seconds) || seconds < 300 || seconds > 43200) {
    throw new GovCloudError({
      code: 'AccessRolesMaxMfaAgeOutOfRange',
      problem: `AccessRoles maxMfaAge "${seconds} seconds" is out of range`,
      requirement: 'IAM-1',
      fix: 'an MFA-gated role (IAM-1, IAM-5) must not be opened with an old MFA sign-in; use 300 to 43200 seconds (default 3600, one hour).',
      scope,
    });
  }
  return seconds;
}

/** Checks every role's trust and the delegated actions (IAM-1..5, LOG-6). */
export function validateAccessRoles(scope: Construct, props: AccessRolesProps): void {
  const checks: [string, AccessRoleOptions | undefined, RequirementId, boolean][] = [
    ['representative', props.representative, 'IAM-1', true],
    ['operator', props.operator, 'IAM-2', false],
    ['delegate', props.delegate, 'IAM-3', false],
    ['subDelegate', props.subDelegate, 'IAM-4', false],
    ['digitalAgency', props.digitalAgency, 'IAM-5', true],
    ['centralLogReader', props.centralLogReader, 'LOG-6', false],
  ];
  for (const [name, options, req, mfaGated] of checks) {
    if (options) {
      validateTrustedPrincipals(scope, name, options.trustedPrincipals, req, mfaGated);
    }
  }
  if (props.delegate) {
    validateActions(scope, 'delegate.delegatedActions', props.delegate.delegatedActions, 'IAM-3');
  }
  if (props.subDelegate) {
    if (!props.delegate) {
      throw new GovCloudError({
        code: 'AccessRolesSubDelegateWithoutDelegate',
        problem: 'AccessRoles subDelegate "set" needs a delegate',
        requirement: 'IAM-4',
        fix: "a sub-delegate's rights are a subset of the delegated administrator's; configure `delegate` too.",
        scope,
      });
    }
    validateActions(
      scope,
      'subDelegate.delegatedActions',
      props.subDelegate.delegatedActions,
      'IAM-4',
    );
    for (const action of props.subDelegate.delegatedActions) {
      const covered = props.delegate.delegatedActions.some((p) => actionPatternCovers(p, action));
      if (!covered) {
        throw new GovCloudError({
          code: 'AccessRolesSubDelegateActionNotDelegated',
          problem: `AccessRoles subDelegate.delegatedActions "${action}" is not within the delegate's actions`,
          requirement: 'IAM-4',
          fix: `a sub-delegate gets a subset of ${JSON.stringify(props.delegate.delegatedActions)}; narrow it or delegate it first.`,
          scope,
        });
      }
    }
  }
}

/**
 * The MFA-gated roles (break-glass, Digital Agency) must not trust the tenant account
 * itself: any admin there could make an IAM user with MFA and assume them. Known account:
 * a config error; unknown (environment-agnostic stack): a template rule that refuses the
 * deployment into a trusted account. IAM-1, IAM-5.
 */
export function refuseOwnAccountAsMfaTrust(scope: Construct, props: AccessRolesProps): void {
  const stack = Stack.of(scope);
  const gated: [string, AccessRoleOptions | undefined, RequirementId][] = [
    ['representative', props.representative, 'IAM-1'],
    ['digitalAgency', props.digitalAgency, 'IAM-5'],
  ];
  for (const [name, options, req] of gated) {
    const accountIds = (options?.trustedPrincipals.accountIds ?? []).filter(
      (a) => !Token.isUnresolved(a),
    );
    if (accountIds.length === 0) continue;
    if (!Token.isUnresolved(stack.account)) {
      if (accountIds.includes(stack.account)) {
        throw new GovCloudError({
          code: 'AccessRolesMfaRoleTrustsOwnAccount',
          problem: `AccessRoles ${name}.trustedPrincipals.accountIds "${stack.account}" is the tenant account itself`,
          requirement: req,
          fix: 'any administrator there could create an IAM user with MFA and assume the role; trust the separate identity account instead.',
          scope,
        });
      }
      continue;
    }
    new CfnRule(scope, `${name[0].toUpperCase()}${name.slice(1)}TrustNotSelf`, {
      assertions: [
        {
          assert: Fn.conditionNot(Fn.conditionContains(accountIds, Aws.ACCOUNT_ID)),
          assertDescription: `${name}.trustedPrincipals.accountIds must not contain the account deployed into [${req}]: trust the separate identity account.`,
        },
      ],
    });
  }
}
