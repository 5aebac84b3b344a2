import { blockCount, nthBlock } from '../../../../constructs/core/cidr';
import type { Municipality } from '../../municipality';
import type { JapanRegion } from '../../../../domain/regions';
import type { SystemConfig } from './schema';

/** What the system's derived values need from the whole config. */
export interface SystemRootView {
  readonly municipality: Municipality;
  readonly drRegion: JapanRegion;
  readonly system: SystemConfig;
}

/** One municipality served by the sample system, with its resolved network and certificate. */
export interface SystemTenant extends Municipality {
  /** VPC CIDR in the primary region (its own VPC; the shared one in `application` mode). */
  readonly vpcCidr: string;
  /** VPC CIDR of the pilot-light network in the DR region. */
  readonly drVpcCidr: string;
  /** Certificate of its HTTPS listener (unused in `application` mode: the ALB is shared). */
  readonly certificateArn: string;
}

/**
 * The municipalities of the sample system with their VPC CIDRs: in `vpc` mode the tenant
 * at position i gets the i-th `/tenantVpcPrefixLength` block of `vpcCidr` unless it pins its
 * own; in `account` and `application` mode there is one VPC with the whole `vpcCidr`.
 * Append new municipalities at the end of the list: moving one would move its VPC.
 */
export function systemTenants(root: SystemRootView): readonly SystemTenant[] {
  const s = root.system;
  const listed: readonly (Municipality & { vpcCidr?: string; certificateArn?: string })[] =
    s.municipalities.length > 0 ? s.municipalities : [root.municipality];
  return listed.map((m, i) => {
    const own = m.vpcCidr;
    const cert = m.certificateArn ?? s.certificateArn;
    const perTenant = s.tenancy === 'vpc';
    return {
      name: m.name,
      code: m.code,
      vpcCidr: own ?? (perTenant ? nthBlock(s.vpcCidr, s.tenantVpcPrefixLength, i) : s.vpcCidr),
      // Only used with dr.pilotLightNetwork, which validation checks for fit.
      drVpcCidr: !perTenant
        ? s.dr.vpcCidr
        : i < blockCount(s.dr.vpcCidr, s.tenantVpcPrefixLength)
          ? nthBlock(s.dr.vpcCidr, s.tenantVpcPrefixLength, i)
          : '',
      certificateArn: cert ?? '',
    };
  });
}

/** The region backups are copied to (REG-3): `backup.copyToRegion`, else `drRegion`. */
export function backupCopyRegion(root: SystemRootView): JapanRegion {
  return root.system.backup.copyToRegion ?? root.drRegion;
}
