import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { resolvePlan } from '../../lib/config';
import { buildMunicipalSystemStacks } from '../../lib/stacks/municipal-system-stack';
import { collectFindings } from '../../lib/testing/nag';
import { appLikeCli } from '../support/app';
import { sampleConfig } from '../constructs/system/fixtures';

const APPROVAL = 'デジタル庁 承認番号 2025-0001 (fictitious)';

describe('application-level separation (TEN-2)', () => {
  const config = sampleConfig({
    tenancy: 'application',
    applicationSeparationApproval: APPROVAL,
    transitGatewayId: 'tgw-0123456789abcdef0',
    dr: { pilotLightNetwork: true, transitGatewayId: 'tgw-0fedcba9876543210' },
  });
  const app = appLikeCli();
  const built = buildMunicipalSystemStacks(app, resolvePlan(config));
  const shared = built.shared!;
  const sharedTemplate = Template.fromStack(shared);

  test('one shared platform stack, one data stack per municipality, DR vaults plus a shared pilot light', () => {
    expect(shared.stackName).toBe('sample-System-Shared-Tokyo');
    expect(built.systems.map((s) => s.stackName)).toEqual([
      'sample-System-139998-Tokyo',
      'sample-System-139980-Tokyo',
    ]);
    expect(built.dr.map((s) => s.stackName)).toEqual([
      'sample-SystemDr-Shared-Osaka',
      'sample-SystemDr-139998-Osaka',
      'sample-SystemDr-139980-Osaka',
    ]);
    sharedTemplate.resourceCountIs('AWS::EC2::VPC', 1);
    sharedTemplate.resourceCountIs('AWS::ECS::Service', 1);
    sharedTemplate.resourceCountIs('AWS::RDS::DBCluster', 0);
    for (const s of built.systems) {
      const t = Template.fromStack(s);
      t.resourceCountIs('AWS::EC2::VPC', 0);
      t.resourceCountIs('AWS::ECS::Service', 0);
      t.resourceCountIs('AWS::RDS::DBCluster', 1);
    }
  });

  test('every shared resource is tagged govcloud-jp:tenancy = application', () => {
    const resources = Object.entries(
      sharedTemplate.toJSON().Resources as Record<string, { Properties?: { Tags?: unknown } }>,
    );
    const tagged = resources.filter(([, r]) => Array.isArray(r.Properties?.Tags));
    expect(tagged.length).toBeGreaterThan(20);
    for (const [id, r] of tagged) {
      expect({ id, tags: r.Properties?.Tags }).toEqual({
        id,
        tags: expect.arrayContaining([{ Key: 'govcloud-jp:tenancy', Value: 'application' }]),
      });
    }
  });

  test('the shared stack carries the TEN-2 warning with the approval reference', () => {
    Annotations.fromStack(shared).hasWarning(
      '*',
      Match.stringLikeRegexp(
        `^TEN-2: 2 municipalities share one network and application tier.*${APPROVAL.replace(/[()]/g, '.')}`,
      ),
    );
  });

  test('GovCloudChecks raises TEN-2 warnings on the shared resources, and nothing fails', () => {
    const findings = collectFindings(shared);
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    const ten2 = findings.filter((f) => f.ruleId === 'GCJ-TEN2-ApplicationTenancy');
    expect(ten2.length).toBeGreaterThan(20);
    expect(ten2.every((f) => f.level === 'warning')).toBe(true);
  });

  test.each([0, 1])(
    'municipality %i keeps its own keys and database and grants the shared role only its own user',
    (i) => {
      const s: Stack = built.systems[i];
      const code = built.systems[i].tenant.municipality.code;
      const t = Template.fromStack(s);
      t.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: `alias/govcloud-jp-sample/data-${code}`,
      });
      t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Sid: 'DatabaseIamAuth',
              Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`/app_${code}`])] }),
            }),
          ]),
        },
      });
      expect(s.dependencies).toEqual(expect.arrayContaining([shared]));
      const findings = collectFindings(s);
      expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    },
  );

  test('the shared pilot-light network in Osaka has flow logs, no interface endpoints, and the DR Transit Gateway', () => {
    const t = Template.fromStack(built.dr[0]);
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::EC2::FlowLog', 1);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.hasResourceProperties('AWS::EC2::TransitGatewayAttachment', {
      TransitGatewayId: 'tgw-0fedcba9876543210',
    });
    const interfaces = Object.values(t.findResources('AWS::EC2::VPCEndpoint')).filter(
      (e) =>
        (e as { Properties: { VpcEndpointType: string } }).Properties.VpcEndpointType ===
        'Interface',
    );
    expect(interfaces).toHaveLength(0);
  });
});
