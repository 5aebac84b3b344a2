import { z } from 'zod';

/**
 * The levels of the Digital Agency's non-functional requirement standard for municipal systems
 * (地方公共団体情報システム非機能要件の標準 第1.2版, デジタル庁). AVL-1, AVL-2, PORT-3.
 *
 * What was verified: the item numbers are those of the IPA non-functional requirement grade
 * (非機能要求グレード2018, 独立行政法人情報処理推進機構, 2018), on which the standard is said to
 * be built (that link itself was not checked): A.1.5.1 稼働率, A.1.3.1 RPO(目標復旧地点),
 * A.1.3.2 RTO(目標復旧時間), A.1.4.1 目標復旧水準(大規模災害時) システム再開目標, A.3.2.1
 * 外部保管データ 保管場所分散度. What was not: the numeric levels below are those the public
 * summaries of the standard give; the standard's own text could not be retrieved here, so
 * confirm them against the current edition before relying on them.
 */
export const STANDARD_LEVELS = {
  /** 稼働率 99.5% (A.1.5.1). */
  availabilityPercent: 99.5,
  /** RTO 12 hours (A.1.3.2, 目標復旧時間). */
  rtoHours: 12,
  /** RPO one business day before (1営業日前, A.1.3.1), modelled as 24 hours. */
  rpoHours: 24,
  /** Reduced-configuration recovery at a remote site within one month (A.1.4.1). */
  disasterRecoveryWithinDays: 30,
  /** Hand-over of safety-confirmation data (安否確認情報) within 72 hours. */
  dataHandoverWithinHours: 72,
} as const;

/** Backup intervals an AWS Backup cron schedule can express evenly over a day. */
export const BACKUP_INTERVALS_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;

/**
 * Non-functional levels of the sample system (非機能要件の水準). Defaults are the standard's
 * levels; stricter levels are allowed; a looser level needs `looserReason`, which the evidence
 * records. `backupIntervalHours` and `continuousBackup` are settings: when left out they are
 * derived from `rpoHours`; when given they must meet it.
 */
