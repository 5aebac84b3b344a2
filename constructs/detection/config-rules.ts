import * as config from 'aws-cdk-lib/aws-config';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import type { RequirementId } from '../../domain/requirements';
import { GovCloudError } from '../core/errors';
import { recordImplements } from '../core/implements';
import { CONFIG_MIN_RETENTION_VALUES } from './private/retention-values';
import { MIN_LOG_RETENTION_DAYS } from '../../domain/retention';

/** One AWS managed Config rule the baseline deploys, and the requirements it evidences. */
export interface ConfigRuleSpec {
  /** The managed rule's name as AWS documents it, e.g. `restricted-ssh`. */
  readonly name: string;
  /** The managed rule's source identifier, e.g. `INCOMING_SSH_DISABLED`. */
  readonly identifier: string;
  /** Requirement IDs the rule's compliance result is evidence for. */
  readonly requirements: readonly RequirementId[];
  /** What a COMPLIANT result shows, one line. */
  readonly checks: string;
  /**
   * True when the rule evaluates account-wide or global (IAM) resources: deployed only in
   * the home region so that one account does not report the same finding twice.
   */
  readonly global: boolean;
}

const R = (
  name: string,
  identifier: string,
  requirements: RequirementId[],
  checks: string,
  global = false,
): ConfigRuleSpec => ({ name, identifier, requirements, checks, global });

/**
 * Every managed rule `ConfigRules` can deploy, with its requirement IDs. Parameters are
 * computed by `ConfigRules` from its props; `ConfigRules.rules` lists what was deployed.
 * Rule documentation: https://docs.aws.amazon.com/config/latest/developerguide/<name>.html
 */
export const CONFIG_RULE_CATALOG = [
  R('cloudtrail-enabled', 'CLOUD_TRAIL_ENABLED', ['LOG-1'], 'a CloudTrail trail is logging'),
  R(
    'multi-region-cloudtrail-enabled',
    'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    ['LOG-1'],
    'a multi-region trail records read and write management events',
  ),
  R(
    'cloud-trail-log-file-validation-enabled',
    'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    ['LOG-3'],
    'trails write digest files so logs are verifiable',
  ),
  R(
    'cloud-trail-encryption-enabled',
    'CLOUD_TRAIL_ENCRYPTION_ENABLED',
    ['KEY-1', 'LOG-2'],
    'trails encrypt log files with a KMS key',
  ),
  R(
    'cloud-trail-cloud-watch-logs-enabled',
    'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
    ['DET-3'],
    'trails deliver to CloudWatch Logs, where the alert metric filters run',
  ),
  R(
    'cw-loggroup-retention-period-check',
    'CW_LOGGROUP_RETENTION_PERIOD_CHECK',
    ['RET-1'],
    'log groups keep events at least the configured retention',
  ),
  R(
    's3-bucket-ssl-requests-only',
    'S3_BUCKET_SSL_REQUESTS_ONLY',
    ['KEY-3'],
    'bucket policies deny requests without TLS',
  ),
  R(
    's3-bucket-public-read-prohibited',
    'S3_BUCKET_PUBLIC_READ_PROHIBITED',
    ['NET-1', 'TEN-1'],
    'no bucket allows public read',
  ),
  R(
    's3-bucket-public-write-prohibited',
    'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
    ['NET-1', 'TEN-1'],
    'no bucket allows public write',
  ),
  R(
    's3-account-level-public-access-blocks-periodic',
    'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
    ['NET-1', 'TEN-1'],
    'S3 Block Public Access is on for the whole account',
    true,
  ),
  R(
    's3-default-encryption-kms',
    'S3_DEFAULT_ENCRYPTION_KMS',
    ['KEY-1'],
    'buckets encrypt by default with KMS',
  ),
  R(
    'kms-cmk-not-scheduled-for-deletion',
    'KMS_CMK_NOT_SCHEDULED_FOR_DELETION',
    ['KEY-2'],
    'no customer-managed key is pending deletion',
  ),
  R(
    'cmk-backing-key-rotation-enabled',
    'CMK_BACKING_KEY_ROTATION_ENABLED',
    ['KEY-1'],
    'customer-managed keys rotate automatically',
  ),
  R('sns-encrypted-kms', 'SNS_ENCRYPTED_KMS', ['KEY-1'], 'SNS topics are encrypted with KMS'),
  R('vpc-flow-logs-enabled', 'VPC_FLOW_LOGS_ENABLED', ['LOG-4'], 'every VPC logs ALL traffic'),
  R(
    'restricted-ssh',
    'INCOMING_SSH_DISABLED',
    ['NET-4', 'NET-6'],
    'no security group opens SSH to the world',
  ),
  R(
    'restricted-common-ports',
    'RESTRICTED_INCOMING_TRAFFIC',
    ['NET-4', 'NET-6'],
    'no security group opens the listed ports to the world',
  ),
  R(
    'vpc-default-security-group-closed',
    'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    ['NET-4'],
    'default security groups allow no traffic',
  ),
  R(
    'ec2-instance-no-public-ip',
    'EC2_INSTANCE_NO_PUBLIC_IP',
    ['NET-1'],
    'no instance has a public IP address',
  ),
  R('rds-storage-encrypted', 'RDS_STORAGE_ENCRYPTED', ['KEY-1'], 'RDS storage is encrypted'),
  R('encrypted-volumes', 'ENCRYPTED_VOLUMES', ['KEY-1'], 'attached EBS volumes are encrypted'),
  R(
    'ec2-ebs-encryption-by-default',
    'EC2_EBS_ENCRYPTION_BY_DEFAULT',
    ['KEY-1'],
    'new EBS volumes are encrypted by default in this region',
  ),
  R(
    'iam-root-access-key-check',
    'IAM_ROOT_ACCESS_KEY_CHECK',
    ['IAM-1'],
    'the root user has no access keys',
    true,
  ),
  R(
    'root-account-mfa-enabled',
    'ROOT_ACCOUNT_MFA_ENABLED',
    ['IAM-1'],
    'the root user signs in with MFA',
    true,
  ),
  R(
    'mfa-enabled-for-iam-console-access',
    'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
    ['IAM-1', 'IAM-5'],
    'IAM users with a console password have MFA',
    true,
  ),
  R(
    'guardduty-enabled-centralized',
    'GUARDDUTY_ENABLED_CENTRALIZED',
    ['DET-2'],
    'GuardDuty is enabled in this region',
  ),
  R('securityhub-enabled', 'SECURITYHUB_ENABLED', ['DET-2'], 'Security Hub is enabled'),
  R(
    'iam-external-access-analyzer-enabled',
    'IAM_EXTERNAL_ACCESS_ANALYZER_ENABLED',
    ['DET-2'],
    'an IAM Access Analyzer for external access is active in this region',
  ),
] as const satisfies readonly ConfigRuleSpec[];

