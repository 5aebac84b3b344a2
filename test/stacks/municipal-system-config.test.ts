import { ConfigError, parseConfig } from '../../lib/config';
import { backupCopyRegion, systemTenants } from '../../lib/config/sections/system';
import {
  defaultConfigFile,
  fictitiousMunicipalities,
  sampleConfig,
} from '../constructs/system/fixtures';

/** The one-line problems a system section produces. */
function problems(system: Record<string, unknown>, root: Record<string, unknown> = {}): string[] {
  const file = defaultConfigFile();
  try {
    parseConfig({ ...file, ...root, system: { ...file.system, ...system } });
  } catch (e) {
    if (e instanceof ConfigError)
      return e.message
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/^ {2}- /, ''));
    throw e;
  }
  return [];
}

describe('system config section', () => {
  test('config/default.json enables a vpc-mode system for 架空市 139998 and 架空町 139980', () => {
    const config = sampleConfig();
    expect(config.system).toMatchObject({
      enabled: true,
      tenancy: 'vpc',
      interfaceEndpoints: ['ecr.api', 'ecr.dkr', 'logs', 'kms', 'ssmmessages'],
      backup: { retentionDays: 400, vaultLockMinRetentionDays: 365, vaultLockChangeableForDays: 3 },
      sizes: {
        dbMinCapacity: 0.5,
        dbMaxCapacity: 2,
        taskCpu: 256,
        taskMemoryMiB: 512,
        desiredCount: 2,
      },
    });
    expect(systemTenants(config)).toEqual([
      expect.objectContaining({
        code: '139998',
        vpcCidr: '10.64.0.0/22',
        drVpcCidr: '10.80.0.0/22',
      }),
      expect.objectContaining({
        code: '139980',
        vpcCidr: '10.64.4.0/22',
        drVpcCidr: '10.80.4.0/22',
      }),
    ]);
    expect(backupCopyRegion(config)).toBe('ap-northeast-3');
  });

  test('a disabled section defaults to the owner municipality and needs nothing else', () => {
    const file = defaultConfigFile();
    const config = parseConfig({ ...file, system: undefined });
    expect(config.system.enabled).toBe(false);
    expect(systemTenants(config)).toEqual([
      expect.objectContaining({ code: '139998', vpcCidr: '10.64.0.0/22' }),
    ]);
  });

  test('a foreign copy region is refused with field, value, requirement and fix (REG-3)', () => {
    expect(problems({ backup: { copyToRegion: 'us-east-1' } })).toEqual([
      'system.backup.copyToRegion = "us-east-1" [REG-3]: "us-east-1" is outside Japan: backup copies may only go to ap-northeast-1 or ap-northeast-3. Fix: use the other Japanese region: "ap-northeast-3" (Osaka) when primaryRegion is Tokyo, "ap-northeast-1" when it is Osaka, or leave it out to use drRegion.',
    ]);
  });

  test('a copy into the primary region itself is refused (BAK-2)', () => {
    expect(problems({ backup: { copyToRegion: 'ap-northeast-1' } })).toEqual([
      expect.stringMatching(
        /^system\.backup\.copyToRegion = "ap-northeast-1" \[REG-3\]: equals primaryRegion \(ap-northeast-1\); the copy must go to the other Japanese region/,
      ),
    ]);
  });

  test('application tenancy needs the Digital Agency approval reference (TEN-2)', () => {
    expect(problems({ tenancy: 'application' })).toEqual([
      expect.stringMatching(
        /^system\.tenancy = "application" \[TEN-2\]: separation other than a dedicated VPC per municipality needs the Digital Agency approval.*Fix: use "vpc"/,
      ),
    ]);
    expect(problems({ tenancy: 'application', applicationSeparationApproval: 'ref-1' })).toEqual(
      [],
    );
  });

  test.each([
    [
      { premisesCidrs: ['0.0.0.0/0'] },
      'system.premisesCidrs.0 = "0.0.0.0/0" [NET-4]: 0.0.0.0/0 would admit every address, not only the municipal premises. Fix:',
    ],
    [
      { premisesCidrs: ['10.0.0.0/4'] },
      'system.premisesCidrs.0 = "10.0.0.0/4" [NET-4]: CIDR has host bits set',
    ],
    [{ premisesCidrs: ['16.0.0.0/4'] }, '/4 is broader than /8'],
    [
      { premisesCidrs: [] },
      'system.premisesCidrs = [] [NET-4]: the enabled system needs the premises networks',
    ],
    [
      { premisesCidrs: ['10.64.0.0/20'] },
      'system.vpcCidr = "10.64.0.0/22" [TEN-1]: overlaps premises network 10.64.0.0/20',
    ],
    [
      { certificateArn: undefined },
      'system.certificateArn = (missing) [KEY-3]: the HTTPS listener needs a certificate',
    ],
    [
      {
        certificateArn:
          'arn:aws:acm:ap-northeast-3:111122223333:certificate/00000000-0000-0000-0000-000000000000',
      },
      'is in ap-northeast-3, but the load balancer runs in primaryRegion ap-northeast-1',
    ],
    [
      {
        certificateArn:
          'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
      },
      'is not an ACM certificate ARN in ap-northeast-1 or ap-northeast-3',
    ],
    [
      {
        municipalities: [
          { name: 'a', code: '139998' },
          { name: 'b', code: '139998' },
        ],
      },
      'system.municipalities.1.code = "139998" [TEN-3]: is listed twice',
    ],
    [
      { municipalities: [{ name: 'a', code: '139999' }] },
      'system.municipalities.0.code = "139999" [TEN-3]: local government code has check digit 9, but the first five digits give 8',
    ],
    [
      {
        municipalities: [
          { name: 'a', code: '139998' },
          { name: 'b', code: '139980', vpcCidr: '10.64.0.0/22' },
        ],
      },
      'system.municipalities.1.vpcCidr = "10.64.0.0/22" [TEN-1]: overlaps 10.64.0.0/22 of 139998',
    ],
    [
      { municipalities: fictitiousMunicipalities(5), vpcCidr: '10.64.0.0/20' },
      'system.vpcCidr = "10.64.0.0/20" [TEN-1]: holds 4 blocks of /22, but 5 municipalities need one each',
    ],
    [
      { tenancy: 'account' },
      'system.municipalities = ["139998","139980"] [TEN-1]: account mode serves only the account\'s own municipality (139998)',
    ],
    [
      { transitGatewayId: 'tgw-0123456789abcdef0', vpnGatewayId: 'vgw-0123456789abcdef0' },
      'system.vpnGatewayId = "vgw-0123456789abcdef0" [NET-2]: give transitGatewayId or vpnGatewayId, not both',
    ],
    [
      { vpnGatewayId: 'vgw-0123456789abcdef0' },
      'a virtual private gateway attaches to one VPC, but vpc mode creates one VPC per municipality',
    ],
    [
      { defaultRouteToPremises: true },
      'system.defaultRouteToPremises = true [NET-3]: a default route needs a premises connection',
    ],
    [
      {
        resolver: {
          forwardingRules: [{ domainName: 'city.example.lg.jp', targetIps: ['172.16.0.53'] }],
        },
      },
      'system.resolver.forwardingRules = ["city.example.lg.jp"] [NET-5]: forwarding rules need the outbound endpoint',
    ],
    [
      {
        resolver: {
          outbound: true,
          forwardingRules: [{ domainName: 'city.example.lg.jp', targetIps: ['8.8.8.8'] }],
        },
      },
      'system.resolver.forwardingRules.0.targetIps.0 = "8.8.8.8" [NET-5]: is not inside any premisesCidrs',
    ],
    [
      { interfaceEndpoints: ['logs', 'logs'] },
      'system.interfaceEndpoints.1 = "logs" [NET-1]: is listed twice',
    ],
    [
      { sizes: { taskCpu: 256, taskMemoryMiB: 4096 } },
      'system.sizes.taskMemoryMiB = 4096 [BAK-4]: Fargate with 256 CPU units takes one of 512, 1024, 2048 MiB',
    ],
    [
      { sizes: { desiredCount: 1 } },
      'system.sizes.desiredCount = 1 [BAK-4]: one task is a single point of failure',
    ],
    [
      { sizes: { dbMinCapacity: 4, dbMaxCapacity: 2 } },
      'system.sizes.dbMinCapacity = 4 [BAK-4]: exceeds dbMaxCapacity',
    ],
    [
      { backup: { retentionDays: 30 } },
      'system.backup.retentionDays = 30 [BAK-3]: is shorter than vaultLockMinRetentionDays (365)',
    ],
    [
      { backup: { vaultLockChangeableForDays: 1 } },
      'system.backup.vaultLockChangeableForDays = 1 [BAK-3]',
    ],
    [
      { maxAzs: 3 },
      'system.maxAzs = 3 [BAK-4]: a template without accountId can name only two availability zones',
    ],
    [
      { dr: { pilotLightNetwork: true, vpcCidr: '10.64.0.0/16' } },
      'system.dr.vpcCidr = "10.64.0.0/22" [BAK-4]: overlaps primary VPC 10.64.0.0/22',
    ],
    [{ enabledd: true }, 'system.enabledd = true [TEN-1]: unknown key'],
  ])('%j is refused', (system, message) => {
    const found = problems(system);
    expect(found.some((p) => p.includes(message))).toBe(true);
  });

  test('account mode accepts the owner as its only municipality', () => {
    expect(problems({ tenancy: 'account', municipalities: [] })).toEqual([]);
    expect(
      problems({
        tenancy: 'account',
        municipalities: [{ name: '架空市', code: '139998' }],
        vpnGatewayId: 'vgw-0123456789abcdef0',
      }),
    ).toEqual([]);
  });

  test('three AZs are accepted with an account id', () => {
    expect(problems({ maxAzs: 3 }, { accountId: '111122223333' })).toEqual([]);
  });
});
