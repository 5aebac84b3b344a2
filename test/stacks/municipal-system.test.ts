import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildGovCloudApp } from '../../lib/app';
import { resolvePlan } from '../../lib/config';
import { buildMunicipalSystemStacks } from '../../lib/stacks/municipal-system-stack';
import { collectFindings } from '../../lib/testing/nag';
import { appLikeCli } from '../support/app';
import { PREMISES, resourcesOf, sampleConfig } from '../constructs/system/fixtures';

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string };

describe('sample system from config/default.json (vpc mode, 架空市 and 架空町)', () => {
  const config = sampleConfig();
  const app = appLikeCli();
  const built = buildMunicipalSystemStacks(app, resolvePlan(config));
  // As buildGovCloudApp does for every stack: the cost-allocation and purpose tags.
  const all: Stack[] = [...built.systems, ...built.dr];
  const templates = new Map(all.map((s) => [s, Template.fromStack(s)]));
  const resourcesIn = (s: Stack) =>
    templates.get(s)!.toJSON().Resources as Record<string, Resource>;
  const everyResource = () => all.flatMap((s) => Object.values(resourcesIn(s)));

  test('one primary stack per municipality in Tokyo, one DR stack each in Osaka, no shared stack', () => {
    expect(built.systems.map((s) => s.stackName)).toEqual([
      'sample-System-139998-Tokyo',
      'sample-System-139980-Tokyo',
    ]);
    expect(built.dr.map((s) => s.stackName)).toEqual([
      'sample-SystemDr-139998-Osaka',
      'sample-SystemDr-139980-Osaka',
    ]);
    expect(built.shared).toBeUndefined();
    built.systems.forEach((s, i) => {
      expect(s.region).toBe('ap-northeast-1');
      expect(s.dependencies).toEqual([built.dr[i]]);
      expect(built.dr[i].region).toBe('ap-northeast-3');
    });
  });

  test('no Internet gateway, NAT gateway, Elastic IP or public IP anywhere (NET-1)', () => {
    const types = new Set(everyResource().map((r) => r.Type));
    for (const forbidden of [
      'AWS::EC2::InternetGateway',
      'AWS::EC2::NatGateway',
      'AWS::EC2::EIP',
      'AWS::EC2::EgressOnlyInternetGateway',
      'AWS::EC2::Instance',
    ]) {
      expect(types.has(forbidden)).toBe(false);
    }
    for (const r of everyResource()) {
      if (r.Type === 'AWS::EC2::Subnet') expect(r.Properties?.MapPublicIpOnLaunch).toBe(false);
      if (r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')
        expect(r.Properties?.Scheme).toBe('internal');
      if (r.Type === 'AWS::RDS::DBInstance') expect(r.Properties?.PubliclyAccessible).toBe(false);
      if (r.Type === 'AWS::ECS::Service') {
        expect(JSON.stringify(r.Properties?.NetworkConfiguration)).toContain(
          '"AssignPublicIp":"DISABLED"',
        );
      }
    }
  });

  test('every VPC has a flow log of all traffic (LOG-4)', () => {
    for (const s of built.systems) {
      const r = resourcesIn(s);
      const vpcs = Object.entries(r)
        .filter(([, x]) => x.Type === 'AWS::EC2::VPC')
        .map(([id]) => id);
      const logged = Object.values(r)
        .filter((x) => x.Type === 'AWS::EC2::FlowLog' && x.Properties?.TrafficType === 'ALL')
        .map((x) => (x.Properties?.ResourceId as { Ref: string }).Ref);
      expect(vpcs).toHaveLength(1);
      expect(logged).toEqual(vpcs);
    }
  });

  test('security groups admit only the premises, the own VPC, or own security groups (NET-4)', () => {
    built.systems.forEach((s, i) => {
      const r = resourcesIn(s);
      const vpcCidr = [`10.64.${i * 4}.0/22`];
      const allowed = new Set([PREMISES, ...vpcCidr]);
      let checked = 0;
      for (const x of Object.values(r)) {
        const rules =
          x.Type === 'AWS::EC2::SecurityGroup'
            ? ((x.Properties?.SecurityGroupIngress as Record<string, unknown>[] | undefined) ?? [])
            : x.Type === 'AWS::EC2::SecurityGroupIngress'
              ? [x.Properties as Record<string, unknown>]
              : [];
        for (const rule of rules) {
          checked++;
          if (rule.CidrIp !== undefined) {
            expect(allowed.has(rule.CidrIp as string)).toBe(true);
          } else {
            const source = (rule.SourceSecurityGroupId as { 'Fn::GetAtt': string[] })[
              'Fn::GetAtt'
            ][0];
            expect(r[source].Type).toBe('AWS::EC2::SecurityGroup');
          }
          expect(rule.CidrIpv6).toBeUndefined();
          for (const port of [22, 3389]) {
            const from = rule.FromPort as number;
            const to = rule.ToPort as number;
            expect(port >= from && port <= to).toBe(false);
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(4);
    });
  });

  test("each database is encrypted with its municipality's data key and snapshotted on deletion", () => {
    built.systems.forEach((s) => {
      const r = resourcesIn(s);
      const [cluster] = Object.values(r).filter((x) => x.Type === 'AWS::RDS::DBCluster');
      expect(cluster.DeletionPolicy).toBe('Snapshot');
      expect(cluster.Properties?.StorageEncrypted).toBe(true);
      const keyId = (cluster.Properties?.KmsKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
      const alias = Object.values(r).find(
        (x) =>
          x.Type === 'AWS::KMS::Alias' &&
          (x.Properties?.TargetKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] === keyId,
      );
      expect(alias?.Properties?.AliasName).toBe(
        `alias/govcloud-jp-sample/data-${s.tenant.municipality.code}`,
      );
      expect(r[keyId].DeletionPolicy).toBe('Retain');
    });
  });

  test('backups are locked and copied to the same municipality vault in Osaka (BAK-2, BAK-3, REG-3)', () => {
    built.systems.forEach((s, i) => {
      const code = s.tenant.municipality.code;
      const r = resourcesIn(s);
      const plan = Object.values(r).find((x) => x.Type === 'AWS::Backup::BackupPlan');
      const rule = (
        plan?.Properties?.BackupPlan as {
          BackupPlanRule: { CopyActions: { DestinationBackupVaultArn: unknown }[] }[];
        }
      ).BackupPlanRule[0];
      expect(s.resolve(rule.CopyActions[0].DestinationBackupVaultArn)).toEqual({
        'Fn::Join': [
          '',
          [
            'arn:aws:backup:ap-northeast-3:',
            { Ref: 'AWS::AccountId' },
            `:backup-vault:sample-${code}-copy`,
          ],
        ],
      });
      const local = Object.values(r).find((x) => x.Type === 'AWS::Backup::BackupVault');
      expect(local?.DeletionPolicy).toBe('Retain');
      expect(local?.Properties?.LockConfiguration).toEqual({
        MinRetentionDays: 365,
        ChangeableForDays: 3,
      });
      const dr = Object.values(resourcesIn(built.dr[i])).find(
        (x) => x.Type === 'AWS::Backup::BackupVault',
      );
      expect(dr?.Properties?.BackupVaultName).toBe(`sample-${code}-copy`);
      expect(dr?.Properties?.LockConfiguration).toEqual({
        MinRetentionDays: 365,
        ChangeableForDays: 3,
      });
      expect(dr?.DeletionPolicy).toBe('Retain');
    });
  });

  test("the restore runbook's outputs name the backup role and the copy vault (BAK-2)", () => {
    built.systems.forEach((s) => {
      const code = s.tenant.municipality.code;
      const outputs = templates.get(s)!.toJSON().Outputs as Record<string, { Value: unknown }>;
      // constructs/backup/README.md step 4 restores with BackupRoleArn: it must be the role AWS
      // Backup assumes, holding the restore policies, not another role of the stack.
      const roleId = (outputs.BackupRoleArn.Value as { 'Fn::GetAtt': [string, string] })[
        'Fn::GetAtt'
      ][0];
      const role = resourcesIn(s)[roleId];
      expect(role.Type).toBe('AWS::IAM::Role');
      expect(JSON.stringify(role.Properties?.AssumeRolePolicyDocument)).toContain(
        'backup.amazonaws.com',
      );
      expect(JSON.stringify(role.Properties?.ManagedPolicyArns)).toContain(
        'AWSBackupServiceRolePolicyForRestores',
      );
      expect(JSON.stringify(role.Properties?.ManagedPolicyArns)).toContain(
        'AWSBackupServiceRolePolicyForS3Restore',
      );
      expect(JSON.stringify(s.resolve(outputs.CopyVaultArn.Value))).toContain(
        `:backup-vault:sample-${code}-copy`,
      );
    });
  });

  test('the stacks of one municipality reference nothing of the other (TEN-1)', () => {
    const [a, b] = built.systems;
    for (const [own, other] of [
      [a, b],
      [b, a],
    ]) {
      const json = JSON.stringify(templates.get(own)!.toJSON());
      expect(json).not.toContain('Fn::ImportValue');
      expect(json).not.toContain(other.tenant.municipality.code);
      expect(json).not.toContain(other.stackName);
    }
  });

  test('no Lambda functions or assets: the sample deploys without bootstrap assets', () => {
    expect(everyResource().some((r) => r.Type === 'AWS::Lambda::Function')).toBe(false);
    for (const s of all) {
      expect(s.node.metadata.filter((m) => m.type === 'aws:cdk:asset')).toHaveLength(0);
    }
  });

  test('GovCloudChecks, AwsSolutions and NIST 800-53 R5 leave no unacknowledged error or warning', () => {
    for (const s of all) {
      const findings = collectFindings(s);
      expect(findings.filter((f) => f.level === 'error')).toEqual([]);
      expect(findings.filter((f) => f.level === 'warning')).toEqual([]);
    }
  });
});

describe('wiring into buildGovCloudApp', () => {
  test('system stacks exist only when enabled, and tenant tags win over the app-wide owner tag', () => {
    const off = buildGovCloudApp(appLikeCli(), sampleConfig({ enabled: false }));
    expect(off.system).toBeUndefined();

    const app = appLikeCli();
    const on = buildGovCloudApp(app, sampleConfig());
    expect(on.system?.systems).toHaveLength(2);
    const town = on.system!.systems[1];
    const cluster = resourcesOf(Template.fromStack(town), 'AWS::RDS::DBCluster')[0][1];
    expect(cluster.Properties?.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'MunicipalityCode', Value: '139980' },
        { Key: 'Environment', Value: 'production' },
        { Key: 'System', Value: 'sample' },
        { Key: 'govcloud-jp:tenancy', Value: 'vpc' },
      ]),
    );
    const drVault = resourcesOf(
      Template.fromStack(on.system!.dr[1]),
      'AWS::Backup::BackupVault',
    )[0][1];
    expect(drVault.Properties?.BackupVaultTags).toMatchObject({ MunicipalityCode: '139980' });
  });
});