/** Name of a rule in `CONFIG_RULE_CATALOG`. */
export type ConfigRuleName = (typeof CONFIG_RULE_CATALOG)[number]['name'];

/** A rule `ConfigRules` deployed, with the parameters it was given. */
export interface DeployedConfigRule extends ConfigRuleSpec {
  /** Input parameters, as written to the template. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The rule construct. */
  readonly rule: config.ManagedRule;
}

/** Ports the restricted-common-ports rule checks by default (the rule takes at most five). */
export const DEFAULT_BLOCKED_PORTS = [20, 21, 3389, 3306, 5432] as const;

export interface ConfigRulesProps {
  /**
   * Deploy the rules that evaluate global or account-wide resources (IAM, root user, S3
   * account settings). Pass true in the home region only, false in every other region.
   * @default true
   */
  readonly includeGlobalResourceRules?: boolean;
  /**
   * The AWS Config configuration recorder (or the construct that contains it). Rules fail to
   * deploy without a recorder, so each rule depends on it.
   * @default - no dependency: the recorder must already exist in the account and region
   */
  readonly recorder?: IConstruct;
  /**
   * The log retention the library configures (RET-1); log groups kept for less are
   * NON_COMPLIANT. The rule accepts only some values, so the largest accepted value not above
   * this one is used (e.g. 1096 → 731). "Never expire" counts as compliant for this rule.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;
  /**
   * The multi-region trail's log group ARN, checked by multi-region-cloudtrail-enabled.
   * @default - any multi-region trail with read+write management events complies
   */
  readonly trailLogGroupArn?: string;
  /**
   * Accounts where GuardDuty findings may be centralized (CentralMonitoringAccount of
   * guardduty-enabled-centralized).
   * @default - GuardDuty must be enabled in this account
   */
  readonly guardDutyCentralAccountIds?: readonly string[];
  /**
   * TCP ports that no security group may open to 0.0.0.0/0 or ::/0 (at most five).
   * @default DEFAULT_BLOCKED_PORTS: FTP 20/21, RDP 3389, MySQL 3306, PostgreSQL 5432
   */
  readonly blockedPorts?: readonly number[];
  /**
   * Rules to leave out, e.g. when an organization conformance pack already deploys them.
   * @default - none
   */
  readonly exclude?: readonly ConfigRuleName[];
}

/** CloudFormation metadata key carrying a rule's requirement IDs (the compliance report reads it). */
export const REQUIREMENT_METADATA_KEY = 'govcloud-jp:requirement';

