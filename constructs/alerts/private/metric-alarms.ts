import type { RequirementId } from '../../../domain/requirements';

/** CloudTrail event names of Transit Gateway changes (the Government Cloud connection, NET-2). */
export const TRANSIT_GATEWAY_CHANGE_EVENTS: readonly string[] = [
  'CreateTransitGateway',
  'DeleteTransitGateway',
  'ModifyTransitGateway',
  'CreateTransitGatewayVpcAttachment',
  'DeleteTransitGatewayVpcAttachment',
  'ModifyTransitGatewayVpcAttachment',
  'AcceptTransitGatewayVpcAttachment',
  'CreateTransitGatewayRoute',
  'DeleteTransitGatewayRoute',
  'ReplaceTransitGatewayRoute',
  'AssociateTransitGatewayRouteTable',
  'DisassociateTransitGatewayRouteTable',
  'EnableTransitGatewayRouteTablePropagation',
  'DisableTransitGatewayRouteTablePropagation',
];

/** CloudTrail event names of security-group changes (CIS / Security Hub CloudWatch.10, NET-4). */
export const SECURITY_GROUP_CHANGE_EVENTS: readonly string[] = [
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
];

/** CloudTrail event names of network ACL changes (CIS / Security Hub CloudWatch.11, NET-4). */
export const NETWORK_ACL_CHANGE_EVENTS: readonly string[] = [
  'CreateNetworkAcl',
  'CreateNetworkAclEntry',
  'DeleteNetworkAcl',
  'DeleteNetworkAclEntry',
  'ReplaceNetworkAclEntry',
  'ReplaceNetworkAclAssociation',
];

/** CloudTrail event names of route-table changes (CIS / Security Hub CloudWatch.13, NET-3). */
export const ROUTE_TABLE_CHANGE_EVENTS: readonly string[] = [
  'CreateRoute',
  'CreateRouteTable',
  'ReplaceRoute',
  'ReplaceRouteTableAssociation',
  'DeleteRouteTable',
  'DeleteRoute',
  'DisassociateRouteTable',
];

/** A CloudWatch Logs metric filter on the trail's log group, alarmed at one match. */
export interface MetricAlarmSpec {
  /** Stable id: construct id, metric name suffix and `excludeAlarms` key. */
  readonly id: string;
  /** The Security Hub CSPM control the filter satisfies (CIS AWS Foundations Benchmark). */
  readonly securityHubControl?: string;
  /** Requirement IDs the alarm serves. */
  readonly requirements: readonly RequirementId[];
  /** What the alarm means, for the alarm description and the notification e-mail. */
  readonly description: string;
  /** The CloudWatch Logs filter pattern (JSON syntax) applied to CloudTrail events. */
  readonly pattern: string;
}

const anyEvent = (names: readonly string[]) =>
  names.map((n) => `($.eventName = "${n}")`).join(' || ');

