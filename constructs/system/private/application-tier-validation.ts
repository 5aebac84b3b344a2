import { Stack, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { GovCloudError } from '../../core/errors';
import type { ApplicationTierProps, TargetProtocol } from '../application-tier';
import { FARGATE_MEMORY } from '../../../domain/fargate';

/** Default non-root user of the sample container (CT.ECS.PR.3). */
export const DEFAULT_CONTAINER_USER = '1000:1000';

/** Valid Fargate CPU units → allowed memory (MiB). */
/** The ACM certificate ARN shape; the region must be Tokyo or Osaka (REG-1). */
const CERTIFICATE_ARN = /^arn:aws:acm:(ap-northeast-[13]):\d{12}:certificate\/[0-9a-f-]{36}$/;

/**
 * The checks of `ApplicationTier`'s props: TLS and certificate (KEY-3), non-root container and
 * read-only root filesystem (DET-2), Fargate size and task count (BAK-4), port (NET-4).
 */
export function validateApplicationTier(
  scope: Construct,
  props: ApplicationTierProps,
  cpu: number,
  memoryMiB: number,
  desiredCount: number,
  containerPort: number,
  targetProtocol: TargetProtocol,
): void {
  if (targetProtocol !== 'HTTPS' && targetProtocol !== 'HTTP') {
    throw new GovCloudError({
      code: 'ApplicationTierTargetProtocolNotAllowed',
      problem: `ApplicationTier targetProtocol "${String(targetProtocol)}" is not allowed`,
      requirement: 'KEY-3',
      fix: `use 'HTTPS' (TLS to the tasks, the default) or 'HTTP' (TLS ends at the load balancer).`,
      scope: scope,
    });
  }
  const cert = CERTIFICATE_ARN.exec(props.certificateArn);
  const region = Stack.of(scope).region;
  if (!cert) {
    throw new GovCloudError({
      code: 'ApplicationTierCertificateArnInvalid',
      problem: `ApplicationTier certificateArn "${props.certificateArn}" is not an ACM certificate ARN in Tokyo or Osaka`,
      requirement: 'KEY-3',
      fix: `give arn:aws:acm:<ap-northeast-1|3>:<account>:certificate/<uuid>.`,
      scope: scope,
    });
  }
  if (!Token.isUnresolved(region) && cert[1] !== region) {
    throw new GovCloudError({
      code: 'ApplicationTierCertificateInOtherRegion',
      problem: `ApplicationTier certificateArn "${props.certificateArn}" is in ${cert[1]}, but the load balancer is in ${region}`,
      requirement: 'KEY-3',
      fix: `use a certificate issued or imported in ${region}.`,
      scope: scope,
    });
  }
  const user = props.containerUser ?? DEFAULT_CONTAINER_USER;
  if (
    !/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(user) ||
    /^(root|0)(:|$)/.test(user)
  ) {
    throw new GovCloudError({
      code: 'ApplicationTierContainerUserNotAllowed',
      problem: `ApplicationTier containerUser "${user}" is not allowed`,
      requirement: 'DET-2',
      fix: `give a non-root user as uid[:gid] or a name the image defines, e.g. "1000:1000" (CT.ECS.PR.3).`,
      scope: scope,
    });
  }
  const scratch = props.scratchPath ?? '/tmp';
  if (!/^\/[A-Za-z0-9_./-]+$/.test(scratch) || scratch === '/') {
    throw new GovCloudError({
      code: 'ApplicationTierScratchPathNotAllowed',
      problem: `ApplicationTier scratchPath "${scratch}" is not allowed`,
      requirement: 'DET-2',
      fix: `give an absolute directory other than "/", e.g. "/tmp" (the root filesystem stays read-only, CT.ECS.PR.6).`,
      scope: scope,
    });
  }
  const allowed = FARGATE_MEMORY[cpu];
  if (!allowed) {
    throw new GovCloudError({
      code: 'ApplicationTierCpuNotFargateSize',
      problem: `ApplicationTier cpu "${cpu}" is not a Fargate size`,
      requirement: 'BAK-4',
      fix: `use 256, 512, 1024, 2048 or 4096.`,
      scope: scope,
    });
  }
  if (!allowed.includes(memoryMiB)) {
    throw new GovCloudError({
      code: 'ApplicationTierMemoryDoesNotFitCpu',
      problem: `ApplicationTier memoryMiB "${memoryMiB}" does not fit cpu ${cpu}`,
      requirement: 'BAK-4',
      fix: `use one of ${allowed.join(', ')}.`,
      scope: scope,
    });
  }
  if (!Number.isInteger(desiredCount) || desiredCount === 1 || desiredCount < 0) {
    throw new GovCloudError({
      code: 'ApplicationTierDesiredCountNotAllowed',
      problem: `ApplicationTier desiredCount "${desiredCount}" is not allowed`,
      requirement: 'BAK-4',
      fix: `run at least 2 tasks (one per AZ), or 0 until the first image is pushed.`,
      scope: scope,
    });
  }
  if (!Number.isInteger(containerPort) || containerPort < 1024 || containerPort > 65535) {
    throw new GovCloudError({
      code: 'ApplicationTierContainerPortNotAllowed',
      problem: `ApplicationTier containerPort "${containerPort}" is not allowed`,
      requirement: 'NET-4',
      fix: `use an unprivileged port 1024-65535.`,
      scope: scope,
    });
  }
}