export const nonFunctionalSchema = z
  .strictObject({
    /** Availability (稼働率) in percent (AVL-1, A.1.5.1). At 99.5 or more the DB is Multi-AZ. */
    availabilityPercent: z
      .number()
      .min(90)
      .max(99.999)
      .default(STANDARD_LEVELS.availabilityPercent)
      .meta({
        requirement: 'AVL-1',
        fix: 'use 99.5 (the standard) or higher; a lower value needs "looserReason"',
      }),
    /** Recovery time objective in hours (RTO, 目標復旧時間; AVL-1, A.1.3.2). */
    rtoHours: z.number().positive().max(720).default(STANDARD_LEVELS.rtoHours).meta({
      requirement: 'AVL-1',
      fix: 'use 12 (the standard) or fewer hours; more needs "looserReason"',
    }),
    /** Recovery point objective in hours (RPO, 目標復旧地点; AVL-1, A.1.3.1); 24 = 1営業日前. */
    rpoHours: z.number().positive().max(168).default(STANDARD_LEVELS.rpoHours).meta({
      requirement: 'AVL-1',
      fix: 'use 24 (1営業日前, the standard) or fewer hours; more needs "looserReason"',
    }),
    /** Large-disaster recovery (大規模災害時, AVL-2). */
    disasterRecovery: z
      .strictObject({
        /** Keep a copy at a remote site: the other Japanese region (A.3.2.1, BAK-2). */
        remoteCopy: z.boolean().default(true).meta({
          requirement: 'AVL-2',
          fix: 'keep true (copy to the other Japanese region); false needs "looserReason"',
        }),
        /** Days within which a reduced configuration runs at the remote site (A.1.4.1). */
        recoveryWithinDays: z
          .number()
          .int()
          .min(1)
          .max(365)
          .default(STANDARD_LEVELS.disasterRecoveryWithinDays)
          .meta({
            requirement: 'AVL-2',
            fix: 'use 30 (one month, the standard) or fewer days; more needs "looserReason"',
          }),
      })
      .prefault({}),
    /** Hand-over of data (データ引渡し, PORT-3). */
    dataHandover: z
      .strictObject({
        /** The system holds safety-confirmation data (安否確認情報): hand-over must be possible. */
        safetyConfirmationData: z.boolean().default(false),
        /** Hours within which the data is handed over. */
        withinHours: z
          .number()
          .positive()
          .max(720)
          .default(STANDARD_LEVELS.dataHandoverWithinHours)
          .meta({
            requirement: 'PORT-3',
            fix: 'use 72 (the standard) or fewer hours; more needs "looserReason"',
          }),
      })
      .prefault({}),
    /**
     * Hours between scheduled backups (a setting).
     * @default derived from rpoHours: 24 (daily) when rpoHours ≥ 24, else the longest interval of 1, 2, 3, 4, 6, 8, 12 within it
     */
    backupIntervalHours: z
      .number()
      .int()
      .refine((n) => (BACKUP_INTERVALS_HOURS as readonly number[]).includes(n), {
        error: (issue) =>
          `${JSON.stringify(issue.input)} hours is not an interval a daily cron can repeat evenly (${BACKUP_INTERVALS_HOURS.join(', ')})`,
      })
      .optional()
      .meta({
        requirement: 'AVL-1',
        fix: 'leave it out to derive it from rpoHours, or use an interval no longer than rpoHours (1, 2, 3, 4, 6, 8, 12 or 24), or set "continuousBackup": true',
      }),
    /**
     * Continuous backup (point-in-time recovery through AWS Backup, 35 days) besides the schedule.
     * @default derived: on when rpoHours < 1 (AWS Backup schedules run at most hourly)
     */
    continuousBackup: z.boolean().optional().meta({
      requirement: 'AVL-1',
      fix: 'leave it out (on when rpoHours < 1) or set it to true',
    }),
    /**
     * The last restore drill of the copy in the other region (復元訓練, docs/restore-drill.md),
     * as the operator recorded it; copied into the evidence file and compared with `rtoHours`.
     * @default - no drill recorded: the report lists the drill as the operator's open task
     */
    restoreDrill: z
      .strictObject({
        /** Date the drill ran (YYYY-MM-DD). */
        performedOn: z.iso.date(),
        /** Hours from the start of the drill to the restored database answering (measured RTO). */
        measuredRtoHours: z.number().positive().max(720),
        /** The recovery point restored (its ARN in the other region). */
        recoveryPointArn: z.string().regex(/^arn:aws:[a-z-]+:ap-northeast-[13]:\d{12}:.+$/),
        /** Who ran and recorded it. */
        recordedBy: z.string().trim().min(1),
      })
      .optional()
      .meta({
        requirement: 'AVL-2',
        fix: 'record the drill as { "performedOn": "2026-11-30", "measuredRtoHours": 3.5, "recoveryPointArn": "arn:aws:rds:ap-northeast-3:…", "recordedBy": "<name>" } (see docs/restore-drill.md)',
      }),
    /** Why a level looser than the standard is accepted (recorded in the evidence). */
    looserReason: z.string().trim().min(1).optional().meta({
      requirement: 'AVL-1',
      fix: 'say why the looser level is accepted (e.g. the municipality agreed it in its SLA)',
    }),
  })
  .superRefine((n, ctx) => {
    const issue = (path: readonly PropertyKey[], input: unknown, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [...path], input, message });
    };
    for (const l of looserLevels(n)) {
      if (!n.looserReason) {
        issue(
          l.path,
          l.value,
          `is looser than the standard's level ${l.standard} (地方公共団体情報システム非機能要件の標準); give "looserReason"`,
        );
      }
    }
    const s = deriveNonFunctionalSettings(n);
    if (!meetsRpo(s.backupIntervalHours, s.continuousBackup, n.rpoHours)) {
      issue(
        [n.backupIntervalHours !== undefined ? 'backupIntervalHours' : 'continuousBackup'],
        n.backupIntervalHours ?? n.continuousBackup,
        `a plan every ${s.backupIntervalHours} h${s.backupIntervalHours === 24 ? ' (daily)' : ''}${s.continuousBackup ? '' : ' without continuous backup'} cannot meet rpoHours ${n.rpoHours}`,
      );
    }
  })
  .prefault({});

/** The non-functional section as validated. */
export type NonFunctionalLevels = z.output<typeof nonFunctionalSchema>;

/** A level looser than the standard's. */
export interface LooserLevel {
  readonly path: readonly string[];
  readonly value: number | boolean;
  readonly standard: number | boolean;
}

