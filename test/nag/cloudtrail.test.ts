import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { cmk, flagged, tokyoStack, validate } from './support';

function trail(
  stack: ReturnType<typeof tokyoStack>,
  id: string,
  props: Partial<cloudtrail.CfnTrailProps> = {},
): cloudtrail.CfnTrail {
  return new cloudtrail.CfnTrail(stack, id, {
    isLogging: true,
    s3BucketName: 'trail-bucket',
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    ...props,
  });
}

describe('GCJ-LOG1-TrailLogFileValidation', () => {
  test('passes validation on, flags off or unset', () => {
    const stack = tokyoStack();
    trail(stack, 'On');
    trail(stack, 'Off', { enableLogFileValidation: false });
    trail(stack, 'Unset', { enableLogFileValidation: undefined });
    new cloudtrail.Trail(stack, 'L2', { enableFileValidation: true });
    expect(flagged(stack, 'GCJ-LOG1-TrailLogFileValidation')).toEqual(['Stack/Off', 'Stack/Unset']);
  });
});

describe('GCJ-LOG1-TrailMultiRegion', () => {
  test('flags a single-region trail, one without global events, and one not logging', () => {
    const stack = tokyoStack();
    trail(stack, 'Good');
    trail(stack, 'SingleRegion', { isMultiRegionTrail: false });
    trail(stack, 'NoGlobal', { includeGlobalServiceEvents: false });
    trail(stack, 'Stopped', { isLogging: false });
    expect(flagged(stack, 'GCJ-LOG1-TrailMultiRegion')).toEqual([
      'Stack/NoGlobal',
      'Stack/SingleRegion',
      'Stack/Stopped',
    ]);
  });
});

describe('GCJ-LOG1-TrailManagementEvents', () => {
  test('passes no selectors, read+write and advanced management selectors; flags read-only or none', () => {
    const stack = tokyoStack();
    trail(stack, 'Default');
    trail(stack, 'All', {
      eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All' }],
    });
    trail(stack, 'WriteOnly', {
      eventSelectors: [{ includeManagementEvents: true, readWriteType: 'WriteOnly' }],
    });
    trail(stack, 'DataOnly', {
      eventSelectors: [
        {
          includeManagementEvents: false,
          dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
        },
      ],
    });
    trail(stack, 'Advanced', {
      advancedEventSelectors: [
        { fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
      ],
    });
    trail(stack, 'AdvancedReadOnly', {
      advancedEventSelectors: [
        {
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['Management'] },
            { field: 'readOnly', equalTo: ['true'] },
          ],
        },
      ],
    });
    expect(flagged(stack, 'GCJ-LOG1-TrailManagementEvents')).toEqual([
      'Stack/AdvancedReadOnly',
      'Stack/DataOnly',
      'Stack/WriteOnly',
    ]);
  });
});

describe('GCJ-KEY1-TrailEncrypted', () => {
  test('passes a customer-managed key, flags none', () => {
    const stack = tokyoStack();
    new cloudtrail.Trail(stack, 'Encrypted', {
      encryptionKey: cmk(stack),
      bucket: new s3.Bucket(stack, 'B1'),
    });
    new cloudtrail.Trail(stack, 'Plain', { bucket: new s3.Bucket(stack, 'B2') });
    expect(flagged(stack, 'GCJ-KEY1-TrailEncrypted')).toEqual(['Stack/Plain/Resource']);
  });
});

describe('GCJ-LOG2-AuditServiceGuard', () => {
  const RULE = 'GCJ-LOG2-AuditServiceGuard';

  test('warns for a trail, Config recorder and GuardDuty detector that no policy protects', () => {
    const stack = tokyoStack();
    trail(stack, 'Trail');
    new config.CfnConfigurationRecorder(stack, 'Recorder', {
      roleArn: 'arn:aws:iam::111122223333:role/config',
    });
    new guardduty.CfnDetector(stack, 'Detector', { enable: true });
    const warning = validate(stack).violations.find((v) => v.ruleName === RULE);
    expect(warning?.severity).toBe('warning');
    expect(warning?.violatingResources.map((r) => r.constructPath).sort()).toEqual([
      'Stack/Detector',
      'Stack/Recorder',
      'Stack/Trail',
    ]);
  });

  test('an explicit deny in a managed policy (wildcards included) protects the trail', () => {
    const stack = tokyoStack();
    trail(stack, 'Trail');
    new iam.ManagedPolicy(stack, 'Guard', {
      statements: [
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: [
            'cloudtrail:StopLogging',
            'cloudtrail:Delete*',
            'cloudtrail:Update*',
            'cloudtrail:PutEventSelectors',
          ],
          resources: ['*'],
        }),
      ],
    });
    expect(flagged(stack, RULE)).toEqual([]);
  });

  test('an allow, or a deny missing an action, does not protect it; an SCP resource does', () => {
    const stack = tokyoStack();
    trail(stack, 'Trail');
    new config.CfnConfigurationRecorder(stack, 'Recorder', {
      roleArn: 'arn:aws:iam::111122223333:role/config',
    });
    new iam.ManagedPolicy(stack, 'Partial', {
      statements: [
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          actions: ['cloudtrail:StopLogging'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({ actions: ['cloudtrail:*'], resources: ['*'] }),
      ],
    });
    new organizations.CfnPolicy(stack, 'Scp', {
      name: 'guard',
      type: 'SERVICE_CONTROL_POLICY',
      content: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: ['config:Stop*', 'config:Delete*'], Resource: '*' }],
      },
    });
    expect(flagged(stack, RULE)).toEqual(['Stack/Trail']);
  });
});
