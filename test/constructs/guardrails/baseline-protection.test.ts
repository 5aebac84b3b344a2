import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { patternsCover } from '../../support/action-patterns';
import { BaselineProtection, type BaselineProtectionProps } from '../../../constructs/guardrails';
import {
  AREA_DELETION_ACTIONS,
  AUDIT_SERVICE_TAMPER_ACTIONS,
  BASELINE_IAM_ALLOWED_ACTIONS,
  BASELINE_RESOURCE_READ_ACTIONS,
  TAGGED_RESOURCE_READ_ACTIONS,
} from '../../../constructs/guardrails/private/protection-statements';

const TRAIL = 'arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/baseline';
const BUCKET = 'arn:aws:s3:::govcloud-jp-audit-111111111111';
const KEY = 'arn:aws:kms:ap-northeast-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const LOG_GROUP = 'arn:aws:logs:ap-northeast-1:111111111111:log-group:/govcloud-jp/trail:*';
const ROLE = 'arn:aws:iam::111111111111:role/config-recorder';

function synth(props?: BaselineProtectionProps) {
  const stack = new Stack(new App(), 'Test', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  const protection = new BaselineProtection(stack, 'Protection', props);
  return { stack, protection, template: Template.fromStack(stack) };
}

function statements(template: Template): Record<string, Record<string, unknown>> {
  // The guard itself; the baseline boundary (a second policy) is tested on its own.
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter(
    (p) => !p.Properties.ManagedPolicyName,
  );
  expect(policies).toHaveLength(1);
  const list = policies[0].Properties.PolicyDocument.Statement as Record<string, unknown>[];
  return Object.fromEntries(list.map((s) => [s.Sid as string, s]));
}

const full: BaselineProtectionProps = {
  trailArns: [TRAIL],
  bucketArns: [BUCKET],
  keyArns: [KEY],
  logGroupArns: [LOG_GROUP],
  roleArns: [ROLE],
};

describe('BaselineProtection', () => {
  test('is one managed policy under the baseline IAM path, made of denies only', () => {
    const { template } = synth(full);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Path: '/govcloud-jp-baseline/',
      Description: Match.stringLikeRegexp('LOG-2, RET-2, KEY-2'),
    });
    const all = Object.values(statements(template));
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.every((s) => s.Effect === 'Deny')).toBe(true);
  });

  test('denies switching off Config, GuardDuty and Security Hub account-wide', () => {
    const s = statements(synth().template).DenyAuditServiceTamper;
    expect(s.Resource).toBe('*');
    expect(s.Condition).toBeUndefined();
    expect(s.Action).toEqual(expect.arrayContaining([...AUDIT_SERVICE_TAMPER_ACTIONS]));
    for (const action of [
      'config:StopConfigurationRecorder',
      'config:DeleteDeliveryChannel',
      'guardduty:DeleteDetector',
      'guardduty:UpdateDetector',
      'securityhub:DisableSecurityHub',
    ]) {
      expect({ action, denied: patternsCover(s.Action as string[], action) }).toEqual({
        action,
        denied: true,
      });
    }
  });

  test('denies tampering with the listed trail, bucket and its objects, key and log group', () => {
    const s = statements(
      synth({ ...full, protectByTag: false }).template,
    ).DenyTamperOnBaselineResources;
    expect(s.Resource).toEqual(
      expect.arrayContaining([
        TRAIL,
        BUCKET,
        `${BUCKET}/*`,
        KEY,
        LOG_GROUP,
        LOG_GROUP.replace(/:\*$/, ''),
      ]),
    );
    // Everything but reading: no write can slip through an action list the guard forgot.
    expect(s.Action).toBeUndefined();
    expect(s.NotAction).toEqual([...BASELINE_RESOURCE_READ_ACTIONS]);
    expect(
      (s.NotAction as string[]).some((a) => /^[a-z0-9-]+:(Delete|Put|Update|Disable)/.test(a)),
    ).toBe(false);
  });

  test('with no resource listed, the ARN statement covers only its own stack (LOG-2)', () => {
    expect(statements(synth().template).DenyTamperOnBaselineResources.Resource).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':cloudformation:*:111111111111:stack/Test/*'],
      ],
    });
  });

  test('scopes the tag statement with aws:ResourceTag and forbids touching the tag key', () => {
    const s = statements(synth().template);
    expect(s.DenyTamperOnTaggedResources).toMatchObject({
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/govcloud-jp:baseline': 'protected' } },
    });
    expect(s.DenyBaselineTagChanges).toMatchObject({
      Action: '*',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['govcloud-jp:baseline'] } },
    });
    expect(s.DenyTamperOnTaggedResources.NotAction).toEqual(
      expect.arrayContaining([...TAGGED_RESOURCE_READ_ACTIONS]),
    );
  });

  test('uses a custom baseline tag everywhere', () => {
    const s = statements(synth({ baselineTag: { key: 'Baseline', value: 'yes' } }).template);
    expect(s.DenyTamperOnTaggedResources.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/Baseline': 'yes' },
    });
    expect(s.DenyBaselineTagChanges.Condition).toEqual({
      'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Baseline'] },
    });
  });

  test('protectByTag: false drops every tag statement', () => {
    const s = statements(synth({ ...full, protectByTag: false }).template);
    expect(s.DenyTamperOnTaggedResources).toBeUndefined();
    expect(s.DenyBaselineTagChanges).toBeUndefined();
    expect(s.DenyTamperOnBaselineResources).toBeDefined();
  });

  test('protects the baseline roles and policies by path (itself included) and listed roles', () => {
    const s = statements(synth(full).template).DenyBaselineIamChanges;
    expect(s.NotAction).toEqual([...BASELINE_IAM_ALLOWED_ACTIONS]);
    expect(s.NotAction).not.toContain('iam:PassRole');
    expect(s.Resource).toEqual([
      {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:role/govcloud-jp-baseline/*'],
        ],
      },
      {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:policy/govcloud-jp-baseline/*'],
        ],
      },
      ROLE,
    ]);
  });

  test('a custom iamPath moves both the policy and the protected path', () => {
    const { template } = synth({ iamPath: '/org/baseline/' });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Path: '/org/baseline/' });
    expect(JSON.stringify(statements(template).DenyBaselineIamChanges.Resource)).toContain(
      'policy/org/baseline/*',
    );
  });

  test('denies closing the account and leaving the organization (IAM-2)', () => {
    const s = statements(synth().template).DenyAreaDeletion;
    expect(s.Action).toEqual([...AREA_DELETION_ACTIONS]);
    for (const action of ['account:CloseAccount', 'organizations:LeaveOrganization']) {
      expect({ action, denied: patternsCover(s.Action as string[], action) }).toEqual({
        action,
        denied: true,
      });
    }
  });

  test('accepts construct tokens (GetAtt) and splits log group ARNs with Fn::Split', () => {
    const stack = new Stack(new App(), 'Tokens');
    const bucket = new s3.Bucket(stack, 'Archive');
    const logGroup = new logs.LogGroup(stack, 'Logs');
    new BaselineProtection(stack, 'Protection', {
      bucketArns: [bucket.bucketArn],
      logGroupArns: [logGroup.logGroupArn],
      protectByTag: false,
    });
    const resources = statements(Template.fromStack(stack)).DenyTamperOnBaselineResources
      .Resource as unknown[];
    const bucketId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
    const logsArn = {
      'Fn::GetAtt': [stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup), 'Arn'],
    };
    expect(resources).toEqual([
      { 'Fn::GetAtt': [bucketId, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
      logsArn,
      { 'Fn::Select': [0, { 'Fn::Split': [':*', logsArn] }] },
      expect.objectContaining({ 'Fn::Join': expect.anything() }),
    ]);
  });

  test('has no fixed name unless one is asked for', () => {
    const unnamed = synth().template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Path: '/govcloud-jp-baseline/' },
    });
    expect(Object.values(unnamed)[0].Properties.ManagedPolicyName).toBeUndefined();
    synth({ managedPolicyName: 'govcloud-jp-baseline-protection' }).template.hasResourceProperties(
      'AWS::IAM::ManagedPolicy',
      { ManagedPolicyName: 'govcloud-jp-baseline-protection' },
    );
  });

  test('attachTo adds the policy to a role', () => {
    const stack = new Stack(new App(), 'Attach');
    const protection = new BaselineProtection(stack, 'Protection');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    protection.attachTo(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^ProtectionPolicy') }],
    });
  });

  test('tagAsBaseline tags taggable resources with the baseline tag', () => {
    const stack = new Stack(new App(), 'Tagged');
    new s3.Bucket(stack, 'Archive');
    BaselineProtection.tagAsBaseline(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      Tags: [{ Key: 'govcloud-jp:baseline', Value: 'protected' }],
    });
  });

  test('tagAsBaseline tags the stack itself, also under explicitStackTags (the SCPs find baseline stacks by it)', () => {
    const app = new App({ context: { '@aws-cdk/core:explicitStackTags': true } });
    const stack = new Stack(app, 'Baseline');
    new s3.Bucket(stack, 'Archive');
    BaselineProtection.tagAsBaseline(stack);
    expect(app.synth().getStackByName('Baseline').tags).toEqual({
      'govcloud-jp:baseline': 'protected',
    });
  });

  describe('validation', () => {
    test.each([
      [
        { iamPath: 'baseline' },
        /iamPath "baseline" is invalid \[LOG-2\]: use a path that starts and ends with "\/"/,
      ],
      [
        { iamPath: '/' },
        /iamPath "\/" is invalid \[LOG-2\]: the root path would protect every role/,
      ],
      [
        { baselineTag: { key: 'aws:baseline', value: 'x' } },
        /baselineTag.key "aws:baseline" is invalid \[LOG-2\]/,
      ],
      [
        { baselineTag: { key: 'k', value: 'v'.repeat(257) } },
        /baselineTag.value ".*" is invalid \[LOG-2\]: use at most 256/,
      ],
      [
        { trailArns: [BUCKET] },
        /trailArns ".*" is not a valid ARN \[LOG-2\]: expected arn:aws:cloudtrail/,
      ],
      [
        { bucketArns: [`${BUCKET}/*`] },
        /bucketArns ".*\/\*" is not a valid ARN \[LOG-2\]: expected arn:aws:s3:::<bucket> \(no object suffix\)/,
      ],
      [
        { keyArns: ['alias/govcloud-jp/audit-logs'] },
        /keyArns "alias\/govcloud-jp\/audit-logs" is not a valid ARN \[KEY-2\]/,
      ],
      [
        { logGroupArns: [LOG_GROUP.replace(/:\*$/, '')] },
        /logGroupArns ".*" is not a valid ARN \[RET-2\]: expected .*log-group:<name>:\*/,
      ],
      [{ roleArns: [TRAIL] }, /roleArns ".*" is not a valid ARN \[LOG-2\]/],
    ] as [BaselineProtectionProps, RegExp][])('%j is rejected', (props, message) => {
      expect(() => synth(props)).toThrow(message);
    });
  });
});

