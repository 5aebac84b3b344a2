import { GovCloudError } from './errors';

/**
 * Small IPv4 CIDR arithmetic for validating and allocating closed-network address space
 * (閉域ネットワークのアドレス設計). Pure functions, no CDK: config validation and constructs
 * both use them, so a bad CIDR is reported the same way wherever it is caught.
 */

/** A parsed IPv4 CIDR block. */
export interface Ipv4Block {
  /** Network address as an unsigned 32-bit number. */
  readonly network: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses a dotted IPv4 address, or returns undefined. */
export function parseIpv4(address: string): number | undefined {
  const m = IPV4.exec(address);
  if (!m) {
    return undefined;
  }
  const octets = m.slice(1).map(Number);
  if (octets.some((o, i) => o > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) {
    return undefined;
  }
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

/** Formats an unsigned 32-bit number as a dotted IPv4 address. */
export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * What is wrong with `cidr` as an IPv4 CIDR block in canonical form (host bits zero), or
 * undefined when it is fine. Canonical form is required because EC2 and Route 53 store the
 * network address, so `10.0.0.1/16` would silently mean `10.0.0.0/16`.
 */
export function ipv4CidrProblem(cidr: string): string | undefined {
  const [address, prefixText, extra] = cidr.split('/');
  if (extra !== undefined || prefixText === undefined || !/^\d{1,2}$/.test(prefixText)) {
    return 'is not an IPv4 CIDR block like 10.0.0.0/16';
  }
  const prefix = Number(prefixText);
  const network = parseIpv4(address);
  if (network === undefined || prefix > 32) {
    return 'is not an IPv4 CIDR block like 10.0.0.0/16';
  }
  if ((network & ~mask(prefix)) >>> 0 !== 0) {
    return `has host bits set; write its network address ${formatIpv4((network & mask(prefix)) >>> 0)}/${prefix}`;
  }
  return undefined;
}

/** Parses a canonical IPv4 CIDR; throws on anything `ipv4CidrProblem` rejects. */
export function parseIpv4Cidr(cidr: string): Ipv4Block {
  const problem = ipv4CidrProblem(cidr);
  if (problem) {
    throw new GovCloudError({
      code: 'CidrInvalid',
      problem: `CIDR "${cidr}" ${problem}`,
      requirement: 'NET-1',
      fix: 'give a canonical IPv4 CIDR, e.g. 10.64.0.0/16.',
    });
  }
  const [address, prefix] = cidr.split('/');
  return { network: parseIpv4(address) as number, prefix: Number(prefix) };
}

/** Formats a block as `a.b.c.d/n`. */
export function formatIpv4Cidr(block: Ipv4Block): string {
  return `${formatIpv4(block.network)}/${block.prefix}`;
}

/** True when the two canonical CIDR blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  const m = mask(Math.min(x.prefix, y.prefix));
  return (x.network & m) >>> 0 === (y.network & m) >>> 0;
}

/** True when the address `ip` lies inside the canonical CIDR block `cidr`. */
export function cidrContains(cidr: string, ip: string): boolean {
  const block = parseIpv4Cidr(cidr);
  const address = parseIpv4(ip);
  return address !== undefined && (address & mask(block.prefix)) >>> 0 === block.network;
}

/** How many blocks of length `prefix` fit into `base`. */
export function blockCount(base: string, prefix: number): number {
  const b = parseIpv4Cidr(base);
  return prefix < b.prefix ? 0 : 2 ** (prefix - b.prefix);
}

/**
 * The `index`-th block of length `prefix` inside `base` (0-based), e.g. the third /22 of
 * 10.64.0.0/16 is 10.64.8.0/22. Throws when the block does not fit.
 */
export function nthBlock(base: string, prefix: number, index: number): string {
  const b = parseIpv4Cidr(base);
  if (!Number.isInteger(index) || index < 0 || index >= blockCount(base, prefix)) {
    throw new GovCloudError({
      code: 'CidrBlockDoesNotFit',
      problem: `block ${index} of /${prefix} does not fit into ${base}`,
      requirement: 'NET-1',
      fix: 'choose a larger base block or fewer blocks.',
    });
  }
  return formatIpv4Cidr({ network: (b.network + index * 2 ** (32 - prefix)) >>> 0, prefix });
}
