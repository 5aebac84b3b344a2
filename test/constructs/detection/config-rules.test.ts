import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as config from 'aws-cdk-lib/aws-config';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  CONFIG_RULE_CATALOG,
  ConfigRules,
  type ConfigRulesProps,
  REQUIREMENT_METADATA_KEY,
} from '../../../constructs/detection/config-rules';
import { isRequirementId } from '../../../domain/requirements';

function build(props: ConfigRulesProps = {}, region = 'ap-northeast-1') {
  const stack = new Stack(new App(), 'Test', { env: { account: '111122223333', region } });
  const rules = new ConfigRules(stack, 'Rules', props);
  return { stack, rules, template: Template.fromStack(stack) };
}

/** Deployed rules by managed identifier. */
function byIdentifier(template: Template): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.values(template.findResources('AWS::Config::ConfigRule')).map((r) => [
      r.Properties.Source.SourceIdentifier,
      r,
    ]),
  );
}

describe('CONFIG_RULE_CATALOG', () => {
  test('names and identifiers are unique and every requirement ID is in the catalog', () => {
    const names = CONFIG_RULE_CATALOG.map((r) => r.name);
    const identifiers = CONFIG_RULE_CATALOG.map((r) => r.identifier);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(identifiers).size).toBe(identifiers.length);
    for (const rule of CONFIG_RULE_CATALOG) {
      expect(rule.requirements.length).toBeGreaterThan(0);
      for (const id of rule.requirements) {
        expect(isRequirementId(id)).toBe(true);
      }
    }
  });

  test('only IAM / root / account-level rules are marked global', () => {
    expect(CONFIG_RULE_CATALOG.filter((r) => r.global).map((r) => r.name)).toEqual([
      's3-account-level-public-access-blocks-periodic',
      'iam-root-access-key-check',
      'root-account-mfa-enabled',
      'mfa-enabled-for-iam-console-access',
    ]);
  });
});

describe('ConfigRules in the home region (defaults)', () => {
  const { template, rules } = build();
  const deployed = byIdentifier(template);

  test('deploys every catalog rule as an AWS managed rule', () => {
    template.resourceCountIs('AWS::Config::ConfigRule', CONFIG_RULE_CATALOG.length);
    for (const rule of Object.values(deployed)) {
      expect((rule.Properties as { Source: { Owner: string } }).Source.Owner).toBe('AWS');
    }
    expect(rules.rules).toHaveLength(CONFIG_RULE_CATALOG.length);
  });

  test.each<[string, Record<string, string> | undefined]>([
    ['CLOUD_TRAIL_ENABLED', undefined],
    ['MULTI_REGION_CLOUD_TRAIL_ENABLED', { readWriteType: 'ALL', includeManagementEvents: 'true' }],
    ['CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', undefined],
    ['CLOUD_TRAIL_ENCRYPTION_ENABLED', undefined],
    ['CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED', undefined],
    ['CW_LOGGROUP_RETENTION_PERIOD_CHECK', { MinRetentionTime: '365' }],
    ['S3_BUCKET_SSL_REQUESTS_ONLY', undefined],
    ['S3_BUCKET_PUBLIC_READ_PROHIBITED', undefined],
    ['S3_BUCKET_PUBLIC_WRITE_PROHIBITED', undefined],
    ['S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', undefined],
    ['S3_DEFAULT_ENCRYPTION_KMS', undefined],
    ['KMS_CMK_NOT_SCHEDULED_FOR_DELETION', undefined],
    ['CMK_BACKING_KEY_ROTATION_ENABLED', undefined],
    ['SNS_ENCRYPTED_KMS', undefined],
    ['VPC_FLOW_LOGS_ENABLED', { trafficType: 'ALL' }],
    ['INCOMING_SSH_DISABLED', undefined],
    [
      'RESTRICTED_INCOMING_TRAFFIC',
      {
        blockedPort1: '20',
        blockedPort2: '21',
        blockedPort3: '3389',
        blockedPort4: '3306',
        blockedPort5: '5432',
      },
    ],
    ['VPC_DEFAULT_SECURITY_GROUP_CLOSED', undefined],
    ['EC2_INSTANCE_NO_PUBLIC_IP', undefined],
    ['RDS_STORAGE_ENCRYPTED', undefined],
    ['ENCRYPTED_VOLUMES', undefined],
    ['EC2_EBS_ENCRYPTION_BY_DEFAULT', undefined],
    ['IAM_ROOT_ACCESS_KEY_CHECK', undefined],
    ['ROOT_ACCOUNT_MFA_ENABLED', undefined],
    ['MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', undefined],
    ['GUARDDUTY_ENABLED_CENTRALIZED', undefined],
    ['SECURITYHUB_ENABLED', undefined],
    ['IAM_EXTERNAL_ACCESS_ANALYZER_ENABLED', undefined],
  ])('%s has exactly the expected input parameters', (identifier, parameters) => {
    expect(deployed[identifier]).toBeDefined();
    expect((deployed[identifier].Properties as Record<string, unknown>).InputParameters).toEqual(
      parameters,
    );
  });

  test('no rule sets a maximum execution frequency (change-triggered rules reject it)', () => {
    for (const rule of Object.values(deployed)) {
      expect(rule.Properties).not.toHaveProperty('MaximumExecutionFrequency');
    }
  });

  test('each rule carries its requirement IDs in the description and in the metadata', () => {
    for (const spec of CONFIG_RULE_CATALOG) {
      const rule = deployed[spec.identifier];
      const ids = spec.requirements.join(', ');
      expect((rule.Properties as { Description: string }).Description).toBe(
        `[${ids}] govcloud-jp: ${spec.checks}`,
      );
      expect((rule.Metadata as Record<string, unknown>)[REQUIREMENT_METADATA_KEY]).toEqual(
        spec.requirements,
      );
    }
  });

  test('the exported rule list carries identifier, requirement IDs and parameters', () => {
    const retention = rules.rules.find((r) => r.name === 'cw-loggroup-retention-period-check');
    expect(retention).toMatchObject({
      identifier: 'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
      requirements: ['RET-1'],
      parameters: { MinRetentionTime: '365' },
    });
  });
});

