/**
 * Actions exempt from the Region guard (REG-2) because their service is global: its only
 * endpoint (usually us-east-1) is outside Japan, so `aws:RequestedRegion` is never Tokyo or
 * Osaka for them and a plain Region deny would switch them off.
 *
 * The list was checked against AWS's own Region-deny examples, taking the services a
 * municipal tenant area (個別領域) needs and leaving out the ones it does not use:
 * - AWS Organizations, "Deny access to AWS based on the requested AWS Region" (SCP example):
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
 * - AWS Control Tower, Region deny control (GRREGIONDENY) and its OU variant CT.MULTISERVICE.PV.1:
 *   https://docs.aws.amazon.com/controltower/latest/userguide/primary-region-deny-policy.html
 *   https://docs.aws.amazon.com/controltower/latest/userguide/ou-region-deny.html
 * - IAM User Guide, "AWS: Denies access to AWS based on the requested Region" (CloudFront,
 *   IAM, Route 53 and Support must stay exempt; add budgets, globalaccelerator, organizations,
 *   waf, … as used):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html
 * - aws-samples/service-control-policy-examples, Region-controls/:
 *   https://github.com/aws-samples/service-control-policy-examples/tree/main/Region-controls
 *
 * Deliberately NOT exempt although both AWS examples list them: `kms:*` and `config:*`. They
 * are Regional services; the examples exempt them for Control Tower's own multi-Region
 * machinery. Exempting them here would let an operator create keys or recorders outside
 * Japan, which REG-1/REG-2 forbid. Likewise `logs:*`, `cloudwatch:*` and `s3:*` are not
 * exempt (they are Regional), only the few S3 account-level calls the console makes against
 * the global endpoint.
 *
 * Re-checked for residency (REG-3): IAM Access Analyzer is Regional — an analyzer is created in
 * each Region it watches (IAM User Guide, "Create an IAM Access Analyzer external access
 * analyzer": https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-create-external.html)
 * — so it is no longer exempt. CloudFront stays: its API has one endpoint in us-east-1 (the IAM
 * User Guide example above requires the exemption); that its edges cache content abroad is a
 * property of the service, decided per system, not something a Region condition can change.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  // Identity and the organization: global endpoints in us-east-1.
  'iam:*',
  'sts:*',
  'organizations:*',
  'account:*',
  'sso:*',
  // Edge and DNS: CloudFront and its certificates/WAF/Shield live in us-east-1.
  'cloudfront:*',
  'acm:*',
  'waf:*',
  'wafv2:*',
  'shield:*',
  'route53:*',
  'route53domains:*',
  'globalaccelerator:*',
  'networkmanager:*',
  // Billing, cost and budgets (予実管理, DET-4).
  'aws-portal:*',
  'billing:*',
  'budgets:*',
  'ce:*',
  'cur:*',
  'freetier:*',
  'invoicing:*',
  'payments:*',
  'pricing:*',
  'savingsplans:*',
  'tax:*',
  // Support, health, advice, compliance reports (EVD-1 uses AWS Artifact reports).
  'support:*',
  'supportplans:*',
  'health:*',
  'trustedadvisor:*',
  'artifact:*',
  'notifications:*',
  'notifications-contacts:*',
  'chatbot:*',
  // Console calls that always go to the global endpoint.
  'aws-marketplace:*',
  'ec2:DescribeRegions',
  's3:GetAccountPublicAccessBlock',
  's3:GetBucketLocation',
  's3:ListAllMyBuckets',
  // Global-service events (IAM, STS, CloudFront) are recorded in us-east-1's event history.
  'cloudtrail:LookupEvents',
];

/**
 * The global-service exemption of the baseline boundary (REG-2): the ceiling of roles a
 * guarded principal creates and of the hardened bootstrap's CloudFormation execution role.
 * Those roles deploy and run systems — identity, edge and DNS, and the per-municipality budget
 * of the sample system (`budgets:*`, DET-4) — and administer neither the organization, billing
 * nor support, so their exemption is this subset of {@link GLOBAL_SERVICE_ACTIONS}: a boundary
 * may deny more than the operator's guard, never less. Sources as above.
 */
export const BOUNDARY_GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'iam:*',
  'sts:*',
  'cloudfront:*',
  'acm:*',
  'wafv2:*',
  'route53:*',
  'budgets:*',
  'ec2:DescribeRegions',
];
