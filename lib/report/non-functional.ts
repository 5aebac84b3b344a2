import {
  deriveNonFunctionalSettings,
  looserLevels,
  STANDARD_LEVELS,
  type NonFunctionalLevels,
} from '../config/sections/non-functional';
import type { RuleResult } from './evidence';

/** One level of the standard with the setting that meets it, its rule and the operator's part. */
export interface NonFunctionalLevelEvidence {
  readonly level: string;
  readonly standard: string;
  readonly configured: string;
  readonly setting: string;
  /** Rule IDs of GovCloudChecks that check the setting; empty when no rule can. */
  readonly rules: readonly string[];
  readonly operator: string;
  /** Japanese edition of `level`, `standard`, `configured`, `setting` and `operator` (report.ja.md). */
  readonly ja: {
    readonly level: string;
    readonly standard: string;
    readonly configured: string;
    readonly setting: string;
    readonly operator: string;
  };
}

/** The non-functional section of the evidence file (AVL-1, AVL-2, PORT-3). */
export interface NonFunctionalEvidence {
  readonly levels: readonly NonFunctionalLevelEvidence[];
  /** The written reason for levels looser than the standard, with the fields it covers. */
  readonly looser?: { readonly fields: readonly string[]; readonly reason: string };
  /** The last restore drill as recorded by the operator (measured RTO). */
  readonly restoreDrill?: NonFunctionalLevels['restoreDrill'];
  /** The RTO the drill is compared with. */
  readonly rtoHours: number;
}

/**
 * The non-functional evidence of a config: each level (水準), the setting the sample derives
 * from it, the rule that checks it and what stays with the operator (e.g. restore drills).
 */
export function nonFunctionalEvidence(n: NonFunctionalLevels): NonFunctionalEvidence {
  const s = deriveNonFunctionalSettings(n);
  const looser = looserLevels(n);
  return {
    rtoHours: n.rtoHours,
    restoreDrill: n.restoreDrill,
    looser:
      looser.length > 0 && n.looserReason
        ? { fields: looser.map((l) => l.path.join('.')), reason: n.looserReason }
        : undefined,
    levels: [
      {
        level: 'Availability (稼働率)',
        standard: `${STANDARD_LEVELS.availabilityPercent}%`,
        configured: `${n.availabilityPercent}%`,
        setting: s.multiAz
          ? 'Aurora writer and reader in two AZs; two tasks across AZs'
          : 'Multi-AZ not required by the level (the sample stays Multi-AZ, BAK-4)',
        rules: ['GCJ-AVL1-DatabaseMultiAz'],
        operator: 'Measure availability in operation and report it against the SLA.',
        ja: {
          level: '稼働率',
          standard: `${STANDARD_LEVELS.availabilityPercent}%`,
          configured: `${n.availabilityPercent}%`,
          setting: s.multiAz
            ? 'Aurora のライターとリーダーを 2 つの AZ に配置、タスク 2 つを AZ に分散'
            : '水準はマルチ AZ を求めない（サンプルはマルチ AZ のまま、BAK-4）',
          operator: '運用で稼働率を計測し、SLA に対して報告する。',
        },
      },
      {
        level: 'RPO (目標復旧地点)',
        standard: `${STANDARD_LEVELS.rpoHours} h (1営業日前)`,
        configured: `${n.rpoHours} h`,
        setting: `AWS Backup every ${s.backupIntervalHours} h${s.continuousBackup ? ' plus continuous backup (35 days)' : ''}`,
        rules: ['GCJ-AVL1-BackupScheduleMeetsRpo'],
        operator: 'Watch that backup jobs succeed (AWS Backup job status).',
        ja: {
          level: 'RPO（目標復旧地点）',
          standard: `${STANDARD_LEVELS.rpoHours} 時間（1営業日前）`,
          configured: `${n.rpoHours} 時間`,
          setting: `AWS Backup を ${s.backupIntervalHours} 時間ごと${s.continuousBackup ? '、加えて継続的バックアップ（35 日）' : ''}`,
          operator: 'バックアップジョブの成功を監視する（AWS Backup のジョブ状態）。',
        },
      },
      {
        level: 'RTO (目標復旧時間)',
        standard: `${STANDARD_LEVELS.rtoHours} h`,
        configured: `${n.rtoHours} h`,
        setting: 'Recovery points in both regions; restore role and vault names as stack outputs',
        rules: [],
        operator:
          'Run the restore drill (docs/restore-drill.md) and record the measured RTO in nonFunctional.restoreDrill.',
        ja: {
          level: 'RTO（目標復旧時間）',
          standard: `${STANDARD_LEVELS.rtoHours} 時間`,
          configured: `${n.rtoHours} 時間`,
          setting: '両リージョンの復旧ポイント、復元ロールとボールト名をスタック出力に記載',
          operator:
            '復元訓練（docs/restore-drill.md）を実施し、実測 RTO を nonFunctional.restoreDrill に記録する。',
        },
      },
      {
        level: 'Large-disaster recovery (大規模災害時)',
        standard: `remote copy, reduced recovery within ${STANDARD_LEVELS.disasterRecoveryWithinDays} days`,
        configured: `${n.disasterRecovery.remoteCopy ? 'remote copy' : 'no remote copy'}, within ${n.disasterRecovery.recoveryWithinDays} days`,
        setting: s.copyToOtherRegion
          ? `Every recovery point copied every ${s.backupIntervalHours} h to a locked vault in the other Japanese region`
          : 'Remote copy not required by the level (the sample still copies, BAK-2)',
        rules: ['GCJ-AVL2-RemoteCopyMeetsRpo', 'GCJ-BAK2-BackupCrossRegionCopy'],
        operator:
          'Keep a reduced-configuration recovery plan for the other region and rehearse it yearly.',
        ja: {
          level: '大規模災害時の復旧',
          standard: `遠隔地へのコピー、${STANDARD_LEVELS.disasterRecoveryWithinDays} 日以内に縮退構成で復旧`,
          configured: `${n.disasterRecovery.remoteCopy ? '遠隔地コピーあり' : '遠隔地コピーなし'}、${n.disasterRecovery.recoveryWithinDays} 日以内`,
          setting: s.copyToOtherRegion
            ? `すべての復旧ポイントを ${s.backupIntervalHours} 時間ごとに国内のもう一方のリージョンのロックされたボールトへコピー`
            : '水準は遠隔地コピーを求めない（サンプルはコピーする、BAK-2）',
          operator: 'もう一方のリージョンでの縮退復旧計画を維持し、年1回訓練する。',
        },
      },
      {
        level: 'Data hand-over (データ引渡し)',
        standard: `${STANDARD_LEVELS.dataHandoverWithinHours} h for safety-confirmation data`,
        configured: n.dataHandover.safetyConfirmationData
          ? `${n.dataHandover.withinHours} h (holds safety-confirmation data)`
          : 'not applicable (no safety-confirmation data)',
        setting: s.exportPath
          ? 'Snapshot export bucket and role (PORT-1) created'
          : 'Export path only when system.exportSnapshots is set',
        rules: [],
        operator:
          'Agree the format and recipient in advance; rehearse an export that finishes within the hand-over time.',
        ja: {
          level: 'データ引渡し',
          standard: `安否確認データは ${STANDARD_LEVELS.dataHandoverWithinHours} 時間以内`,
          configured: n.dataHandover.safetyConfirmationData
            ? `${n.dataHandover.withinHours} 時間（安否確認データを保持）`
            : '対象外（安否確認データなし）',
          setting: s.exportPath
            ? 'スナップショットのエクスポート用バケットとロール（PORT-1）を作成'
            : 'エクスポート経路は system.exportSnapshots を設定した場合のみ',
          operator: '引渡し形式と引渡し先を事前に定め、期限内に終わるエクスポートを訓練する。',
        },
      },
    ],
  };
}