/**
 * The CIS CloudWatch controls (Security Hub CloudWatch.1–14). Patterns follow the CIS AWS
 * Foundations Benchmark v1.4.0 wording that Security Hub checks, with CloudWatch.2 written
 * with explicit grouping: a pattern of the form `A || B || x != y` matches almost every event.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export const CIS_METRIC_ALARMS: readonly MetricAlarmSpec[] = [
  {
    id: 'RootUsage',
    securityHubControl: 'CloudWatch.1',
    requirements: ['IAM-1', 'DET-3'],
    description:
      'The root user (ルートユーザー) was used, including console sign-in, in any region',
    pattern:
      '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
  },
  {
    id: 'UnauthorizedApiCalls',
    securityHubControl: 'CloudWatch.2',
    requirements: ['DET-3'],
    description: 'API calls were denied (UnauthorizedOperation / AccessDenied)',
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    id: 'ConsoleSignInWithoutMfa',
    securityHubControl: 'CloudWatch.3',
    requirements: ['IAM-1', 'IAM-5', 'DET-3'],
    description: 'An IAM user signed in to the console without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: 'IamPolicyChanges',
    securityHubControl: 'CloudWatch.4',
    requirements: ['IAM-2', 'IAM-3', 'IAM-4', 'DET-3'],
    description: 'An IAM policy was created, changed, attached or detached',
    pattern: `{ ${anyEvent([
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ])} }`,
  },
  {
    id: 'CloudTrailChanges',
    securityHubControl: 'CloudWatch.5',
    requirements: ['LOG-2', 'DET-3'],
    description: 'A CloudTrail trail was created, changed, started, stopped or deleted',
    pattern: `{ ${anyEvent(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'])} }`,
  },
  {
    id: 'ConsoleAuthenticationFailures',
    securityHubControl: 'CloudWatch.6',
    requirements: ['DET-3'],
    description: 'A console sign-in failed',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: 'KeyDisableOrDeletion',
    securityHubControl: 'CloudWatch.7',
    requirements: ['KEY-2', 'DET-3'],
    description: 'A customer-managed KMS key was disabled or scheduled for deletion',
    pattern: `{ ($.eventSource = "kms.amazonaws.com") && (${anyEvent(['DisableKey', 'ScheduleKeyDeletion'])}) }`,
  },
  {
    id: 'S3BucketPolicyChanges',
    securityHubControl: 'CloudWatch.8',
    requirements: ['LOG-2', 'KEY-3', 'DET-3'],
    description: 'An S3 bucket policy, ACL, CORS, lifecycle or replication setting was changed',
    pattern: `{ ($.eventSource = "s3.amazonaws.com") && (${anyEvent([
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ])}) }`,
  },
  {
    id: 'ConfigChanges',
    securityHubControl: 'CloudWatch.9',
    requirements: ['LOG-2', 'DET-1', 'DET-3'],
    description: 'The AWS Config recorder or delivery channel was changed or stopped',
    pattern: `{ ($.eventSource = "config.amazonaws.com") && (${anyEvent([
      'StopConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'PutConfigurationRecorder',
    ])}) }`,
  },
  {
    id: 'SecurityGroupChanges',
    securityHubControl: 'CloudWatch.10',
    requirements: ['NET-4', 'DET-3'],
    description: 'A security group was created, changed or deleted',
    pattern: `{ ${anyEvent(SECURITY_GROUP_CHANGE_EVENTS)} }`,
  },
  {
    id: 'NetworkAclChanges',
    securityHubControl: 'CloudWatch.11',
    requirements: ['NET-4', 'DET-3'],
    description: 'A network ACL or one of its entries was changed',
    pattern: `{ ${anyEvent(NETWORK_ACL_CHANGE_EVENTS)} }`,
  },
  {
    id: 'NetworkGatewayChanges',
    securityHubControl: 'CloudWatch.12',
    requirements: ['NET-1', 'NET-2', 'DET-3'],
    description: 'A customer gateway or Internet gateway was created, attached or removed',
    pattern: `{ ${anyEvent([
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ])} }`,
  },
  {
    id: 'RouteTableChanges',
    securityHubControl: 'CloudWatch.13',
    requirements: ['NET-3', 'DET-3'],
    description: 'A route table or route was changed',
    pattern: `{ ($.eventSource = "ec2.amazonaws.com") && (${anyEvent(ROUTE_TABLE_CHANGE_EVENTS)}) }`,
  },
  {
    id: 'VpcChanges',
    securityHubControl: 'CloudWatch.14',
    requirements: ['NET-1', 'DET-3'],
    description: 'A VPC or VPC peering connection was changed',
    pattern: `{ ${anyEvent([
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ])} }`,
  },
];

/**
 * Alarms beyond the CIS set. IAM is a global service whose API events reach EventBridge only
 * in us-east-1, which the region guard forbids; the multi-region trail's log group receives
 * them, so role, user and federation changes are watched here.
 */
export const EXTRA_METRIC_ALARMS: readonly MetricAlarmSpec[] = [
  {
    id: 'IamPrincipalChanges',
    requirements: ['IAM-1', 'IAM-2', 'IAM-3', 'IAM-4', 'IAM-5', 'DET-3'],
    description:
      'An IAM role, user, access key, login profile, permission boundary, MFA device or identity provider was changed',
    pattern: `{ ($.eventSource = "iam.amazonaws.com") && (${anyEvent([
      'CreateUser',
      'DeleteUser',
      'CreateRole',
      'DeleteRole',
      'UpdateAssumeRolePolicy',
      'CreateAccessKey',
      'UpdateAccessKey',
      'CreateLoginProfile',
      'UpdateLoginProfile',
      'AddUserToGroup',
      'PutRolePermissionsBoundary',
      'DeleteRolePermissionsBoundary',
      'PutUserPermissionsBoundary',
      'DeleteUserPermissionsBoundary',
      'DeactivateMFADevice',
      'DeleteVirtualMFADevice',
      'CreateSAMLProvider',
      'UpdateSAMLProvider',
      'CreateOpenIDConnectProvider',
    ])}) }`,
  },
  {
    id: 'TransitGatewayChanges',
    requirements: ['NET-2', 'NET-3', 'DET-3'],
    description:
      'A Transit Gateway, its attachments, routes or route tables were changed (Government Cloud connection, 接続サービス)',
    pattern: `{ ($.eventSource = "ec2.amazonaws.com") && (${anyEvent(TRANSIT_GATEWAY_CHANGE_EVENTS)}) }`,
  },
];

/**
 * Any use of a watched role: assuming it (API or federation) or acting with its session.
 * Console switch-role is logged as a sign-in event, but every call made in that session
 * carries the role as `sessionIssuer`, so the second clause catches it.
 */
export function roleUsePattern(roleArn: string): string {
  return `{ ((($.eventName = "AssumeRole") || ($.eventName = "AssumeRoleWithSAML") || ($.eventName = "AssumeRoleWithWebIdentity")) && ($.requestParameters.roleArn = "${roleArn}")) || ($.userIdentity.sessionContext.sessionIssuer.arn = "${roleArn}") }`;
}
