/**
 * Action lists of the key policies (like aws-cdk-lib's `aws-kms/lib/private/perms.ts`), shared by
 * every construct that writes a statement on a customer-managed key.
 */

/**
 * Key management reserved to the deployer by {@link PurposeKey.reserveManagementTo}: deleting,
 * disabling, re-policing, re-aliasing, re-tagging, re-describing, importing or replicating key
 * material. Use of the key (encrypt, decrypt, data keys) and what only restores or strengthens
 * it (EnableKey, EnableKeyRotation, CancelKeyDeletion, RotateKeyOnDemand, RetireGrant,
 * RevokeGrant) stay with IAM; CreateGrant has the grant guard. KEY-2.
 */
export const KEY_MANAGEMENT_ACTIONS = [
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:UpdateKeyDescription',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ImportKeyMaterial',
  'kms:DeleteImportedKeyMaterial',
  'kms:ReplicateKey',
  'kms:UpdatePrimaryRegion',
  'kms:SynchronizeMultiRegionKey',
];

/** Everything a service needs to encrypt and decrypt with a key (KEY-1). */
export const ENCRYPT_DECRYPT_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];

/** What a publisher needs to write to, and a subscriber to read from, an encrypted topic or queue (DET-3). */
export const ENVELOPE_ACTIONS = ['kms:GenerateDataKey*', 'kms:Decrypt'];
