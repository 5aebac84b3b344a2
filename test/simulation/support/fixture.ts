/**
 * A test stack that instantiates the guardrails and the permission model the way the baseline
 * stack does, with a trail, an archive bucket, an audit key, a log group and a service role
 * as the protected baseline resources, plus an application data key that must stay
 * manageable.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessRoles } from '../../../constructs/access';
import { BaselineProtection, RegionGuard } from '../../../constructs/guardrails';
import { PurposeKey } from '../../../constructs/keys/purpose-key';
import { ResolvedTemplate, type Json } from './resolve-template';

export const ACCOUNT = '111111111111';
/** Identity account of the municipality's administrators (IAM users with MFA devices). */
export const IDENTITY_ACCOUNT = '222222222222';
/** The Digital Agency's account. */
export const AGENCY_ACCOUNT = '333333333333';
/** The contractor (委託先) account. */
export const VENDOR_ACCOUNT = '444444444444';
export const SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/municipal-idp`;

/** Broad on purpose: tampering must be stopped by the guards, not by a missing allow. */
export const DELEGATED_ACTIONS = [
  'ec2:*',
  's3:*',
  'rds:*',
  'logs:*',
  'kms:*',
  'cloudwatch:*',
  'cloudtrail:*',
  'config:*',
  'guardduty:*',
  'securityhub:*',
  'lambda:*',
  'cloudformation:*',
];
export const SUB_DELEGATED_ACTIONS = [
  'ec2:Describe*',
  'ec2:RunInstances',
  'ec2:StartInstances',
  'ec2:StopInstances',
  's3:*',
  'logs:*',
  'cloudwatch:*',
  'cloudtrail:LookupEvents',
];

export interface Fixture {
  stack: Stack;
  template: Template;
  resolved: ResolvedTemplate;
  ids: {
    trail: string;
    archive: string;
    auditKey: string;
    dataKey: string;
    logGroup: string;
    configRole: string;
    roles: Record<
      | 'representative'
      | 'operator'
      | 'delegate'
      | 'subDelegate'
      | 'digitalAgency'
      | 'centralLogReader',
      string
    >;
    policies: Record<
      | 'baselineProtection'
      | 'regionGuard'
      | 'delegateBoundary'
      | 'subDelegateBoundary'
      | 'centralLogReader',
      string
    >;
  };
}

export function buildFixture(): Fixture {
  // The project's cdk.json turns policy minimization on; simulate what it synthesizes.
  const app = new App({ context: { '@aws-cdk/aws-iam:minimizePolicies': true } });
  const stack = new Stack(app, 'SimBaseline', {
    env: { account: ACCOUNT, region: 'ap-northeast-1' },
  });
  const archive = new s3.Bucket(stack, 'Archive', { removalPolicy: RemovalPolicy.RETAIN });
  const auditKey = new PurposeKey(stack, 'AuditKey', { purpose: 'audit-logs' });
  // An application data key (業務データ鍵): must stay manageable (crypto-erasure, KEY-4).
  new PurposeKey(stack, 'DataKey', { purpose: 'data', qualifier: '131016' });
  const logGroup = new logs.LogGroup(stack, 'TrailLogs', {
    retention: logs.RetentionDays.TWO_YEARS,
    encryptionKey: auditKey.key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const trail = new cloudtrail.CfnTrail(stack, 'Trail', {
    isLogging: true,
    s3BucketName: archive.bucketName,
  });
  const configRole = new iam.Role(stack, 'ConfigRole', {
    assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
  });

  const baselineProtection = new BaselineProtection(stack, 'Protection', {
    trailArns: [trail.attrArn],
    bucketArns: [archive.bucketArn],
    keyArns: [auditKey.key.keyArn],
    logGroupArns: [logGroup.logGroupArn],
    roleArns: [configRole.roleArn],
  });
  const regionGuard = new RegionGuard(stack, 'RegionGuard');
  new AccessRoles(stack, 'Access', {
    baselineProtection,
    regionGuard,
    representative: { trustedPrincipals: { accountIds: [IDENTITY_ACCOUNT] } },
    operator: {
      trustedPrincipals: {
        accountIds: [IDENTITY_ACCOUNT],
        samlProviderArn: SAML_PROVIDER,
        identityCenterPermissionSets: ['GovCloudOperator'],
      },
    },
    delegate: {
      trustedPrincipals: { accountIds: [VENDOR_ACCOUNT] },
      delegatedActions: DELEGATED_ACTIONS,
    },
    subDelegate: {
      trustedPrincipals: { accountIds: [VENDOR_ACCOUNT] },
      delegatedActions: SUB_DELEGATED_ACTIONS,
    },
    digitalAgency: { trustedPrincipals: { accountIds: [AGENCY_ACCOUNT] } },
    centralLogReader: {
      trustedPrincipals: {
        principalArns: [`arn:aws:iam::${AGENCY_ACCOUNT}:role/central-log-collector`],
      },
      logBucketArns: [archive.bucketArn],
      logKeyArns: [auditKey.key.keyArn],
    },
  });

  const template = Template.fromStack(stack);
  const resolved = new ResolvedTemplate(
    template.toJSON() as Record<string, Json>,
    ACCOUNT,
    'ap-northeast-1',
  );
  const role = (prefix: string) => resolved.logicalId('AWS::IAM::Role', prefix);
  const policy = (prefix: string) => resolved.logicalId('AWS::IAM::ManagedPolicy', prefix);
  return {
    stack,
    template,
    resolved,
    ids: {
      trail: resolved.logicalId('AWS::CloudTrail::Trail', 'Trail'),
      archive: resolved.logicalId('AWS::S3::Bucket', 'Archive'),
      auditKey: resolved.logicalId('AWS::KMS::Key', 'AuditKey'),
      dataKey: resolved.logicalId('AWS::KMS::Key', 'DataKey'),
      logGroup: resolved.logicalId('AWS::Logs::LogGroup', 'TrailLogs'),
      configRole: role('ConfigRole'),
      roles: {
        representative: role('AccessRepresentativeRole'),
        operator: role('AccessOperatorRole'),
        delegate: role('AccessDelegateRole'),
        subDelegate: role('AccessSubDelegateRole'),
        digitalAgency: role('AccessDigitalAgencyRole'),
        centralLogReader: role('AccessCentralLogReaderRole'),
      },
      policies: {
        baselineProtection: policy('ProtectionPolicy'),
        regionGuard: policy('RegionGuardPolicy'),
        delegateBoundary: policy('AccessDelegateBoundary'),
        subDelegateBoundary: policy('AccessSubDelegateBoundary'),
        centralLogReader: policy('AccessCentralLogReaderPolicy'),
      },
    },
  };
}
