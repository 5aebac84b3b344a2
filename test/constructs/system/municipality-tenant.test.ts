import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PurposeKey } from '../../../constructs/keys/purpose-key';
import { ClosedNetwork } from '../../../constructs/network/closed-network';
import { ApplicationTier } from '../../../constructs/system/application-tier';
import { OperationsLogBucket } from '../../../constructs/system/operations-log-bucket';
import {
  MunicipalityTenant,
  type MunicipalityTenantProps,
} from '../../../constructs/system/municipality-tenant';
import { TenantBudget } from '../../../constructs/system/tenant-budget';
import { CERT, PREMISES, testStack } from './fixtures';

const A = { name: '架空市', code: '139998' };
const B = { name: '架空町', code: '139980' };

function tenantProps(
  municipality: { name: string; code: string },
  cidr: string,
): MunicipalityTenantProps {
  return {
    municipality,
    network: { cidr, premisesCidrs: [PREMISES] },
    application: { certificateArn: CERT },
    clusterIdentifier: `sample-${municipality.code}`,
    backup: {
      retentionDays: 400,
      vaultLockMinRetentionDays: 365,
      copyTo: {
        region: 'ap-northeast-3',
        backupVaultArn: `arn:aws:backup:ap-northeast-3:111122223333:backup-vault:sample-${municipality.code}-copy`,
      },
    },
    exportSnapshots: true,
    monthlyBudgetUsd: 1500,
    budgetNotificationEmails: ['it@kaku-city.example.jp'],
  };
}

/** Logical ids of every resource a construct subtree synthesizes. */
function logicalIdsUnder(stack: Stack, scope: MunicipalityTenant): Set<string> {
  return new Set(
    scope.node
      .findAll()
      .filter((c) => (c as { cfnResourceType?: string }).cfnResourceType !== undefined)
      .map((c) => stack.resolve((c as unknown as { logicalId: string }).logicalId) as string),
  );
}

describe('MunicipalityTenant in vpc mode: two municipalities side by side', () => {
  const stack = testStack();
  const a = new MunicipalityTenant(stack, 'A', tenantProps(A, '10.64.0.0/22'));
  const b = new MunicipalityTenant(stack, 'B', tenantProps(B, '10.64.4.0/22'));
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >;
  const idsA = logicalIdsUnder(stack, a);
  const idsB = logicalIdsUnder(stack, b);

  test('each has its own VPC, key pair, database, bucket and vault', () => {
    template.resourceCountIs('AWS::EC2::VPC', 2);
    template.resourceCountIs('AWS::RDS::DBCluster', 2);
    template.resourceCountIs('AWS::Backup::BackupVault', 2);
    template.resourceCountIs('AWS::KMS::Key', 4);
    for (const code of [A.code, B.code]) {
      for (const purpose of ['data', 'backup']) {
        template.hasResourceProperties('AWS::KMS::Alias', {
          AliasName: `alias/govcloud-jp/${purpose}-${code}`,
        });
      }
    }
  });

  test('every taggable resource of a tenant carries its own MunicipalityCode (TEN-1, TEN-3)', () => {
    for (const [ids, code] of [
      [idsA, A.code],
      [idsB, B.code],
    ] as const) {
      let tagged = 0;
      for (const id of ids) {
        const tags = resources[id].Properties?.Tags;
        if (Array.isArray(tags)) {
          expect({ id, tags }).toEqual({
            id,
            tags: expect.arrayContaining([{ Key: 'MunicipalityCode', Value: code }]),
          });
          tagged++;
        }
      }
      expect(tagged).toBeGreaterThan(30);
    }
  });

  test.each([
    ['A', 'B'],
    ['B', 'A'],
  ])("tenant %s's key policies and database security group admit nothing of tenant %s", (x, y) => {
    const [own, other] = x === 'A' ? [idsA, idsB] : [idsB, idsA];
    const otherCode = y === 'A' ? A.code : B.code;
    let keysChecked = 0;
    for (const id of own) {
      const r = resources[id];
      if (r.Type === 'AWS::KMS::Key') {
        keysChecked++;
        const policy = JSON.stringify(r.Properties?.KeyPolicy);
        for (const otherId of other) {
          expect(policy).not.toContain(`"${otherId}"`);
        }
        expect(policy).not.toContain(otherCode);
        // Only Allow statements admit anyone; the grant guard denies CreateGrant to everyone.
        const principals = (
          r.Properties?.KeyPolicy as { Statement: { Effect: string; Principal: unknown }[] }
        ).Statement.filter((s) => s.Effect === 'Allow').map((s) => JSON.stringify(s.Principal));
        for (const p of principals) {
          expect(p).toMatch(/:root"|logs\.ap-northeast-1\.amazonaws\.com/);
        }
      }
      if (r.Type === 'AWS::EC2::SecurityGroupIngress') {
        const source = JSON.stringify(r.Properties?.SourceSecurityGroupId ?? '');
        for (const otherId of other) {
          expect(source).not.toContain(`"${otherId}"`);
        }
      }
    }
    expect(keysChecked).toBe(2);
    const dbSgIngress = [...own].filter(
      (id) =>
        resources[id].Type === 'AWS::EC2::SecurityGroupIngress' &&
        JSON.stringify(resources[id].Properties?.GroupId).includes('DatabaseSecurityGroup'),
    );
    expect(dbSgIngress).toHaveLength(1);
    const source = (
      resources[dbSgIngress[0]].Properties?.SourceSecurityGroupId as { 'Fn::GetAtt': string[] }
    )['Fn::GetAtt'][0];
    expect(own.has(source)).toBe(true);
  });

  test("the database of each tenant is encrypted with that tenant's own data key", () => {
    for (const [ids, tenant] of [
      [idsA, a],
      [idsB, b],
    ] as const) {
      const cluster = [...ids].find((id) => resources[id].Type === 'AWS::RDS::DBCluster') as string;
      const keyId = stack.getLogicalId(tenant.dataKey.key.node.defaultChild as CfnElement);
      expect(resources[cluster].Properties?.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
  });

  test('the backup selection covers the database and the exchange bucket of its own tenant only', () => {
    const selection = [...idsA].find(
      (id) => resources[id].Type === 'AWS::Backup::BackupSelection',
    ) as string;
    const selected = JSON.stringify(resources[selection].Properties);
    const clusterA = [...idsA].find((id) => resources[id].Type === 'AWS::RDS::DBCluster') as string;
    expect(selected).toContain(clusterA);
    expect(selected).toContain('ExchangeBucket');
    for (const id of idsB) {
      expect(selected).not.toContain(`"${id}"`);
    }
  });

  test('the budget tracks only the tenant tag and alerts at 80 % actual and 100 % forecast (TEN-3)', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 1500, Unit: 'USD' },
        CostFilters: { TagKeyValue: ['user:MunicipalityCode$139998'] },
      },
      NotificationsWithSubscribers: [
        Match.objectLike({
          Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }),
          Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'it@kaku-city.example.jp' }],
        }),
        Match.objectLike({
          Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }),
        }),
      ],
    });
  });

  test('exports (PORT-1) are encrypted with the data key, so crypto-erasure covers them (KEY-4)', () => {
    const bucket = [...idsA].find(
      (id) => id.includes('ExitBucket') && resources[id].Type === 'AWS::S3::Bucket',
    ) as string;
    const keyId = stack.getLogicalId(a.dataKey.key.node.defaultChild as CfnElement);
    expect(JSON.stringify(resources[bucket].Properties?.BucketEncryption)).toContain(keyId);
  });
});

