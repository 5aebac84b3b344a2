import { z } from 'zod';

/** One AWS Budgets notification threshold (DET-4). */
const budgetAlertSchema = z.strictObject({
  /** Percent of the monthly budget, e.g. 80. */
  thresholdPercent: z.number().gt(0).max(1000).meta({
    requirement: 'DET-4',
    fix: 'use a percentage above 0 and at most 1000, e.g. 80',
  }),
  /** ACTUAL (実績) or FORECASTED (予測) spend. */
  type: z.enum(['ACTUAL', 'FORECASTED']).meta({
    requirement: 'DET-4',
    fix: 'use "ACTUAL" (spend so far) or "FORECASTED" (forecast for the month)',
  }),
});

/** Threat detection, alerting and budget switches of the baseline (DET-2..4). */
export const detectionSchema = z
  .strictObject({
    /** Enable the CIS AWS Foundations Benchmark standard in Security Hub besides AWS FSBP. */
    cisStandard: z
      .boolean()
      .default(false)
      .meta({ requirement: 'DET-2', fix: 'use true or false' }),
    /** CIS benchmark version used when cisStandard is true. */
    cisVersion: z.enum(['5.0.0', '3.0.0']).default('5.0.0').meta({
      requirement: 'DET-2',
      fix: 'use "5.0.0" (current CIS AWS Foundations Benchmark) or "3.0.0"',
    }),
    /** Monthly budget in USD for the tenant account (DET-4); leave out for no budget. */
    monthlyBudgetUsd: z.number().positive().optional().meta({
      requirement: 'DET-4',
      fix: 'give the monthly budget as a positive number of US dollars, or leave it out',
    }),
    /** Budget notification thresholds (at most five). */
    budgetAlerts: z
      .array(budgetAlertSchema)
      .min(1)
      .max(5)
      .default([
        { thresholdPercent: 80, type: 'ACTUAL' },
        { thresholdPercent: 100, type: 'FORECASTED' },
      ])
      .meta({
        requirement: 'DET-4',
        fix: 'give one to five thresholds, e.g. [{ "thresholdPercent": 80, "type": "ACTUAL" }, { "thresholdPercent": 100, "type": "FORECASTED" }]',
      }),
    /**
     * Create the GuardDuty detector. false when the organization's delegated administrator
     * already enables GuardDuty in this account (a second detector cannot be created).
     */
    guardDuty: z.boolean().default(true).meta({
      requirement: 'DET-2',
      fix: 'use true, or false only when the organization already enables GuardDuty in this account',
    }),
    /** GuardDuty Runtime Monitoring with ECS Fargate agent management (off by default). */
    guardDutyRuntimeMonitoring: z.boolean().default(false).meta({
      requirement: 'DET-2',
      fix: 'use true (ECS Fargate systems, after checking the VPC endpoint design) or false',
    }),
    /** Create the Security Hub CSPM hub; false when a delegated administrator manages it. */
    securityHub: z.boolean().default(true).meta({
      requirement: 'DET-2',
      fix: 'use true, or false only when the organization already manages Security Hub in this account',
    }),
    /** Create the IAM Access Analyzer for the account. */
    accessAnalyzer: z
      .boolean()
      .default(true)
      .meta({ requirement: 'DET-2', fix: 'use true or false' }),
    /**
     * Create the AWS Config service-linked role in the home-region stack. Leave false where
     * the role already exists (Config, Control Tower or the management side created it):
     * creating it twice fails the deployment.
     */
    createConfigServiceLinkedRole: z.boolean().default(false).meta({
      requirement: 'DET-1',
      fix: 'use true for a fresh account without AWSServiceRoleForConfig, false (default) when it exists',
    }),
    /**
     * Create the account-wide `RDSOSMetrics` log group that RDS Enhanced Monitoring writes to,
     * encrypted and kept for logRetentionDays, in each baseline stack (LOG-5, RET-1). false only
     * where it already exists (an earlier DB instance with Enhanced Monitoring created it).
     */
    rdsOsMetricsLogGroup: z.boolean().default(true).meta({
      requirement: 'LOG-5',
      fix: 'use true (default), or false when RDSOSMetrics already exists in the account and region; then give it a key and retention with aws logs associate-kms-key and put-retention-policy',
    }),
  })
  .prefault({});