describe('ConfigRules options', () => {
  test('outside the home region the IAM / root / account-level rules are left out', () => {
    const { template } = build({ includeGlobalResourceRules: false }, 'ap-northeast-3');
    const deployed = byIdentifier(template);
    for (const identifier of [
      'IAM_ROOT_ACCESS_KEY_CHECK',
      'ROOT_ACCOUNT_MFA_ENABLED',
      'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
      'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
    ]) {
      expect(deployed[identifier]).toBeUndefined();
    }
    expect(deployed.GUARDDUTY_ENABLED_CENTRALIZED).toBeDefined();
    template.resourceCountIs('AWS::Config::ConfigRule', CONFIG_RULE_CATALOG.length - 4);
  });

  test.each([
    [400, '400'],
    [545, '545'],
    [1096, '731'],
    [2557, '1827'],
    [3653, '3653'],
  ])(
    'log retention %d days is checked with MinRetentionTime %s (largest accepted value not above it)',
    (days, expected) => {
      const { template } = build({ retention: days });
      const rule = byIdentifier(template).CW_LOGGROUP_RETENTION_PERIOD_CHECK;
      expect(rule.Properties).toMatchObject({
        InputParameters: { MinRetentionTime: expected },
      });
    },
  );

  test('trail log group, central GuardDuty accounts and blocked ports become parameters', () => {
    const { template } = build({
      trailLogGroupArn: 'arn:aws:logs:ap-northeast-1:111122223333:log-group:trail',
      guardDutyCentralAccountIds: ['444455556666', '777788889999'],
      blockedPorts: [3389, 1521],
    });
    const deployed = byIdentifier(template);
    expect(deployed.MULTI_REGION_CLOUD_TRAIL_ENABLED.Properties).toMatchObject({
      InputParameters: {
        cloudWatchLogsLogGroupArn: 'arn:aws:logs:ap-northeast-1:111122223333:log-group:trail',
      },
    });
    expect(
      (deployed.GUARDDUTY_ENABLED_CENTRALIZED.Properties as Record<string, unknown>)
        .InputParameters,
    ).toEqual({ CentralMonitoringAccount: '444455556666,777788889999' });
    expect(
      (deployed.RESTRICTED_INCOMING_TRAFFIC.Properties as Record<string, unknown>).InputParameters,
    ).toEqual({ blockedPort1: '3389', blockedPort2: '1521' });
  });

  test('every rule depends on the Config recorder when given', () => {
    const stack = new Stack(new App(), 'Test', {
      env: { account: '111122223333', region: 'ap-northeast-1' },
    });
    const recorder = new config.CfnConfigurationRecorder(stack, 'Recorder', {
      roleArn: 'arn:aws:iam::111122223333:role/config',
    });
    new ConfigRules(stack, 'Rules', { recorder });
    const rules = Object.values(Template.fromStack(stack).findResources('AWS::Config::ConfigRule'));
    expect(rules).toHaveLength(CONFIG_RULE_CATALOG.length);
    for (const rule of rules) {
      expect(rule.DependsOn).toContain(stack.getLogicalId(recorder));
    }
  });

  test('excluded rules are not deployed', () => {
    const { template } = build({ exclude: ['securityhub-enabled', 'restricted-ssh'] });
    const deployed = byIdentifier(template);
    expect(deployed.SECURITYHUB_ENABLED).toBeUndefined();
    expect(deployed.INCOMING_SSH_DISABLED).toBeUndefined();
    template.resourceCountIs('AWS::Config::ConfigRule', CONFIG_RULE_CATALOG.length - 2);
  });
});

describe('ConfigRules validation', () => {
  test('retention below one year is refused (RET-1)', () => {
    expect(() => build({ retention: 364 as logs.RetentionDays })).toThrow(
      /ConfigRules retention "364" is too short \[RET-1\]: logs are kept at least 365 days/,
    );
  });

  test('more than five blocked ports are refused (the rule has five slots)', () => {
    expect(() => build({ blockedPorts: [1, 2, 3, 4, 5, 6] })).toThrow(
      /ConfigRules blockedPorts "1,2,3,4,5,6" is invalid \[NET-4\]: give one to five TCP port numbers/,
    );
  });

  test('a port outside 1-65535 is refused', () => {
    expect(() => build({ blockedPorts: [0] })).toThrow(/blockedPorts "0" is invalid \[NET-4\]/);
  });

  test('a malformed central GuardDuty account is refused', () => {
    expect(() => build({ guardDutyCentralAccountIds: ['12345'] })).toThrow(
      /ConfigRules guardDutyCentralAccountIds "12345" is not an account id \[DET-2\]: use 12-digit/,
    );
  });

  test('excluding an unknown rule is refused (a typo would silently keep the rule)', () => {
    expect(() => build({ exclude: ['restricted-sshh' as unknown as 'restricted-ssh'] })).toThrow(
      /ConfigRules exclude "restricted-sshh" is not a rule of this construct \[DET-1\]/,
    );
  });
});
