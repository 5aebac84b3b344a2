import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Who may assume a role (信頼するプリンシパル). Give at least one source. Typical mappings:
 * - IAM Identity Center: the permission set names whose `AWSReservedSSO_<name>_*` roles in this
 *   account may switch to the role;
 * - SAML federation: the account's SAML provider (console sign-in via the municipality's IdP);
 * - IAM users or roles in another account (an identity account, the Digital Agency's account).
 */
export interface TrustedPrincipals {
  /**
   * Accounts whose IAM principals may assume the role (they still need an identity policy
   * allowing `sts:AssumeRole` in their own account).
   * @default - none
   */
  readonly accountIds?: string[];
  /**
   * Specific IAM users or roles that may assume the role (narrower than `accountIds`).
   * @default - none
   */
  readonly principalArns?: string[];
  /**
   * SAML 2.0 provider ARN (`arn:aws:iam::<account>:saml-provider/<name>`) for console
   * federation; the IdP is responsible for MFA.
   * @default - none
   */
  readonly samlProviderArn?: string;
  /**
   * IAM Identity Center permission set names; their roles in this account
   * (`/aws-reserved/sso.amazonaws.com/…/AWSReservedSSO_<name>_<id>`) may assume the role.
   * Identity Center is responsible for MFA.
   * @default - none
   */
  readonly identityCenterPermissionSets?: string[];
}

/** The MFA condition used in trust policies (IAM-1, IAM-5). `Bool`, never `BoolIfExists`. */
export const MFA_CONDITION = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

/**
 * The MFA condition with an age cap: the MFA sign-in must be younger than `maxAgeSeconds`
 * (`aws:MultiFactorAuthAge`). Without the cap, credentials obtained with MFA once
 * (GetSessionToken lasts up to 36 hours) would open the role all that time. A request
 * without the key (no MFA) fails `NumericLessThan`, so the cap never loosens the gate.
 * IAM-1, IAM-5.
 */
export function mfaCondition(maxAgeSeconds: number): Record<string, Record<string, string>> {
  return {
    ...MFA_CONDITION,
    NumericLessThan: { 'aws:MultiFactorAuthAge': String(maxAgeSeconds) },
  };
}

/**
 * `aws:PrincipalArn` patterns of exactly the IAM Identity Center roles of one permission set.
 * The role is `AWSReservedSSO_<permission set name>_<unique suffix>` under
 * `/aws-reserved/sso.amazonaws.com/`, optionally followed by a Region segment (IAM Identity
 * Center User Guide, "Referencing permission sets in resource policies, Amazon EKS, and AWS
 * KMS", AWS; its examples' suffixes are 16 hexadecimal characters, e.g. `1234567890abcdef`).
 * The suffix is matched as exactly 16 characters (`?`), not `*`: with `*`, the name `Admin`
 * would also match the role of a permission set `Admin_Extra`
 * (`AWSReservedSSO_Admin_Extra_<suffix>`). IAM reserves the `/aws-reserved/` path to AWS, so
 * no one can create a role there that the Region segment's `*` could match. IAM-2..4.
 */
export function permissionSetRoleArnPatterns(
  partition: string,
  account: string,
  permissionSet: string,
): string[] {
  const name = `AWSReservedSSO_${permissionSet}_${'?'.repeat(16)}`;
  const base = `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com`;
  return [`${base}/${name}`, `${base}/*/${name}`];
}

const ACCOUNT_ID = /^\d{12}$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/[\w+=,.@/-]+$/;
const SAML_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.+=,@-]+$/;
const PERMISSION_SET = /^[\w+=,.@-]{1,32}$/;

