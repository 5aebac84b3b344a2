import { z } from 'zod';
import type { GuidanceTable } from '../guidance';

const accountId = z.string().regex(/^\d{12}$/);

/**
 * Who may assume the permission-model roles (IAM-1..5). Principals come from config so that
 * IAM Identity Center permission sets, SAML federation or an identity account can be mapped
 * onto the roles without code changes.
 */
export const accessSchema = z
  .strictObject({
    /** Accounts whose principals may assume the operator roles (e.g. the identity account). */
    trustedAccountIds: z.array(accountId).default([]),
    /** SAML provider ARN for federated sign-in to the operator roles. */
    samlProviderArn: z
      .string()
      .regex(/^arn:aws:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/)
      .optional(),
    /** The Digital Agency's account for its MFA-gated management role (IAM-5). */
    digitalAgencyAccountId: accountId.optional(),
    /** The central log-collection account for the metadata-only read role (LOG-6). */
    logCollectorAccountId: accountId.optional(),
  })
  .default({ trustedAccountIds: [] });

export const ACCESS_GUIDANCE: GuidanceTable = {
  access: { requirement: 'IAM-2', fix: 'see README "Permission model" for the access section' },
  'access.trustedAccountIds': {
    requirement: 'IAM-2',
    fix: 'list 12-digit account ids whose principals may assume the operator roles',
  },
  'access.samlProviderArn': {
    requirement: 'IAM-2',
    fix: 'use arn:aws:iam::<12 digits>:saml-provider/<name>, or leave it out',
  },
  'access.digitalAgencyAccountId': {
    requirement: 'IAM-5',
    fix: "use the Digital Agency's 12-digit account id, or leave it out",
  },
  'access.logCollectorAccountId': {
    requirement: 'LOG-6',
    fix: 'use the 12-digit id of the central log-collection account, or leave it out',
  },
};
