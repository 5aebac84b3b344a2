import { Match, Template } from 'aws-cdk-lib/assertions';
import { drBackupVaultName, resolvePlan, systemAliasPrefix } from '../../lib/config';
import { GovCloudDrStack } from '../../lib/stacks/dr-stack';
import { appLikeCli } from '../support/app';
import { PREMISES, sampleConfig } from '../constructs/system/fixtures';

describe('GovCloudDrStack', () => {
  const config = sampleConfig({
    dr: { pilotLightNetwork: true, transitGatewayId: 'tgw-0fedcba9876543210' },
  });
  const plan = resolvePlan(config);
  const { tenants } = plan.system;

  test('one locked, CMK-encrypted, retained copy vault per municipality with a fixed name (BAK-2, BAK-3)', () => {
    const stack = new GovCloudDrStack(appLikeCli(), 'Dr', {
      env: { region: 'ap-northeast-3' },
      plan,
      tenants,
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Backup::BackupVault', 2);
    for (const tenant of tenants) {
      t.hasResource('AWS::Backup::BackupVault', {
        DeletionPolicy: 'Retain',
        Properties: {
          BackupVaultName: `sample-${tenant.code}-copy`,
          EncryptionKeyArn: {
            'Fn::GetAtt': [Match.stringLikeRegexp(`^Tenant${tenant.code}BackupKey`), 'Arn'],
          },
          LockConfiguration: { MinRetentionDays: 365, ChangeableForDays: 3 },
          BackupVaultTags: Match.objectLike({ MunicipalityCode: tenant.code }),
        },
      });
      t.hasResource('AWS::KMS::Key', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({ EnableKeyRotation: true, PendingWindowInDays: 30 }),
      });
      t.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: `alias/govcloud-jp-sample/backup-${tenant.code}`,
      });
    }
    t.resourceCountIs('AWS::EC2::VPC', 0);
  });

  test('a pilot-light network has flow logs, the DR Transit Gateway, and no interface endpoint cost', () => {
    const stack = new GovCloudDrStack(appLikeCli(), 'Dr', {
      env: { region: 'ap-northeast-3' },
      plan,
      tenants: [tenants[1]],
      pilotLightCidr: tenants[1].drVpcCidr,
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.80.4.0/22' });
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL' });
    t.hasResourceProperties('AWS::EC2::TransitGatewayAttachment', {
      TransitGatewayId: 'tgw-0fedcba9876543210',
    });
    t.hasResourceProperties('AWS::EC2::Route', {
      DestinationCidrBlock: PREMISES,
      TransitGatewayId: 'tgw-0fedcba9876543210',
    });
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    const interfaces = Object.values(t.findResources('AWS::EC2::VPCEndpoint')).filter(
      (e) =>
        (e as { Properties: { VpcEndpointType: string } }).Properties.VpcEndpointType ===
        'Interface',
    );
    expect(interfaces).toHaveLength(0);
    t.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/govcloud-jp-sample/audit-logs-dr-139980',
    });
  });

  test('refuses a region outside Japan (REG-1)', () => {
    expect(
      () =>
        new GovCloudDrStack(appLikeCli(), 'Dr', {
          env: { region: 'us-west-2' },
          plan,
          tenants,
        }),
    ).toThrow('Stack Dr env.region = "us-west-2" [REG-1]');
  });

  test('names are deterministic and stay within AWS limits', () => {
    const long = sampleConfig();
    const name = drBackupVaultName({ ...long, systemName: 'A'.repeat(30) }, '139998');
    expect(name).toBe(`${'a'.repeat(30)}-139998-copy`);
    expect(name.length).toBeLessThanOrEqual(50);
    expect(systemAliasPrefix({ ...long, systemName: 'Juki--Tax' })).toBe('govcloud-jp-juki-tax');
  });
});
