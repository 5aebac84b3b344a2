import type { CisBenchmarkVersion } from '../threat-detection';

/** Security Hub standard ARNs; the region is part of the ARN. */
export function standardArn(region: string, standard: 'fsbp' | `cis-${CisBenchmarkVersion}`) {
  const path =
    standard === 'fsbp'
      ? 'aws-foundational-security-best-practices/v/1.0.0'
      : `cis-aws-foundations-benchmark/v/${standard.slice('cis-'.length)}`;
  return `arn:aws:securityhub:${region}::standards/${path}`;
}
