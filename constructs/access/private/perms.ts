/** IAM reads every delegated role keeps (IAM-3, IAM-4). */
export const IAM_READ_ACTIONS = ['iam:Get*', 'iam:List*', 'iam:Generate*', 'iam:Simulate*'];
/** Role changes the delegate may make, only on roles carrying the sub-delegate boundary. */
export const ROLE_ADMIN_ACTIONS = [
  'iam:CreateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:DeleteRole',
];
/** Role actions that carry no `iam:PermissionsBoundary` key; limited by path instead. */
export const ROLE_HOUSEKEEPING_ACTIONS = [
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateRoleDescription',
  'iam:PassRole',
];
export const POLICY_ADMIN_ACTIONS = [
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:TagPolicy',
  'iam:UntagPolicy',
];
/** Explicitly denied to the central log reader: business data (業務データ). LOG-6. */
export const BUSINESS_DATA_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter*',
  'rds-data:*',
  'rds-db:connect',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'dynamodb:ExportTableToPointInTime',
  // A shell in a task or instance acts with its role, which reads business data: ECS Exec
  // into the application task, Session Manager and Run Command borrow it.
  'ecs:ExecuteCommand',
  'ssm:StartSession',
  'ssm:SendCommand',
];
/** Metadata the central log reader may read. LOG-6. */
export const METADATA_READ_ACTIONS = [
  'cloudtrail:LookupEvents',
  'cloudtrail:Describe*',
  'cloudtrail:Get*',
  'cloudtrail:List*',
  'config:Describe*',
  'config:Get*',
  'config:List*',
  'config:Select*',
  'config:BatchGet*',
  'securityhub:Describe*',
  'securityhub:Get*',
  'securityhub:List*',
  'securityhub:BatchGet*',
  'guardduty:Describe*',
  'guardduty:Get*',
  'guardduty:List*',
  'access-analyzer:Get*',
  'access-analyzer:List*',
  'health:Describe*',
];