describe('MunicipalityTenant in application mode', () => {
  const stack = testStack();
  const key = new PurposeKey(stack, 'SharedKey', { purpose: 'data', qualifier: 'shared' });
  const network = new ClosedNetwork(stack, 'Shared', {
    cidr: '10.64.0.0/16',
    premisesCidrs: [PREMISES],
    flowLogKey: key.key,
  });
  const application = new ApplicationTier(stack, 'App', {
    network,
    encryptionKey: key.key,
    certificateArn: CERT,
    accessLogsBucket: new OperationsLogBucket(stack, 'Logs').bucket,
  });
  const { network: _n, application: _a, ...rest } = tenantProps(A, '10.64.0.0/22');
  void _n;
  void _a;
  new MunicipalityTenant(stack, 'A', { ...rest, shared: { network, application } });
  const template = Template.fromStack(stack);

  test('adds no network or application tier of its own, only its data tier in the shared VPC', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::ECS::Service', 1);
    template.resourceCountIs('AWS::RDS::DBCluster', 1);
  });

  test('grants the shared application its own database user and data key', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AppTaskTaskRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DatabaseIamAuth',
            Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['/app_139998'])] }),
          }),
        ]),
      },
    });
  });
});

describe('validation', () => {
  test.each([
    [{ network: undefined }, 'MunicipalityTenant network/shared "neither" given [TEN-1]'],
    [
      { application: undefined },
      'MunicipalityTenant application "undefined" with an own network [TEN-1]',
    ],
    [
      { municipality: { name: 'x', code: '13999' } },
      'MunicipalityTenant municipality.code "13999" is not a 6-digit local government code [TEN-3]',
    ],
  ])('%j is refused', (overrides, message) => {
    expect(
      () =>
        new MunicipalityTenant(testStack(), 'T', {
          ...tenantProps(A, '10.64.0.0/22'),
          ...overrides,
        }),
    ).toThrow(message);
  });

  test('a budget needs a positive amount', () => {
    expect(
      () => new TenantBudget(testStack(), 'B', { municipalityCode: '139998', monthlyLimitUsd: 0 }),
    ).toThrow('TenantBudget monthlyLimitUsd "0" is not a positive amount [TEN-3]');
  });
});
