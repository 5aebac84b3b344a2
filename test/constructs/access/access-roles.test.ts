import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AccessRoles, type AccessRolesProps } from '../../../constructs/access';
import { actionPatternCovers } from '../../../domain/action-pattern';
import { DELEGATED_IAM_PATH } from '../../../constructs/access/private/documents';
import { BaselineProtection, RegionGuard } from '../../../constructs/guardrails';
import { ResolvedTemplate, type Json } from '../../simulation/support/resolve-template';
import { callerOf, simulate } from '../../simulation/support/simulate';

const IDENTITY = '222222222222';
const AGENCY = '333333333333';
const VENDOR = '444444444444';
const SAML = 'arn:aws:iam::111111111111:saml-provider/municipal-idp';

type RoleProps = Omit<AccessRolesProps, 'baselineProtection' | 'regionGuard'>;

const ALL: RoleProps = {
  representative: { trustedPrincipals: { accountIds: [IDENTITY] } },
  operator: {
    trustedPrincipals: {
      accountIds: [IDENTITY],
      samlProviderArn: SAML,
      identityCenterPermissionSets: ['GovCloudOperator'],
    },
  },
  delegate: { trustedPrincipals: { accountIds: [VENDOR] }, delegatedActions: ['ec2:*', 's3:*'] },
  subDelegate: {
    trustedPrincipals: { accountIds: [VENDOR] },
    delegatedActions: ['ec2:Describe*', 's3:GetObject'],
  },
  digitalAgency: { trustedPrincipals: { accountIds: [AGENCY] } },
  centralLogReader: {
    trustedPrincipals: { principalArns: [`arn:aws:iam::${AGENCY}:role/collector`] },
    logBucketArns: ['arn:aws:s3:::govcloud-jp-audit-111111111111'],
    logKeyArns: [
      'arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
  },
};

function synth(props: RoleProps = ALL) {
  const stack = new Stack(new App(), 'Test', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  const baselineProtection = new BaselineProtection(stack, 'Protection');
  const regionGuard = new RegionGuard(stack, 'RegionGuard');
  const roles = new AccessRoles(stack, 'Access', { baselineProtection, regionGuard, ...props });
  const template = Template.fromStack(stack);
  const role = (field: keyof AccessRoles) => {
    const r = roles[field] as { node: { defaultChild: unknown } } | undefined;
    if (!r) throw new Error(`no ${String(field)}`);
    const id = stack.getLogicalId(r.node.defaultChild as never);
    return { id, props: template.toJSON().Resources[id].Properties };
  };
  const policy = (prefix: string) => {
    const found = Object.entries(template.findResources('AWS::IAM::ManagedPolicy')).find(([id]) =>
      id.startsWith(prefix),
    );
    if (!found) throw new Error(`no policy ${prefix}`);
    const statements = found[1].Properties.PolicyDocument.Statement as Record<string, unknown>[];
    return { id: found[0], bySid: Object.fromEntries(statements.map((s) => [s.Sid, s])) };
  };
  return { stack, roles, template, role, policy };
}

const MFA = {
  Bool: { 'aws:MultiFactorAuthPresent': 'true' },
  NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
};
const admin = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']],
};
const guardRefs = {
  protection: { Ref: Match.stringLikeRegexp('^ProtectionPolicy') },
  region: { Ref: Match.stringLikeRegexp('^RegionGuardPolicy') },
};

describe('AccessRoles', () => {
  test('管理者・代表者: break-glass, MFA in trust, full access, region guard only', () => {
    const { role } = synth();
    const { props } = role('representativeRole');
    expect(props.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: {
          AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${IDENTITY}:root`]] },
        },
        Condition: MFA,
      },
    ]);
    expect(props.ManagedPolicyArns).toEqual([
      admin,
      { Ref: expect.stringMatching(/^RegionGuardPolicy/) },
    ]);
    expect(props.Path).toBe('/govcloud-jp-baseline/');
    expect(props.MaxSessionDuration).toBe(3600);
  });

  test('管理者・一般作業者: admin plus both guards; MFA for accounts, SAML and Identity Center trusted', () => {
    const { role } = synth();
    const { props } = role('operatorRole');
    const trust = props.AssumeRolePolicyDocument.Statement as Record<string, unknown>[];
    expect(trust).toContainEqual(
      expect.objectContaining({ Action: 'sts:AssumeRole', Condition: MFA }),
    );
    expect(trust).toContainEqual({
      Action: 'sts:AssumeRoleWithSAML',
      Effect: 'Allow',
      Principal: { Federated: SAML },
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    });
    expect(trust).toContainEqual(
      expect.objectContaining({
        Condition: {
          ArnLike: {
            'aws:PrincipalArn': ['', '*/'].map((region) => ({
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  `:iam::111111111111:role/aws-reserved/sso.amazonaws.com/${region}AWSReservedSSO_GovCloudOperator_????????????????`,
                ],
              ],
            })),
          },
        },
      }),
    );
    Template.fromJSON({
      Resources: { R: { Type: 'AWS::IAM::Role', Properties: props } },
    }).hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.arrayEquals([admin, guardRefs.protection, guardRefs.region]),
    });
  });

  test('requireMfa: false drops the MFA condition for the operator', () => {
    const { role } = synth({
      operator: { trustedPrincipals: { accountIds: [IDENTITY] }, requireMfa: false },
    });
    expect(
      role('operatorRole').props.AssumeRolePolicyDocument.Statement[0].Condition,
    ).toBeUndefined();
  });

  test('委託先管理者: boundary = its policy; may touch roles only with the sub-delegate boundary', () => {
    const { role, policy } = synth();
    const delegate = role('delegateRole');
    const boundary = policy('AccessDelegateBoundary');
    const sub = policy('AccessSubDelegateBoundary');
    expect(delegate.props.PermissionsBoundary).toEqual({ Ref: boundary.id });
    expect(delegate.props.ManagedPolicyArns).toEqual([
      { Ref: boundary.id },
      expect.objectContaining({ Ref: expect.stringMatching(/^ProtectionPolicy/) }),
      expect.objectContaining({ Ref: expect.stringMatching(/^RegionGuardPolicy/) }),
    ]);
    const s = boundary.bySid;
    expect(s.AllowDelegatedServices).toMatchObject({ Effect: 'Allow', Action: ['ec2:*', 's3:*'] });
    expect(s.AllowSubDelegateRolesWithBoundary).toMatchObject({
      Effect: 'Allow',
      Action: expect.arrayContaining([
        'iam:CreateRole',
        'iam:AttachRolePolicy',
        'iam:PutRolePolicy',
      ]),
      Condition: { StringEquals: { 'iam:PermissionsBoundary': { Ref: sub.id } } },
    });
    expect(JSON.stringify(s.AllowSubDelegateRolesWithBoundary.Resource)).toContain(
      `:role${DELEGATED_IAM_PATH}*`,
    );
    expect(s.DenyRoleChangesWithoutSubDelegateBoundary).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': { Ref: sub.id } } },
    });
    expect(s.DenyBoundaryRemoval).toMatchObject({
      Effect: 'Deny',
      Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
    });
    expect(s.DenyIamChangesOutsideDelegatedPath.NotResource).toHaveLength(2);
    expect(s.DenyOtherIamWrites.NotAction).not.toContain('iam:CreateUser');
    expect(s.DenyAssumeOutsideDelegation).toMatchObject({
      Effect: 'Deny',
      Action: 'sts:AssumeRole',
    });
  });

  test('再委託先管理者: a subset boundary, no IAM writes, assumable by the delegate without MFA', () => {
    const { role, policy } = synth();
    const sub = role('subDelegateRole');
    const boundary = policy('AccessSubDelegateBoundary');
    expect(sub.props.PermissionsBoundary).toEqual({ Ref: boundary.id });
    expect(sub.props.Path).toBe('/govcloud-jp-baseline/sub-delegate/');
    expect(boundary.bySid.AllowReDelegatedServices.Action).toEqual([
      'ec2:Describe*',
      's3:GetObject',
    ]);
    expect(boundary.bySid.DenyIamWrites).toMatchObject({
      Effect: 'Deny',
      NotAction: ['iam:Get*', 'iam:List*', 'iam:Generate*', 'iam:Simulate*', 'sts:*'],
    });
    const delegateId = role('delegateRole').id;
    expect(sub.props.AssumeRolePolicyDocument.Statement).toContainEqual({
      Action: 'sts:AssumeRole',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::GetAtt': [delegateId, 'Arn'] } },
    });
  });

  test("without a sub-delegate, the sub-delegate boundary allows the delegate's actions", () => {
    const { policy } = synth({ delegate: ALL.delegate });
    expect(policy('AccessSubDelegateBoundary').bySid.AllowReDelegatedServices.Action).toEqual([
      'ec2:*',
      's3:*',
    ]);
  });

  test('デジタル庁: MFA in trust, admin plus both guards', () => {
    const { role } = synth();
    const { props } = role('digitalAgencyRole');
    expect(props.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Condition: MFA }),
    ]);
    expect(props.ManagedPolicyArns).toHaveLength(3);
    expect(props.ManagedPolicyArns[0]).toEqual(admin);
  });

  test('中央ログ収集: metadata allowed, business data explicitly denied, logs only from the archive', () => {
    const { role, policy } = synth();
    const reader = policy('AccessCentralLogReaderPolicy').bySid;
    expect(reader.AllowAuditMetadata.Action).toEqual(
      expect.arrayContaining([
        'cloudtrail:LookupEvents',
        'config:Select*',
        'securityhub:Get*',
        'guardduty:Get*',
      ]),
    );
    expect(reader.DenyBusinessData).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
      Action: expect.arrayContaining([
        'secretsmanager:GetSecretValue',
        'ssm:GetParameter*',
        'rds-data:*',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
      ]),
    });
    expect(reader.DenyObjectsOutsideLogBuckets).toMatchObject({
      Effect: 'Deny',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      NotResource: 'arn:aws:s3:::govcloud-jp-audit-111111111111/*',
    });
    expect(reader.DenyDecryptOutsideLogKeys).toMatchObject({
      Effect: 'Deny',
      Action: 'kms:Decrypt',
    });
    expect(
      role('centralLogReaderRole').props.AssumeRolePolicyDocument.Statement[0].Condition,
    ).toBeUndefined();
  });

  test('without log buckets or keys, the reader may read no object and decrypt nothing', () => {
    const { policy } = synth({
      centralLogReader: { trustedPrincipals: { accountIds: [AGENCY] } },
    });
    const reader = policy('AccessCentralLogReaderPolicy').bySid;
    expect(reader.DenyObjectsOutsideLogBuckets.Resource).toBe('*');
    expect(reader.DenyDecryptOutsideLogKeys.Resource).toBe('*');
    expect(reader.AllowLogArchiveRead).toBeUndefined();
  });

  test('exposes the roles to alert on and creates only the roles configured', () => {
    const { roles, template } = synth({ operator: ALL.operator, digitalAgency: ALL.digitalAgency });
    expect(roles.representativeRole).toBeUndefined();
    expect(roles.delegateRole).toBeUndefined();
    expect(roles.roles).toHaveLength(2);
    expect(roles.alertOnUseRoleArns).toHaveLength(1);
    template.resourceCountIs('AWS::IAM::Role', 2);
    const full = synth();
    expect(full.roles.alertOnUseRoleArns).toEqual([
      full.roles.representativeRole?.roleArn,
      full.roles.digitalAgencyRole?.roleArn,
    ]);
  });

  test('maxSessionDuration is configurable', () => {
    const { role } = synth({
      operator: {
        trustedPrincipals: { accountIds: [IDENTITY] },
        maxSessionDuration: Duration.hours(4),
      },
    });
    expect(role('operatorRole').props.MaxSessionDuration).toBe(14400);
  });

  test('actionPatternCovers compares IAM wildcards', () => {
    expect(actionPatternCovers('ec2:*', 'ec2:Describe*')).toBe(true);
    expect(actionPatternCovers('EC2:describe*', 'ec2:DescribeInstances')).toBe(true);
    expect(actionPatternCovers('ec2:Describe*', 'ec2:*')).toBe(false);
    expect(actionPatternCovers('s3:Get*', 's3:PutObject')).toBe(false);
    expect(actionPatternCovers('*', 'rds:CreateDBInstance')).toBe(true);
  });

  describe('validation', () => {
    test.each([
      [
        { operator: { trustedPrincipals: {} } },
        /operator.trustedPrincipals "{}" names nobody \[IAM-2\]/,
      ],
      [
        { representative: { trustedPrincipals: { accountIds: ['12345'] } } },
        /representative.trustedPrincipals.accountIds "12345" is not an account id \[IAM-1\]: use 12 digits/,
      ],
      [
        { representative: { trustedPrincipals: { samlProviderArn: SAML } } },
        /representative.trustedPrincipals ".*saml-provider.*" is federated, but this role must require MFA .*\[IAM-1\]/,
      ],
      [
        { digitalAgency: { trustedPrincipals: { identityCenterPermissionSets: ['Agency'] } } },
        /digitalAgency.trustedPrincipals "Agency" is federated.*\[IAM-5\]/,
      ],
      [
        { operator: { trustedPrincipals: { samlProviderArn: 'arn:aws:iam::1:saml/x' } } },
        /samlProviderArn "arn:aws:iam::1:saml\/x" is not a SAML provider ARN \[IAM-2\]/,
      ],
      [
        { operator: { trustedPrincipals: { principalArns: ['alice'] } } },
        /principalArns "alice" is not an IAM user or role ARN \[IAM-2\]/,
      ],
      [
        { operator: { trustedPrincipals: { identityCenterPermissionSets: ['has space'] } } },
        /identityCenterPermissionSets "has space" is not a permission set name \[IAM-2\]/,
      ],
      [
        { delegate: { trustedPrincipals: { accountIds: [VENDOR] }, delegatedActions: [] } },
        /delegate.delegatedActions "\[\]" is empty \[IAM-3\]/,
      ],
      [
        {
          delegate: {
            trustedPrincipals: { accountIds: [VENDOR] },
            delegatedActions: ['iam:PassRole'],
          },
        },
        /delegate.delegatedActions "iam:PassRole" cannot be delegated \[IAM-3\]: iam:\* actions are fixed by the delegation pattern/,
      ],
      [
        { delegate: { trustedPrincipals: { accountIds: [VENDOR] }, delegatedActions: ['ec2'] } },
        /delegate.delegatedActions "ec2" is not an IAM action \[IAM-3\]/,
      ],
      [{ subDelegate: ALL.subDelegate }, /subDelegate "set" needs a delegate \[IAM-4\]/],
      [
        {
          delegate: ALL.delegate,
          subDelegate: { trustedPrincipals: { accountIds: [VENDOR] }, delegatedActions: ['rds:*'] },
        },
        /subDelegate.delegatedActions "rds:\*" is not within the delegate's actions \[IAM-4\]/,
      ],
      [
        {
          delegate: ALL.delegate,
          subDelegate: {
            trustedPrincipals: { accountIds: [VENDOR] },
            delegatedActions: ['sts:AssumeRole'],
          },
        },
        /subDelegate.delegatedActions "sts:AssumeRole" cannot be delegated \[IAM-4\]/,
      ],
    ] as [RoleProps, RegExp][])('%j is rejected', (props, message) => {
      expect(() => synth(props)).toThrow(message);
    });
  });
});

describe('break-glass and Digital Agency trust refuse the tenant account itself (IAM-1, IAM-5)', () => {
  const guards = (stack: Stack) => ({
    baselineProtection: new BaselineProtection(stack, 'P'),
    regionGuard: new RegionGuard(stack, 'R'),
  });

  test('a known account in accountIds is a config error naming the field', () => {
    const stack = new Stack(new App(), 'S', {
      env: { account: '123456789012', region: 'ap-northeast-1' },
    });
    expect(
      () =>
        new AccessRoles(stack, 'A', {
          ...guards(stack),
          representative: { trustedPrincipals: { accountIds: ['123456789012'] } },
        }),
    ).toThrow(
      /representative\.trustedPrincipals\.accountIds "123456789012" is the tenant account itself \[IAM-1\]/,
    );
  });

  test('another known account passes', () => {
    const stack = new Stack(new App(), 'S', {
      env: { account: '123456789012', region: 'ap-northeast-1' },
    });
    new AccessRoles(stack, 'A', {
      ...guards(stack),
      digitalAgency: { trustedPrincipals: { accountIds: ['210987654321'] } },
    });
    const rules = Object.keys(Template.fromStack(stack).toJSON().Rules ?? {});
    expect(rules.filter((r) => r.includes('TrustNotSelf'))).toEqual([]);
  });

  test('an unknown account gets a template rule refusing deployment into a trusted account', () => {
    const stack = new Stack(new App(), 'S');
    new AccessRoles(stack, 'A', {
      ...guards(stack),
      digitalAgency: { trustedPrincipals: { accountIds: ['210987654321'] } },
    });
    const rules = Template.fromStack(stack).toJSON().Rules;
    expect(JSON.stringify(rules)).toContain(
      '{"Fn::Not":[{"Fn::Contains":[["210987654321"],{"Ref":"AWS::AccountId"}]}]}',
    );
  });
});

describe('the central log reader cannot borrow a task or instance role (LOG-6)', () => {
  test('ECS Exec, Session Manager and Run Command are explicitly denied, even with a broad extra policy', async () => {
    const app = new App({ context: { '@aws-cdk/aws-iam:minimizePolicies': true } });
    const stack = new Stack(app, 'Reader', {
      env: { account: '111111111111', region: 'ap-northeast-1' },
    });
    // A read policy given by mistake that allows everything: only an explicit deny still holds.
    const broad = new iam.ManagedPolicy(stack, 'Broad', {
      statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })],
    });
    new AccessRoles(stack, 'Access', {
      baselineProtection: new BaselineProtection(stack, 'Protection'),
      regionGuard: new RegionGuard(stack, 'RegionGuard'),
      centralLogReader: {
        trustedPrincipals: { accountIds: [AGENCY] },
        managedPolicies: [broad],
      },
    });
    const resolved = new ResolvedTemplate(
      Template.fromStack(stack).toJSON() as Record<string, Json>,
      '111111111111',
      'ap-northeast-1',
    );
    const reader = callerOf(
      resolved.role(resolved.logicalId('AWS::IAM::Role', 'AccessCentralLogReaderRole')),
    );
    const region = 'ap-northeast-1';
    const task = `arn:aws:ecs:${region}:111111111111:task/app-cluster/0123456789abcdef0123456789abcdef`;
    const instance = `arn:aws:ec2:${region}:111111111111:instance/i-0123456789abcdef0`;
    const attempts: [string, string][] = [
      ['ecs:ExecuteCommand', task],
      ['ssm:StartSession', instance],
      ['ssm:SendCommand', instance],
    ];
    for (const [action, resource] of attempts) {
      expect({ action, decision: await simulate(reader, { action, resource, region }) }).toEqual({
        action,
        decision: 'ExplicitlyDenied',
      });
    }
  });
});