/** Markdown lines of the report's non-functional section. */
export function renderNonFunctional(
  nf: NonFunctionalEvidence,
  results: readonly RuleResult[],
  lang: 'en' | 'ja',
): string[] {
  const t = (en: string, ja: string): string => (lang === 'en' ? en : ja);
  const status = (ids: readonly string[]): string => {
    if (ids.length === 0) return t('no rule (operator)', 'ルールなし（運用者）');
    return ids
      .map((id) => {
        const rs = results.filter((r) => r.ruleId === id);
        const failing = rs.reduce((n, r) => n + r.nonCompliant.length, 0);
        const passing = rs.reduce((n, r) => n + r.compliant, 0);
        const state =
          failing > 0
            ? t(`${failing} failing`, `${failing} 件不適合`)
            : passing > 0
              ? t(`${passing} compliant`, `${passing} 件適合`)
              : t('not applicable', '対象なし');
        return `${id}: ${state}`;
      })
      .join('<br>');
  };
  const out = [
    '',
    `## ${t('Non-functional levels (地方公共団体情報システム非機能要件の標準)', '非機能要件の水準（地方公共団体情報システム非機能要件の標準）')}`,
    '',
    `| ${t('level', '項目')} | ${t('standard', '標準')} | ${t('configured', '設定値')} | ${t('setting that meets it', '満たす設定')} | ${t('rule and result', 'ルールと結果')} | ${t("operator's part", '運用者の担当')} |`,
    '|---|---|---|---|---|---|',
    ...nf.levels.map((l) =>
      lang === 'en'
        ? `| ${l.level} | ${l.standard} | ${l.configured} | ${l.setting} | ${status(l.rules)} | ${l.operator} |`
        : `| ${l.ja.level} | ${l.ja.standard} | ${l.ja.configured} | ${l.ja.setting} | ${status(l.rules)} | ${l.ja.operator} |`,
    ),
    '',
  ];
  out.push(
    nf.looser
      ? t(
          `Looser than the standard: ${nf.looser.fields.join(', ')}. Reason: ${nf.looser.reason}`,
          `標準より緩い水準: ${nf.looser.fields.join(', ')}。理由: ${nf.looser.reason}`,
        )
      : t('Every level meets or exceeds the standard.', 'すべての水準が標準以上。'),
    '',
  );
  const d = nf.restoreDrill;
  out.push(
    d
      ? t(
          `Restore drill ${d.performedOn} by ${d.recordedBy}: measured RTO ${d.measuredRtoHours} h against ${nf.rtoHours} h — ${d.measuredRtoHours <= nf.rtoHours ? 'met' : 'NOT met'} (${d.recoveryPointArn}).`,
          `復元訓練 ${d.performedOn}（${d.recordedBy}）: 実測 RTO ${d.measuredRtoHours} 時間／目標 ${nf.rtoHours} 時間 — ${d.measuredRtoHours <= nf.rtoHours ? '達成' : '未達'}（${d.recoveryPointArn}）。`,
        )
      : t(
          'Restore drill: none recorded yet (operator: docs/restore-drill.md).',
          '復元訓練: 記録なし（運用者: docs/restore-drill.md）。',
        ),
  );
  return out;
}
