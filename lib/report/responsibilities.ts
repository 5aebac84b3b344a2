import type { RequirementId } from '../../domain/requirements';

/**
 * The responsibility split per requirement (EVD-2): what this library's templates do, and
 * what stays with the operator (運用管理補助者 / the municipality) when they state their
 * security measures in the usage application (利用申請; 「地方公共団体情報システムのガバメントクラウドの利用に関する基準」, デジタル庁, 2022,
 * §5.1④).
 */
export interface Responsibility {
  /** What the templates implement. */
  readonly covered: string;
  readonly coveredJa: string;
  /** What the operator must still do or decide. */
  readonly operator: string;
  readonly operatorJa: string;
  /**
   * What the Government Cloud platform (ガバメントクラウド共通基盤, Control Tower) provides in
   * `gcas` platform mode instead of the templates (PLAT-1), where that differs.
   */
  readonly platform?: string;
  readonly platformJa?: string;
}

/** The platform's share per requirement in `gcas` mode (PLAT-1, EVD-2). */
const GCAS_PLATFORM: Partial<Record<RequirementId, { platform: string; platformJa: string }>> = {
  'LOG-1': {
    platform:
      'The organization trail of Control Tower records management events of every region; the baseline creates no trail.',
    platformJa:
      'Control Tower の組織の証跡が全リージョンの管理イベントを記録する。ベースラインは証跡を作成しない。',
  },
  'LOG-2': {
    platform:
      'The platform’s SCPs and Control Tower guardrails protect its trail, recorder and roles; the baseline adds an in-account deny on aws-controltower-* resources for the tenant’s roles.',
    platformJa:
      '共通基盤の SCP と Control Tower のガードレールが証跡・レコーダー・ロールを保護する。ベースラインはテナントのロールに aws-controltower-* リソースへの明示的拒否を追加する。',
  },
  'LOG-3': {
    platform:
      'Integrity and retention of the organization trail’s logs lie with the platform’s log archive account.',
    platformJa: '組織の証跡のログの完全性と保存は共通基盤のログアーカイブアカウントが担う。',
  },
  'DET-1': {
    platform:
      'Control Tower’s Config recorder and delivery channel record the account; the baseline deploys its Config rules on that recorder.',
    platformJa:
      'Control Tower の Config レコーダーと配信チャネルが記録する。ベースラインはそのレコーダー上に Config ルールを配置する。',
  },
  'DET-2': {
    platform:
      'GuardDuty and Security Hub are enabled by the delegated administrator; the baseline creates no detector or hub (Access Analyzer per config).',
    platformJa:
      'GuardDuty と Security Hub は委任管理者が有効化する。ベースラインは検出器・ハブを作成しない（Access Analyzer は設定による）。',
  },
  'DET-3': {
    platform:
      'Findings of the platform’s GuardDuty and Security Hub reach this account’s EventBridge; the baseline’s rules alert the tenant on them.',
    platformJa:
      '共通基盤の GuardDuty・Security Hub の検出結果はこのアカウントの EventBridge に届き、ベースラインのルールがテナントへ通知する。',
  },
  'PLAT-1': {
    platform:
      'Control Tower, the organization trail, Config, GuardDuty, Security Hub and the SCPs of the tenant account.',
    platformJa:
      'テナントアカウントの Control Tower、組織の証跡、Config、GuardDuty、Security Hub および SCP。',
  },
};