/**
 * AWS managed Config rules (AWS Config マネージドルール) that continuously check the
 * baseline's controls, each mapped to the requirement IDs it evidences.
 *
 * Every rule carries its IDs at the start of its description (`[LOG-1] …`) and in the
 * template metadata `govcloud-jp:requirement`; `AWS::Config::ConfigRule` has no `Tags`
 * property in CloudFormation, so a resource tag is not possible without a custom resource.
 *
 * Implements DET-1 (evaluation of the recorded configuration). The rules are continuous
 * evidence for LOG-1, LOG-3, LOG-4, RET-1, KEY-1..3, NET-1, NET-4, NET-6, IAM-1, IAM-5, TEN-1,
 * DET-2 and DET-3, which other constructs implement.
 */
export class ConfigRules extends Construct {
  /** The rules deployed in this region, with their parameters and requirement IDs. */
  public readonly rules: readonly DeployedConfigRule[];

  constructor(scope: Construct, id: string, props: ConfigRulesProps = {}) {
    super(scope, id);
    recordImplements(this, 'DET-1');
    const retention: number = props.retention ?? logs.RetentionDays.ONE_YEAR;
    if (!Number.isInteger(retention) || retention < MIN_LOG_RETENTION_DAYS) {
      throw new GovCloudError({
        code: 'ConfigRulesRetentionTooShort',
        problem: `ConfigRules retention "${retention}" is too short`,
        requirement: 'RET-1',
        fix: `logs are kept at least ${MIN_LOG_RETENTION_DAYS} days; pass the configured retention (${MIN_LOG_RETENTION_DAYS} or more).`,
        scope: this,
      });
    }
    const ports = props.blockedPorts ?? DEFAULT_BLOCKED_PORTS;
    if (
      ports.length === 0 ||
      ports.length > 5 ||
      ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)
    ) {
      throw new GovCloudError({
        code: 'ConfigRulesBlockedPortsInvalid',
        problem: `ConfigRules blockedPorts "${ports.join(',')}" is invalid`,
        requirement: 'NET-4',
        fix: 'give one to five TCP port numbers between 1 and 65535.',
        scope: this,
      });
    }
    for (const account of props.guardDutyCentralAccountIds ?? []) {
      if (!/^\d{12}$/.test(account)) {
        throw new GovCloudError({
          code: 'ConfigRulesCentralAccountInvalid',
          problem: `ConfigRules guardDutyCentralAccountIds "${account}" is not an account id`,
          requirement: 'DET-2',
          fix: 'use 12-digit AWS account ids.',
          scope: this,
        });
      }
    }
    const known = new Set<string>(CONFIG_RULE_CATALOG.map((r) => r.name));
    for (const name of props.exclude ?? []) {
      if (!known.has(name)) {
        throw new GovCloudError({
          code: 'ConfigRulesExcludeUnknown',
          problem: `ConfigRules exclude "${name}" is not a rule of this construct`,
          requirement: 'DET-1',
          fix: 'use a name from CONFIG_RULE_CATALOG.',
          scope: this,
        });
      }
    }
    const excluded = new Set<string>(props.exclude ?? []);
    const includeGlobal = props.includeGlobalResourceRules ?? true;

    const parameters: Partial<Record<ConfigRuleName, Record<string, string>>> = {
      'multi-region-cloudtrail-enabled': {
        readWriteType: 'ALL',
        includeManagementEvents: 'true',
        ...(props.trailLogGroupArn ? { cloudWatchLogsLogGroupArn: props.trailLogGroupArn } : {}),
      },
      'cw-loggroup-retention-period-check': {
        MinRetentionTime: String(
          [...CONFIG_MIN_RETENTION_VALUES].reverse().find((v) => v <= retention),
        ),
      },
      'vpc-flow-logs-enabled': { trafficType: 'ALL' },
      'restricted-common-ports': Object.fromEntries(
        ports.map((port, i) => [`blockedPort${i + 1}`, String(port)]),
      ),
      ...(props.guardDutyCentralAccountIds?.length
        ? {
            'guardduty-enabled-centralized': {
              CentralMonitoringAccount: props.guardDutyCentralAccountIds.join(','),
            },
          }
        : {}),
    };

    const rules: DeployedConfigRule[] = [];
    for (const spec of CONFIG_RULE_CATALOG) {
      if (excluded.has(spec.name) || (spec.global && !includeGlobal)) {
        continue;
      }
      const params = parameters[spec.name] ?? {};
      const rule = new config.ManagedRule(this, spec.name, {
        identifier: spec.identifier,
        description: `[${spec.requirements.join(', ')}] govcloud-jp: ${spec.checks}`,
        inputParameters: Object.keys(params).length > 0 ? params : undefined,
      });
      const cfn = rule.node.defaultChild as config.CfnConfigRule;
      cfn.addMetadata(REQUIREMENT_METADATA_KEY, [...spec.requirements]);
      if (props.recorder) {
        rule.node.addDependency(props.recorder);
      }
      rules.push({ ...spec, parameters: params, rule });
    }
    this.rules = rules;
  }
}
