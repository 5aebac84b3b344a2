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