/** The split in `standalone` mode; see {@link responsibilityIn} for `gcas`. */
export const RESPONSIBILITIES: Readonly<Record<RequirementId, Responsibility>> = {
  'LOG-1': {
    covered:
      'Multi-region CloudTrail trail with management events (read+write), global service events and log file validation.',
    coveredJa:
      '全リージョン対象の CloudTrail 証跡（管理イベントの読取・書込、グローバルサービスイベント、ログファイル検証）を作成する。',
    operator:
      'Decide whether data events (S3 object / Lambda) are needed for the workload and add them.',
    operatorJa:
      'データイベント（S3 オブジェクト等）の記録要否を業務に応じて判断し、必要なら追加する。',
  },
  'LOG-2': {
    covered:
      'Explicit-deny guard policy on every operator role and SCP documents protecting the trail, Config, GuardDuty, Security Hub, log buckets, keys and log groups.',
    coveredJa:
      '運用ロールへ明示的拒否のガードポリシーを付与し、証跡・Config・GuardDuty・Security Hub・ログバケット・鍵・ロググループを保護する SCP 文書を出力する。',
    operator:
      'Attach the SCP documents in the management account (organization owner), and attach BaselineProtection to any role created outside this library.',
    operatorJa:
      '組織管理者が SCP 文書を管理アカウントで適用する。本ライブラリ外で作成したロールにも BaselineProtection を付与する。',
  },
  'LOG-3': {
    covered:
      'CloudTrail digest files, S3 Object Lock with default retention and versioning on the archive.',
    coveredJa:
      'CloudTrail ダイジェストファイル、アーカイブバケットの S3 オブジェクトロック（既定保持期間）とバージョニング。',
    operator:
      'Run `aws cloudtrail validate-logs` periodically and when the municipality asks for verification.',
    operatorJa:
      '定期的に、また団体から求められたときに `aws cloudtrail validate-logs` で検証する。',
  },
  'LOG-4': {
    covered:
      'VPC Flow Logs (ALL traffic) for every VPC the library creates, to a ≥ 1-year encrypted log group.',
    coveredJa:
      '本ライブラリが作成するすべての VPC で VPC フローログ（全トラフィック）を 1 年以上保持の暗号化ロググループへ出力する。',
    operator:
      'Enable flow logs on VPCs created outside the library (the nag pack flags them) and review them.',
    operatorJa:
      'ライブラリ外で作成した VPC にもフローログを設定し（nag パックが検出）、内容を確認する。',
  },
  'LOG-5': {
    covered:
      'Application, ALB and database logs of the sample system to encrypted destinations kept ≥ 1 year.',
    coveredJa:
      'サンプルシステムのアプリケーション・ALB・DB ログを 1 年以上保持の暗号化された保存先へ出力する。',
    operator: 'Define which application logs the business needs (運用に必要なログ) and emit them.',
    operatorJa: '業務運用に必要なアプリケーションログを定義し、出力する。',
  },
  'LOG-6': {
    covered:
      'A metadata-only read role for central log collection, explicitly denied business data reads.',
    coveredJa: '中央ログ収集用のメタデータ参照ロールを作成し、業務データの読取を明示的に拒否する。',
    operator: 'Register the collector account in config and keep business data out of log buckets.',
    operatorJa: '収集元アカウントを設定ファイルに登録し、業務データをログバケットへ置かない。',
  },
  'RET-1': {
    covered:
      'Every log group ≥ 365 days (default 400), archive Object Lock retention ≥ 365 days, no earlier expiration.',
    coveredJa:
      'すべてのロググループを 365 日以上（既定 400 日）保持し、アーカイブのオブジェクトロック保持期間も 365 日以上、それより早い削除ルールは設けない。',
    operator:
      'Choose a longer retention where the municipality’s document rules (文書管理規程) require it.',
    operatorJa: '団体の文書管理規程等でより長い保存が必要な場合は保持期間を延長する。',
  },
  'RET-2': {
    covered:
      'COMPLIANCE Object Lock by default; guard policy denies retention changes on baseline log groups.',
    coveredJa:
      '既定でコンプライアンスモードのオブジェクトロックを使い、ガードポリシーでロググループの保持期間変更を拒否する。',
    operator: 'Justify and record any GOVERNANCE opt-in (governanceModeReason).',
    operatorJa: 'ガバナンスモードを選ぶ場合は理由（governanceModeReason）を記録し説明する。',
  },
  'RET-3': {
    covered: 'Lifecycle transitions of archived logs to colder storage after a configurable age.',
    coveredJa: '設定した日数の経過後、アーカイブログを低コストのストレージクラスへ移行する。',
    operator: 'Tune the transition age to the expected retrieval pattern and budget.',
    operatorJa: '参照頻度と予算に応じて移行日数を調整する。',
  },
  'KEY-1': {
    covered:
      'Customer-managed KMS keys per purpose with rotation for logs, notifications, data and backups.',
    coveredJa:
      'ログ・通知・データ・バックアップ用に目的別の顧客管理 KMS 鍵（自動ローテーション有効）を作成する。',
    operator: 'Use the data keys for application data stores created outside the library.',
    operatorJa: 'ライブラリ外で作成するデータストアにも顧客管理鍵を使う。',
  },
  'KEY-2': {
    covered:
      '30-day deletion window, RETAIN on stack deletion, guard policy denies disabling or scheduling deletion of baseline keys.',
    coveredJa:
      '削除待機期間 30 日、スタック削除時も保持、ベースライン鍵の無効化・削除予約をガードポリシーで拒否する。',
    operator: 'Review key policies when granting new principals; keep key administrators few.',
    operatorJa: '鍵ポリシーへ主体を追加する際に見直し、鍵管理者を最小限にする。',
  },
  'KEY-3': {
    covered:
      'Bucket and topic policies deny non-TLS requests; ALB listeners TLS 1.2+; database forces TLS.',
    coveredJa:
      'バケット・トピックポリシーで TLS 以外の要求を拒否し、ALB は TLS 1.2 以上、DB は TLS を強制する。',
    operator: 'Use TLS on the closed-network path to premises and on client applications.',
    operatorJa: '庁内との閉域経路およびクライアントアプリケーションでも TLS を使う。',
  },
  'KEY-4': {
    covered:
      'One data key per municipality in the sample, so one tenant can be crypto-erased alone.',
    coveredJa: 'サンプルでは団体ごとにデータ鍵を分け、1 団体だけを暗号消去できるようにする。',
    operator:
      'Follow the documented crypto-erase procedure when a municipality leaves, and keep its evidence.',
    operatorJa: '団体の離脱時は文書化した暗号消去手順に従い、その記録を残す。',
  },
  'REG-1': {
    covered:
      'Config and stacks accept only ap-northeast-1 and ap-northeast-3; anything else fails synth.',
    coveredJa:
      '設定とスタックは ap-northeast-1 / ap-northeast-3 のみを受け付け、それ以外は合成時エラーとする。',
    operator: 'Keep data copies made by hand (exports, tools) in Japan.',
    operatorJa: '手作業でのデータ複製（エクスポート等）も国内に留める。',
  },
  'REG-2': {
    covered:
      'Region guard policy on operator roles and an SCP document denying other regions except global services.',
    coveredJa:
      '運用ロールへのリージョンガードと、グローバルサービスを除き他リージョンを拒否する SCP 文書。',
    operator:
      'Attach the SCP in the organization; review the global-service exemption list when AWS adds services.',
    operatorJa: '組織で SCP を適用し、AWS のサービス追加時にグローバルサービス除外一覧を見直す。',
  },
  'REG-3': {
    covered:
      'Backup copies and replication targets only in ap-northeast-1/3; the nag pack flags other destinations.',
    coveredJa:
      'バックアップコピー・レプリケーション先は ap-northeast-1/3 のみ。その他は nag パックが検出する。',
    operator: 'Keep manual copies and third-party backup tools in Japan.',
    operatorJa: '手動コピーや他社製バックアップツールも国内に限定する。',
  },
  'NET-1': {
    covered:
      'Sample VPC with isolated subnets only: no Internet or NAT gateway, no public IPs; AWS services via endpoints.',
    coveredJa:
      'サンプル VPC は分離サブネットのみ。インターネット/NAT ゲートウェイ・パブリック IP なし、AWS サービスはエンドポイント経由。',
    operator: 'Do not add Internet paths to core-business systems (the nag pack flags them).',
    operatorJa: '基幹業務システムにインターネット経路を追加しない（nag パックが検出）。',
  },
  'NET-2': {
    covered:
      'Optional Transit Gateway (or VGW) attachment with routes to the municipal premises CIDRs.',
    coveredJa:
      '庁内 CIDR への経路を持つ Transit Gateway（または VGW）アタッチメントを任意で作成する。',
    operator:
      'Order the Government Cloud connection service line and share the TGW; configure East/West redundancy.',
    operatorJa: 'ガバメントクラウド接続サービス回線を調達し TGW を共有、東西冗長を構成する。',
  },
  'NET-3': {
    covered: 'No direct egress; a default route, if any, points to the TGW.',
    coveredJa: '直接の外部通信経路を持たず、デフォルトルートを設ける場合は TGW 宛てとする。',
    operator: 'Provide the fold-back path through the municipal network for external services.',
    operatorJa: '外部サービス利用時の庁内ネットワーク折り返し経路を用意する。',
  },
  'NET-4': {
    covered:
      'Security groups and NACLs admit only the municipal premises CIDRs / the tenant itself.',
    coveredJa: 'セキュリティグループと NACL は庁内 CIDR とテナント内部からのみ許可する。',
    operator: 'Keep the premises CIDR list current.',
    operatorJa: '庁内 CIDR の一覧を最新に保つ。',
  },
  'NET-5': {
    covered: 'Optional Route 53 Resolver inbound/outbound endpoints and forwarding rules.',
    coveredJa:
      'Route 53 Resolver のインバウンド/アウトバウンドエンドポイントと転送ルールを任意で作成する。',
    operator: 'Configure the on-premises DNS side to forward to the inbound endpoint.',
    operatorJa: '庁内 DNS 側でインバウンドエンドポイントへの転送を設定する。',
  },
  'NET-6': {
    covered: 'Session Manager over interface endpoints; no SSH/RDP ingress.',
    coveredJa:
      'インターフェイスエンドポイント経由の Session Manager を使い、SSH/RDP の受信を許可しない。',
    operator: 'Grant Session Manager access only to named maintainers and review session logs.',
    operatorJa: 'Session Manager の利用は指名した保守担当者に限り、セッションログを確認する。',
  },
  'IAM-1': {
    covered:
      'Break-glass representative-administrator role with MFA in its trust policy; every use alerts.',
    coveredJa: '管理者・代表者用の緊急ロール（信頼ポリシーで MFA 必須、使用時は必ず通知）。',
    operator: 'Keep the break-glass credentials sealed and record every use.',
    operatorJa: '緊急用認証情報を封印管理し、使用の都度記録する。',
  },
  'IAM-2': {
    covered:
      'General-operator role with broad rights minus account closure, leaving the organization and baseline tampering.',
    coveredJa:
      '管理者・一般作業者ロール（アカウント閉鎖・組織離脱・ベースライン改ざんを除く広い権限）。',
    operator: 'Map named people to the role through IAM Identity Center or SAML.',
    operatorJa: 'IAM Identity Center または SAML で担当者をロールへ割り当てる。',
  },
  'IAM-3': {
    covered:
      'Delegated-administrator role that can create roles only with the sub-delegate permission boundary.',
    coveredJa: '委託先管理者ロール（再委託先用の権限境界を付けたロールのみ作成可能）。',
    operator: 'Decide the delegated scope in the contract with the vendor and set it in config.',
    operatorJa: '委託契約で権限範囲を定め、設定ファイルに反映する。',
  },
  'IAM-4': {
    covered: 'Sub-delegate boundary that is a subset of the delegate’s; escalation is denied.',
    coveredJa: '再委託先の権限境界は委託先の部分集合とし、権限昇格を拒否する。',
    operator: 'Approve sub-delegation in writing before the delegate creates such roles.',
    operatorJa: '委託先が再委託先ロールを作成する前に書面で承認する。',
  },
  'IAM-5': {
    covered: 'Digital Agency management role requiring MFA; use raises an alert.',
    coveredJa: 'デジタル庁管理ロール（MFA 必須、使用時に通知）。',
    operator: 'Hold the MFA device deposited by the Digital Agency (key escrow) as documented.',
    operatorJa: 'デジタル庁から預託された MFA デバイスを文書化した手順で保管する。',
  },
  'IAM-6': {
    covered:
      'Environment limited to production / staging / dr (development only with CI/CD stated in config, GCAS guide §1.1) and tagged on every resource; the nag pack checks the tag.',
    coveredJa:
      '環境は production / staging / dr に限定し（development は設定で CI/CD を明示した場合のみ、GCAS ガイド §1.1）、全リソースにタグ付けする。nag パックがタグを検査する。',
    operator:
      'Keep production and verification in separate accounts; use a development account only for a system with CI/CD, and not for unrelated workloads.',
    operatorJa:
      '本番用と検証用のアカウントを分ける。開発用アカウントは CI/CD を実施するシステムに限り、無関係な用途に使わない。',
  },
  'DET-1': {
    covered:
      'AWS Config recorder (all supported resources, global resources in the home region) and delivery channel.',
    coveredJa:
      'AWS Config レコーダー（全対応リソース、グローバルリソースはホームリージョンのみ）と配信チャネル。',
    operator: 'Review Config rule results and remediate non-compliant resources.',
    operatorJa: 'Config ルールの評価結果を確認し、非準拠リソースを是正する。',
  },
  'DET-2': {
    covered:
      'GuardDuty, Security Hub with explicitly chosen standards, IAM Access Analyzer (skipped with a warning where a region lacks a feature).',
    coveredJa:
      'GuardDuty、明示的に選んだ標準を有効化した Security Hub、IAM Access Analyzer（リージョン未対応の機能は警告付きで省略）。',
    operator:
      'Triage findings and record the vulnerability measures taken, so the Digital Agency can confirm them.',
    operatorJa:
      '検出結果を確認・対応し、脆弱性対策の実施内容をデジタル庁が確認できるよう記録する。',
  },
  'DET-3': {
    covered:
      'EventBridge rules and CloudWatch alarms to an encrypted SNS topic for tampering, root use and high-severity findings.',
    coveredJa:
      '改ざん・ルート利用・重大な検出結果を EventBridge ルールと CloudWatch アラームで暗号化 SNS トピックへ通知する。',
    operator: 'Confirm the e-mail subscriptions and staff a response to alerts.',
    operatorJa: 'メール購読を承認し、通知への対応体制を整える。',
  },
  'DET-4': {
    covered: 'Monthly AWS Budgets with alert thresholds; cost-allocation tags on every resource.',
    coveredJa: '月次の AWS Budgets と通知しきい値、全リソースへのコスト配分タグ。',
    operator:
      'Activate the cost-allocation tags in Billing and compare usage with the budget monthly.',
    operatorJa: '請求コンソールでコスト配分タグを有効化し、毎月予実を確認する。',
  },
  'BAK-1': {
    covered: 'AWS Backup plan for every stateful resource of the sample.',
    coveredJa: 'サンプルのすべてのステートフルリソースを対象とする AWS Backup プラン。',
    operator: 'Test restores regularly and back up data stores added later.',
    operatorJa: '定期的にリストアを試験し、後から追加したデータストアもバックアップ対象にする。',
  },
  'BAK-2': {
    covered: 'Backup copy to a CMK-encrypted vault in the other Japanese region.',
    coveredJa:
      'もう一方の国内リージョンの顧客管理鍵で暗号化したボールトへバックアップをコピーする。',
    operator: 'Deploy the DR stack in Osaka before the first copy.',
    operatorJa: '初回コピーの前に大阪リージョンへ DR スタックをデプロイする。',
  },
  'BAK-3': {
    covered: 'Backup Vault Lock (compliance) with minimum retention; vaults retained.',
    coveredJa: 'Backup Vault Lock（コンプライアンス）と最小保持期間、ボールトの保持。',
    operator: 'Choose the minimum retention knowing it cannot be shortened after the grace period.',
    operatorJa: '猶予期間後は短縮できないことを理解した上で最小保持期間を決める。',
  },
  'BAK-4': {
    covered: 'Multi-AZ database and application tier; DR stack for Osaka.',
    coveredJa: 'DB とアプリケーション層のマルチ AZ 構成、大阪向け DR スタック。',
    operator: 'Write and rehearse the failover procedure for 24/365 systems.',
    operatorJa: '24 時間 365 日稼働システムの切替手順を作成し訓練する。',
  },
  'AVL-1': {
    covered:
      'Levels typed in config (nonFunctional, standard levels by default); backup interval, continuous backup and Multi-AZ derived from them; GCJ-AVL1 rules check plan schedules and Multi-AZ.',
    coveredJa:
      '設定の非機能水準（既定は標準の水準）からバックアップ間隔・継続バックアップ・マルチ AZ を導出し、GCJ-AVL1 ルールで確認する。',
    operator:
      'Measure availability in operation and run restore drills that show the RTO is met; record the measured RTO in the evidence file.',
    operatorJa:
      '運用で稼働率を計測し、復元訓練で RTO を満たすことを示し、実測 RTO をエビデンスに記録する。',
  },
  'AVL-2': {
    covered:
      'Every scheduled recovery point copied to a locked vault in the other Japanese region at the RPO cadence (GCJ-AVL2 rule); restore drill documented.',
    coveredJa:
      'すべての定期復旧ポイントを RPO の間隔でもう一方の国内リージョンのロック済みボールトへコピーする（GCJ-AVL2）。復元訓練手順を文書化。',
    operator:
      'Run the Osaka restore drill (docs/restore-drill.md) at least yearly and keep a reduced-configuration recovery plan within one month.',
    operatorJa:
      '大阪での復元訓練（docs/restore-drill.md）を年1回以上実施し、1か月以内の縮退復旧計画を維持する。',
  },
  'TEN-1': {
    covered:
      'Per-municipality VPC, data key, database and tags in the sample (vpc mode by default).',
    coveredJa: 'サンプルでは団体ごとに VPC・データ鍵・DB・タグを分ける（既定は vpc モード）。',
    operator: 'Keep application-level access control per municipality in the application itself.',
    operatorJa: 'アプリケーション内の団体別アクセス制御を維持する。',
  },
  'TEN-2': {
    covered: 'Application-level separation only behind an explicit flag, flagged by a nag WARNING.',
    coveredJa: 'アプリケーションレベル分離は明示的な設定でのみ有効化し、nag の WARNING で示す。',
    operator:
      'Obtain the Digital Agency’s approval before using a separation other than a dedicated VPC.',
    operatorJa: '専用 VPC 以外の分離方式を使う前にデジタル庁の承認を得る。',
  },
  'TEN-3': {
    covered:
      'MunicipalityCode cost-allocation tag on every tenant resource; optional per-tenant budgets.',
    coveredJa:
      '全テナントリソースへ MunicipalityCode コスト配分タグを付与し、団体別予算を任意で作成する。',
    operator: 'Activate the tag in Billing and apportion shared costs by the agreed rule.',
    operatorJa: '請求コンソールでタグを有効化し、合意した方法で共有費用を按分する。',
  },
  'PORT-1': {
    covered:
      'Optional export construct: DB snapshot export to an encrypted bucket in Japan (Parquet).',
    coveredJa:
      'DB スナップショットを国内の暗号化バケットへ Parquet 形式でエクスポートする任意の構成。',
    operator: 'Agree the exit plan and data format with the municipality at contract time.',
    operatorJa: '契約時に団体と移行計画・データ形式を合意する。',
  },
  'PORT-2': {
    covered:
      'Every template is reproducible from this library and one config file; no console steps.',
    coveredJa:
      'すべてのテンプレートを本ライブラリと設定ファイルから再現でき、コンソール操作を要しない。',
    operator: 'Keep the config files and the library version under version control.',
    operatorJa: '設定ファイルとライブラリのバージョンを構成管理する。',
  },
  'PORT-3': {
    covered:
      'With safetyConfirmationData the snapshot export path (PORT-1) is created, so data can be handed over from the latest daily recovery point.',
    coveredJa: '安否確認情報を持つ場合はスナップショットのエクスポート経路（PORT-1）を作成する。',
    operator:
      'Agree the hand-over format and recipient in advance and rehearse an export that finishes within 72 hours.',
    operatorJa: '引渡し形式と引渡し先を事前に定め、72 時間以内に終わるエクスポートを訓練する。',
  },
  'EVD-1': {
    covered:
      'This report: requirement → control → rule → status for the synthesized app, Markdown and CSV.',
    coveredJa: '本レポート：合成したアプリの要件→統制→ルール→状態の対応表（Markdown・CSV）。',
    operator: 'Attach the report to the usage application and keep it with each release.',
    operatorJa: '本レポートを利用申請に添付し、リリースごとに保管する。',
  },
  'EVD-2': {
    covered: 'This column: what the templates cover and what remains the operator’s.',
    coveredJa: '本欄：テンプレートが担う範囲と運用者に残る責任。',
    operator: 'State the remaining measures as your own in the usage application.',
    operatorJa: '残る対策を自らの責任で定め、利用申請に記載する。',
  },
  'PLAT-1': {
    covered:
      'Platform mode in config: gcas creates none of the platform’s services, adds alerts, Config rules, guards, roles and budgets, and denies tenant roles changes to aws-controltower-* / AWSControlTower* resources; synth states what it creates and expects.',
    coveredJa:
      '設定のプラットフォームモード：gcas では共通基盤のサービスを作成せず、通知・Config ルール・ガード・ロール・予算を追加し、テナントのロールに aws-controltower-* / AWSControlTower* リソースの変更を拒否する。合成時に作成するものと既存を前提とするものを表示する。',
    operator:
      'Run the read-only check list (README "Platform mode") in the target account and choose the mode and overrides from its result.',
    operatorJa:
      '対象アカウントで読取専用の確認手順（README「プラットフォームモード」）を実行し、その結果からモードと個別指定を選ぶ。',
  },
};

/** The responsibility split of one requirement in a platform mode (PLAT-1, EVD-2). */
export function responsibilityIn(id: RequirementId, mode: 'standalone' | 'gcas'): Responsibility {
  const base = RESPONSIBILITIES[id];
  return mode === 'gcas' && GCAS_PLATFORM[id] ? { ...base, ...GCAS_PLATFORM[id] } : base;
}