describe('BaselineProtection.applyBoundary', () => {
  function stackWithRole(): Stack {
    const stack = new Stack(new App(), 'Vendor', {
      env: { account: '111111111111', region: 'ap-northeast-3' },
    });
    new iam.Role(stack, 'AppRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    });
    return stack;
  }

  test('gives every role of a stack the baseline boundary by name, with its path', () => {
    const stack = stackWithRole();
    BaselineProtection.applyBoundary(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      PermissionsBoundary: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':iam::111111111111:policy/govcloud-jp-baseline/boundary/govcloud-jp-baseline-boundary',
          ],
        ],
      },
    });
  });

  test('follows a baseline with its own path and boundary name', () => {
    const stack = stackWithRole();
    BaselineProtection.applyBoundary(stack, {
      iamPath: '/city/',
      boundaryPolicyName: 'city-ceiling',
    });
    const [role] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'));
    expect(JSON.stringify(role.Properties.PermissionsBoundary)).toContain(
      ':policy/city/boundary/city-ceiling',
    );
  });

  test.each([
    [{ iamPath: 'city' }, /applyBoundary iamPath "city" is invalid \[IAM-2\]/],
    [{ iamPath: '/' }, /applyBoundary iamPath "\/" is invalid \[IAM-2\]/],
    [{ boundaryPolicyName: 'a b' }, /applyBoundary boundaryPolicyName "a b" is invalid \[IAM-2\]/],
  ])('%j is rejected', (options, message) => {
    expect(() => BaselineProtection.applyBoundary(stackWithRole(), options)).toThrow(message);
  });
});
