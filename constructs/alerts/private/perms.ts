/**
 * Topic actions only the deployer may take (DET-3). `sns:ConfirmSubscription` is left out: an
 * e-mail recipient confirms through the link without AWS credentials, which a policy could not
 * bind anyway, and confirming only completes a subscription the deployer made.
 */
export const TOPIC_CHANGE_ACTIONS = [
  'sns:Subscribe',
  'sns:Unsubscribe',
  'sns:SetSubscriptionAttributes',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:PutDataProtectionPolicy',
  'sns:DeleteTopic',
  'sns:TagResource',
  'sns:UntagResource',
];
