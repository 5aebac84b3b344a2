/**
 * Interface endpoints (インターフェイス型 VPC エンドポイント) a closed network needs by default
 * for the sample's ECS Fargate workload, and why each is there. Keep the list short: every
 * interface endpoint is billed per AZ and hour, in every VPC.
 *
 * | service      | why                                                            |
 * |--------------|----------------------------------------------------------------|
 * | ecr.api      | Fargate asks ECR for the image manifest and an auth token      |
 * | ecr.dkr      | Fargate pulls the image (layers then come through the S3 gateway endpoint) |
 * | logs         | the awslogs driver and ECS Exec session logs (LOG-5, NET-6)    |
 * | kms          | ECS Exec encrypts the maintenance session with the tenant key (NET-6) |
 * | ssmmessages  | ECS Exec / Session Manager data channel: maintenance without SSH (NET-6) |
 *
 * Not in the default (add when the workload needs them): `secretsmanager` (the app reads
 * secrets at runtime), `ssm` and `ec2messages` (Session Manager to EC2 instances),
 * `monitoring` (custom metrics), `sts`.
 */
export const DEFAULT_INTERFACE_ENDPOINTS = [
  'ecr.api',
  'ecr.dkr',
  'logs',
  'kms',
  'ssmmessages',
] as const;

/**
 * Hourly price of one interface endpoint in one AZ in Tokyo (ap-northeast-1), USD, as
 * published on the AWS PrivateLink pricing page; data processing (USD 0.01/GB) comes on top.
 * Used only to print cost estimates in documentation and reports; check the pricing page.
 */
export const INTERFACE_ENDPOINT_USD_PER_AZ_HOUR = 0.014;

/** Approximate fixed monthly cost (730 h) of `endpoints` interface endpoints over `azs` AZs. */
export function interfaceEndpointMonthlyUsd(endpoints: number, azs: number): number {
  return Math.round(endpoints * azs * INTERFACE_ENDPOINT_USD_PER_AZ_HOUR * 730 * 100) / 100;
}