/** Checks a TrustedPrincipals value; throws naming the role, the prop and the requirement. */
export function validateTrustedPrincipals(
  roleProp: string,
  trust: TrustedPrincipals | undefined,
  requirement: string,
  mfaGated: boolean,
): void {
  const where = `AccessRoles ${roleProp}.trustedPrincipals`;
  const sources =
    (trust?.accountIds?.length ?? 0) +
    (trust?.principalArns?.length ?? 0) +
    (trust?.samlProviderArn ? 1 : 0) +
    (trust?.identityCenterPermissionSets?.length ?? 0);
  if (!trust || sources === 0) {
    throw new Error(
      `${where} "${JSON.stringify(trust ?? null)}" names nobody [${requirement}]: give accountIds, principalArns, samlProviderArn or identityCenterPermissionSets.`,
    );
  }
  for (const id of trust.accountIds ?? []) {
    if (!Token.isUnresolved(id) && !ACCOUNT_ID.test(id)) {
      throw new Error(
        `${where}.accountIds "${id}" is not an account id [${requirement}]: use 12 digits.`,
      );
    }
  }
  for (const arn of trust.principalArns ?? []) {
    if (!Token.isUnresolved(arn) && !PRINCIPAL_ARN.test(arn)) {
      throw new Error(
        `${where}.principalArns "${arn}" is not an IAM user or role ARN [${requirement}]: use arn:aws:iam::<account>:role/<name> or :user/<name>.`,
      );
    }
  }
  const saml = trust.samlProviderArn;
  if (saml !== undefined && !Token.isUnresolved(saml) && !SAML_ARN.test(saml)) {
    throw new Error(
      `${where}.samlProviderArn "${saml}" is not a SAML provider ARN [${requirement}]: use arn:aws:iam::<account>:saml-provider/<name>.`,
    );
  }
  for (const name of trust.identityCenterPermissionSets ?? []) {
    if (!PERMISSION_SET.test(name)) {
      throw new Error(
        `${where}.identityCenterPermissionSets "${name}" is not a permission set name [${requirement}]: use 1-32 letters, digits or +=,.@-_ characters.`,
      );
    }
  }
  if (mfaGated && (saml !== undefined || (trust.identityCenterPermissionSets?.length ?? 0) > 0)) {
    throw new Error(
      `${where} "${saml ?? trust.identityCenterPermissionSets?.join(',')}" is federated, but this role must require MFA in its trust policy [${requirement}]: AWS cannot see IdP MFA in aws:MultiFactorAuthPresent, so trust the IAM users holding the MFA device via accountIds or principalArns.`,
    );
  }
}

/**
 * One principal per trusted source, each carrying its own conditions: account and IAM
 * principals (with the MFA condition when `requireMfa`), the SAML provider (console audience),
 * and this account's Identity Center roles of the named permission sets.
 */
export function trustedPrincipalsOf(
  stack: Stack,
  trust: TrustedPrincipals,
  requireMfa: boolean,
  maxMfaAgeSeconds: number,
): iam.IPrincipal[] {
  const withMfa = (p: iam.IPrincipal): iam.IPrincipal =>
    requireMfa ? new iam.PrincipalWithConditions(p, mfaCondition(maxMfaAgeSeconds)) : p;
  const principals: iam.IPrincipal[] = [
    ...(trust.accountIds ?? []).map((id) => withMfa(new iam.AccountPrincipal(id))),
    ...(trust.principalArns ?? []).map((arn) => withMfa(new iam.ArnPrincipal(arn))),
  ];
  if (trust.samlProviderArn) {
    principals.push(
      new iam.FederatedPrincipal(
        trust.samlProviderArn,
        { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        'sts:AssumeRoleWithSAML',
      ),
    );
  }
  const permissionSets = trust.identityCenterPermissionSets ?? [];
  if (permissionSets.length > 0) {
    principals.push(
      new iam.PrincipalWithConditions(new iam.AccountPrincipal(stack.account), {
        ArnLike: {
          'aws:PrincipalArn': permissionSets.flatMap((name) =>
            permissionSetRoleArnPatterns(stack.partition, stack.account, name),
          ),
        },
      }),
    );
  }
  return principals;
}

/**
 * Adds the trust of each principal beyond the first (which the role was created with) the way
 * `iam.Role` adds its own `assumedBy`: a principal's conditions become the statement's
 * conditions and the statement names the plain principal. A statement built directly from a
 * `PrincipalWithConditions` keeps the conditions on the principal as well, and when
 * `@aws-cdk/aws-iam:minimizePolicies` (set by `cdk init`) merges it with the role's first
 * statement, aws-cdk-lib refuses the mix ("All principals in a PolicyStatement must have the
 * same Conditions"), so two trusted accounts crashed synth. With the conditions on statements
 * only, the minimizer merges the principals of one condition into one statement (IAM-1..5).
 */
export function addTrust(role: iam.Role, principals: iam.IPrincipal[]): void {
  const document = role.assumeRolePolicy;
  if (!document) {
    return;
  }
  for (const principal of principals) {
    if (isAssumeRolePrincipal(principal)) {
      principal.addToAssumeRolePolicy(document);
    } else {
      document.addStatements(
        new iam.PolicyStatement({
          actions: [principal.assumeRoleAction],
          principals: [principal],
        }),
      );
    }
  }
}

function isAssumeRolePrincipal(principal: iam.IPrincipal): principal is iam.IAssumeRolePrincipal {
  return (
    typeof (principal as Partial<iam.IAssumeRolePrincipal>).addToAssumeRolePolicy === 'function'
  );
}
