import type { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { TrustedPrincipals } from '../trusted-principals';

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
