import { z } from 'zod';
import { actionPatternCovers } from '../../../domain/action-pattern';

const accountId = z.string().regex(/^\d{12}$/);

/** Who may assume one role: accounts, IAM principals, SAML or IAM Identity Center. */
const principals = {
  /** Accounts whose IAM principals may assume the role (e.g. an identity account). */
  accountIds: z.array(accountId).optional(),
  /** Specific IAM users or roles that may assume the role. */
  principalArns: z
    .array(z.string().regex(/^arn:aws:iam::\d{12}:(user|role)\/[\w+=,.@/-]+$/))
    .optional(),
};
const federated = {
  /** SAML provider for console federation (the IdP enforces MFA). */
  samlProviderArn: z
    .string()
    .regex(/^arn:aws:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/)
    .optional(),
  /** IAM Identity Center permission set names whose roles may assume this role. */
  identityCenterPermissionSets: z.array(z.string().regex(/^[\w+=,.@-]{1,32}$/)).optional(),
};
/** MFA-gated roles (IAM-1, IAM-5) accept only IAM principals: AWS cannot see an IdP's MFA. */
const mfaRole = z.strictObject(principals);
const federatedRole = z.strictObject({ ...principals, ...federated });
/** An IAM role ARN pattern (`*` and `?` allowed), as `aws:PrincipalArn` matches it. */
const roleArnPattern = z.string().regex(/^arn:aws:iam::(\d{12}|\*):role\/[\w+=,.@/*?-]+$/);
const actions = z.array(z.string().regex(/^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/)).min(1);

/**
 * The permission model (IAM-1..5, LOG-6): who may assume each role. A role left out is not
 * created. Principals come from config so that IAM Identity Center permission sets, SAML
 * federation or an identity account map onto the roles without code changes.
 */
export const accessSchema = z
  .strictObject({
    /** 管理者・代表者: break-glass, MFA required (IAM-1). */
    representative: mfaRole.optional().meta({
      requirement: 'IAM-1',
      fix: 'give { "accountIds": [...] } or { "principalArns": [...] } (MFA is enforced; SAML/Identity Center cannot prove MFA to IAM)',
    }),
    /** 管理者・一般作業者: everything except deleting the area and tampering (IAM-2). */
    operator: federatedRole.optional().meta({
      requirement: 'IAM-2',
      fix: 'give accountIds, principalArns, samlProviderArn or identityCenterPermissionSets',
    }),
    /** 委託先管理者: the granted actions, may create sub-delegate roles (IAM-3). */
    delegate: federatedRole.extend({ delegatedActions: actions }).optional().meta({
      requirement: 'IAM-3',
      fix: 'give the trusted principals and "delegatedActions": ["service:Action", ...] agreed in the contract',
    }),
    /** 再委託先管理者: a subset of the delegate's actions (IAM-4). */
    subDelegate: federatedRole.extend({ delegatedActions: actions }).optional().meta({
      requirement: 'IAM-4',
      fix: 'give the trusted principals and "delegatedActions" that are a subset of the delegate\'s',
    }),
    /** デジタル庁: MFA required, device deposited with the operator (IAM-5). */
    digitalAgency: mfaRole.optional().meta({
      requirement: 'IAM-5',
      fix: 'give the Digital Agency\'s { "accountIds": [...] } or { "principalArns": [...] }',
    }),
    /** Central log collection: metadata only, business data denied (LOG-6). */
    logCollector: federatedRole.optional().meta({
      requirement: 'LOG-6',
      fix: 'give the central log-collection account in { "accountIds": [...] }',
    }),
    /**
     * The designated deployer of the baseline (指定された配備主体): role ARN patterns to which
     * the key, archive-bucket and alert-topic policies reserve management (LOG-2, KEY-2,
     * DET-3). Default: the role that deploys the template — the CDK CloudFormation execution
     * role of the bootstrap, or the StackSets / Control Tower execution roles with
     * `-c stackset=true`.
     */
    baselineDeployerArns: z.array(roleArnPattern).min(1).max(10).optional().meta({
      requirement: 'LOG-2',
      fix: 'give 1-10 ARNs of the roles that deploy the baseline, e.g. ["arn:aws:iam::111122223333:role/cdk-hnb659fds-cfn-exec-role-111122223333-ap-northeast-1"] (wildcards allowed), or leave it out for the CDK execution role / StackSets roles',
    }),
    /**
     * Oldest MFA sign-in, in seconds, with which an MFA-gated trust may be used
     * (`aws:MultiFactorAuthAge`; break-glass, Digital Agency, IAM-1, IAM-5). Default one hour.
     */
    maxMfaAgeSeconds: z.number().int().min(300).max(43200).default(3600).meta({
      requirement: 'IAM-1',
      fix: 'use a whole number of seconds from 300 to 43200 (default 3600: one hour since the MFA sign-in)',
    }),
  })
  .superRefine((a, ctx) => {
    // AccessRoles would refuse this later with a stack trace and its prop name (IAM-4).
    if (!a.subDelegate) {
      return;
    }
    const granted = a.delegate?.delegatedActions ?? [];
    a.subDelegate.delegatedActions.forEach((action, i) => {
      if (!granted.some((g) => actionPatternCovers(g, action))) {
        ctx.addIssue({
          code: 'custom',
          path: ['subDelegate', 'delegatedActions', i],
          input: action,
          message: granted.length
            ? `"${action}" is not within the delegate's delegatedActions (${granted.join(', ')}); a sub-delegate gets a subset of the delegate's actions`
            : 'a sub-delegate needs a delegate whose delegatedActions cover its own',
        });
      }
    });
  })
  .prefault({});
