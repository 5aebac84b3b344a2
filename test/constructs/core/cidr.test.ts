import {
  blockCount,
  cidrContains,
  cidrsOverlap,
  ipv4CidrProblem,
  nthBlock,
  parseIpv4,
} from '../../../constructs/core/cidr';

describe('IPv4 CIDR helpers', () => {
  test.each([
    ['10.0.0.0/8', undefined],
    ['172.16.0.0/12', undefined],
    ['0.0.0.0/0', undefined],
    ['10.0.0.1/16', 'has host bits set; write its network address 10.0.0.0/16'],
    ['10.0.0.0', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.0/33', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['256.0.0.0/8', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['010.0.0.0/8', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
    ['10.0.0.0/16/1', 'is not an IPv4 CIDR block like 10.0.0.0/16'],
  ])('%s → %s', (cidr, problem) => {
    expect(ipv4CidrProblem(cidr)).toBe(problem);
  });

  test('addresses parse only in dotted-quad form', () => {
    expect(parseIpv4('172.16.0.53')).toBe(0xac100035);
    expect(parseIpv4('172.16.0')).toBeUndefined();
    expect(parseIpv4('172.16.0.256')).toBeUndefined();
  });

  test('overlap is symmetric and exact at block boundaries', () => {
    expect(cidrsOverlap('10.64.0.0/22', '10.64.3.0/24')).toBe(true);
    expect(cidrsOverlap('10.64.3.0/24', '10.64.0.0/22')).toBe(true);
    expect(cidrsOverlap('10.64.0.0/22', '10.64.4.0/22')).toBe(false);
    expect(cidrsOverlap('0.0.0.0/0', '192.168.0.0/16')).toBe(true);
  });

  test('containment of an address', () => {
    expect(cidrContains('172.16.0.0/16', '172.16.255.255')).toBe(true);
    expect(cidrContains('172.16.0.0/16', '172.17.0.0')).toBe(false);
    expect(cidrContains('172.16.0.0/16', 'not-an-ip')).toBe(false);
  });

  test('positional allocation cuts consecutive blocks and refuses what does not fit', () => {
    expect(blockCount('10.64.0.0/16', 22)).toBe(64);
    expect(blockCount('10.64.0.0/22', 16)).toBe(0);
    expect(nthBlock('10.64.0.0/16', 22, 0)).toBe('10.64.0.0/22');
    expect(nthBlock('10.64.0.0/16', 22, 2)).toBe('10.64.8.0/22');
    expect(nthBlock('10.64.0.0/16', 22, 63)).toBe('10.64.252.0/22');
    expect(() => nthBlock('10.64.0.0/16', 22, 64)).toThrow(
      'block 64 of /22 does not fit into 10.64.0.0/16',
    );
  });
});