/** The levels that are looser than the standard's (they need `looserReason`). */
export function looserLevels(n: NonFunctionalLevels): LooserLevel[] {
  const all: (LooserLevel & { looser: boolean })[] = [
    {
      path: ['availabilityPercent'],
      value: n.availabilityPercent,
      standard: STANDARD_LEVELS.availabilityPercent,
      looser: n.availabilityPercent < STANDARD_LEVELS.availabilityPercent,
    },
    {
      path: ['rtoHours'],
      value: n.rtoHours,
      standard: STANDARD_LEVELS.rtoHours,
      looser: n.rtoHours > STANDARD_LEVELS.rtoHours,
    },
    {
      path: ['rpoHours'],
      value: n.rpoHours,
      standard: STANDARD_LEVELS.rpoHours,
      looser: n.rpoHours > STANDARD_LEVELS.rpoHours,
    },
    {
      path: ['disasterRecovery', 'remoteCopy'],
      value: n.disasterRecovery.remoteCopy,
      standard: true,
      looser: !n.disasterRecovery.remoteCopy,
    },
    {
      path: ['disasterRecovery', 'recoveryWithinDays'],
      value: n.disasterRecovery.recoveryWithinDays,
      standard: STANDARD_LEVELS.disasterRecoveryWithinDays,
      looser: n.disasterRecovery.recoveryWithinDays > STANDARD_LEVELS.disasterRecoveryWithinDays,
    },
    {
      path: ['dataHandover', 'withinHours'],
      value: n.dataHandover.withinHours,
      standard: STANDARD_LEVELS.dataHandoverWithinHours,
      looser: n.dataHandover.withinHours > STANDARD_LEVELS.dataHandoverWithinHours,
    },
  ];
  return all
    .filter((l) => l.looser)
    .map(({ path, value, standard }) => ({ path, value, standard }));
}

/** The settings of the sample system that meet the levels. */
export interface NonFunctionalSettings {
  /** Hours between scheduled backups, each copied to the other Japanese region. */
  readonly backupIntervalHours: number;
  /** Continuous backup (PITR) through AWS Backup besides the schedule. */
  readonly continuousBackup: boolean;
  /** Database writer and reader in different AZs. */
  readonly multiAz: boolean;
  /** Every scheduled recovery point copied to the other Japanese region. */
  readonly copyToOtherRegion: boolean;
  /** The snapshot-export exit path exists (PORT-1), so data can be handed over (PORT-3). */
  readonly exportPath: boolean;
}

/**
 * Level → setting (水準 → 設定):
 *
 * | Level | Setting |
 * |---|---|
 * | rpoHours ≥ 24 | daily plan (every 24 h) |
 * | 1 ≤ rpoHours < 24 | plan every 12/8/6/4/3/2/1 h, the longest within the RPO |
 * | rpoHours < 1 | hourly plan plus continuous backup (PITR) |
 * | availabilityPercent ≥ 99.5 | Multi-AZ database (writer and reader in two AZs) |
 * | disasterRecovery.remoteCopy | each scheduled recovery point copied to the other region |
 * | dataHandover.safetyConfirmationData | snapshot export path (PORT-1) created |
 */
export function deriveNonFunctionalSettings(n: NonFunctionalLevels): NonFunctionalSettings {
  const derivedInterval = [...BACKUP_INTERVALS_HOURS].reverse().find((h) => h <= n.rpoHours) ?? 1;
  return {
    backupIntervalHours: n.backupIntervalHours ?? derivedInterval,
    continuousBackup: n.continuousBackup ?? n.rpoHours < 1,
    multiAz: n.availabilityPercent >= STANDARD_LEVELS.availabilityPercent,
    copyToOtherRegion: n.disasterRecovery.remoteCopy,
    exportPath: n.dataHandover.safetyConfirmationData,
  };
}

/** Continuous backup restores to any second within its window (AWS Backup: 5-minute RPO). */
export const CONTINUOUS_BACKUP_RPO_HOURS = 5 / 60;

/** Whether a plan every `intervalHours` (plus continuous backup) keeps data loss within the RPO. */
export function meetsRpo(intervalHours: number, continuous: boolean, rpoHours: number): boolean {
  return (continuous ? CONTINUOUS_BACKUP_RPO_HOURS : intervalHours) <= rpoHours;
}

/** What `refineNonFunctionalAgainstRoot` needs from the whole config. */
interface RootView {
  readonly nonFunctional: NonFunctionalLevels;
  readonly system: { readonly backup: { readonly vaultLockMinRetentionDays: number } };
}

/** AWS Backup keeps continuous recovery points for 35 days at most. */
const CONTINUOUS_MAX_DAYS = 35;

/**
 * Checks of the levels against settings of other sections: continuous backup (for an RPO under
 * one hour) cannot go into a vault whose lock refuses recovery points kept under 35 days.
 */
export function refineNonFunctionalAgainstRoot(root: RootView, ctx: z.RefinementCtx): void {
  const settings = deriveNonFunctionalSettings(root.nonFunctional);
  const lock = root.system.backup.vaultLockMinRetentionDays;
  if (settings.continuousBackup && lock > CONTINUOUS_MAX_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['system', 'backup', 'vaultLockMinRetentionDays'],
      input: lock,
      message: `${lock} days refuses continuous backups (kept ${CONTINUOUS_MAX_DAYS} days at most), which nonFunctional.rpoHours ${root.nonFunctional.rpoHours} needs; lower the lock to ${CONTINUOUS_MAX_DAYS} or raise the RPO to 1 hour or more`,
    });
  }
}
