import type { RequirementId } from './requirements';

/** The Japanese edition of one catalog entry, for report.ja.md (EVD-1, EVD-2). */
export interface RequirementTextJa {
  /** The requirement (要件). */
  readonly title: string;
  /** What the code must do to meet it (期待される実装). */
  readonly expectation: string;
}

/**
 * Japanese text of every requirement of the catalog (`domain/requirements.ts`), so that the
 * Japanese report carries no English requirement or expectation sentence. Service names, API
 * actions and region codes stay as AWS writes them.
 */
export const REQUIREMENT_TEXT_JA: Readonly<Record<RequirementId, RequirementTextJa>> = {
  'LOG-1': {
    title: 'クラウドサービスのアクセスログ等の証跡を保存する',
    expectation:
      'CloudTrail 証跡：全リージョン、管理イベントの読取・書込、グローバルサービスイベント、ログファイル検証を有効にする',
  },
  'LOG-2': {
    title: '監査ログの収集に関するサービスの削除を防止する',
    expectation:
      'アカウント内の明示的拒否のガードポリシーと管理領域向けの SCP 文書で、証跡の停止・削除・変更、Config レコーダーと配信チャネルの削除・停止、GuardDuty ディテクターの削除・関連解除、Security Hub の無効化、ログバケットとそのポリシー・オブジェクトロック・ライフサイクルの削除・変更、ログ用の鍵の削除予約・無効化、ロググループの削除・保持期間の変更を拒否する',
  },
  'LOG-3': {
    title: 'ログは改ざんを検知でき、地方公共団体が検証可能な形で提供する',
    expectation:
      'CloudTrail のダイジェストファイル（ログファイル検証）、保管バケットの S3 オブジェクトロックとバージョニング',
  },
  'LOG-4': {
    title: 'インターネットやクラウドとの接続点の通信を監視する',
    expectation:
      'すべての VPC で VPC フローログ（全トラフィック）を記録し、保護された保管バケットか保持 1 年以上のロググループへ送る',
  },
  'LOG-5': {
    title: '運用に必要なログを収集する',
    expectation:
      'アプリケーション・ALB・データベース・WAF のログを、暗号化されたロググループか保管バケットに 1 年以上保持する',
  },
  'LOG-6': {
    title: 'デジタル庁が収集するのはメタデータに限られ、業務データは収集しない',
    expectation:
      '統合管理用の読取ロールは CloudTrail・Config・Security Hub の検出結果を読めるが、データバケットの s3:GetObject、データ鍵の kms:Decrypt、rds-data、secretsmanager:GetSecretValue、復号付きの ssm:GetParameter* は拒否される',
  },
  'RET-1': {
    title: '証跡は 1 年間以上保存する',
    expectation:
      'ライブラリが作成するロググループはすべて保持 365 日以上（誤って無期限にも短くもしない）。保管バケットはオブジェクトロックの保持 365 日以上で、それより早い失効ルールを持たない。設定は延長方向のみ',
  },
  'RET-2': {
    title: '作業者が保持期間を短縮できない',
    expectation:
      'オブジェクトロックは既定で COMPLIANCE モード（GOVERNANCE は明示的に選んだ場合のみ、警告付き）。ガードポリシーがベースラインのロググループへの logs:PutRetentionPolicy・DeleteRetentionPolicy を拒否する',
  },
  'RET-3': {
    title: '費用を抑えた長期保存',
    expectation: '設定した経過日数の後、より低温のストレージクラスへライフサイクルで移行する',
  },
  'KEY-1': {
    title: '保存データを暗号化し、鍵は利用者側で管理する',
    expectation:
      'ログ・データ・バックアップ・通知に AWS 管理キーではなく顧客管理の KMS キーを使う。用途ごとに 1 つの鍵、自動ローテーションを有効にする',
  },
  'KEY-2': {
    title: '暗号鍵を保護する',
    expectation:
      'キーポリシーは標準の管理委任を超えてアカウントルートに kms:* を与えない。削除待機期間 30 日。ガードポリシーがベースラインの鍵の ScheduleKeyDeletion・DisableKey を拒否する。RemovalPolicy は RETAIN',
  },
  'KEY-3': {
    title: '伝送路を暗号化する',
    expectation:
      'バケットポリシーで aws:SecureTransport=false を拒否し、ALB のリスナーは HTTPS・TLS 1.2 以上、データベースは TLS 接続を必須にする',
  },
  'KEY-4': {
    title: '各当事者が自らのデータを確実に抹消できる',
    expectation:
      '自治体ごとのデータ鍵により、他の団体に触れずに一団体だけを暗号学的に消去（クリプトイレース）でき、その手順を文書化する',
  },
  'REG-1': {
    title: 'データセンターは日本国内にあり、情報資産を日本国内に保管する',
    expectation:
      'スタックの対象は ap-northeast-1（東京）か ap-northeast-3（大阪）に限る。それ以外のリージョンは合成時に明確なメッセージのエラーとする',
  },
  'REG-2': {
    title: '他のリージョンの利用を拒否する（ガードレール）',
    expectation:
      'ガードポリシーと SCP 文書で、aws:RequestedRegion が ap-northeast-1・ap-northeast-3 以外の操作をすべて拒否する。グローバルサービス（IAM、STS、Organizations、CloudFront、Route 53、サポート、請求・コスト等）の除外は明示し、文書化する',
  },
  'REG-3': {
    title: 'フェイルオーバー・バックアップの退避先は全て日本国内とする',
    expectation:
      'リージョン間レプリケーションとバックアップコピーの宛先は ap-northeast-1・ap-northeast-3 のみ。国外の宛先は nag ルールが指摘する',
  },
  'NET-1': {
    title: '基幹業務システムはインターネット等への接続が一般的に認められていない',
    expectation:
      'サンプルの VPC にインターネットゲートウェイ、NAT ゲートウェイ、パブリック IP、パブリックサブネットを置かず、AWS サービスには VPC エンドポイントで接続する',
  },
  'NET-2': {
    title:
      'ガバメントクラウド接続サービスで庁内と接続する（閉域網、インターネットを経由しない、東西の冗長化）',
    expectation:
      'Transit Gateway アタッチメント（TGW の ID はパラメータ）と庁内 CIDR への経路。東西の冗長化のための 2 つ目のアタッチメントは任意',
  },
  'NET-3': {
    title: '外部サービスへは庁内ネットワークで折り返して接続する',
    expectation: '直接の外向き通信を持たない。0.0.0.0/0 の経路を置く場合は TGW へ向ける',
  },
  'NET-4': {
    title: 'セキュリティグループは最小権限とする',
    expectation: '0.0.0.0/0 からの受信を許可しない。受信は庁内 CIDR とテナント内からに限る',
  },
  'NET-5': {
    title: '庁内と閉域ネットワークの間で名前解決を双方向に行える',
    expectation:
      '任意で Route 53 Resolver のインバウンド・アウトバウンドエンドポイントと、設定に基づく転送ルールを作成する',
  },
  'NET-6': {
    title: 'インターネット経路なしで保守する',
    expectation:
      'インターフェースエンドポイント経由の SSM Session Manager を使い、SSH・RDP の受信はどこからも許可しない。セッションログは暗号化し 365 日以上保持する',
  },
  'IAM-1': {
    title: '管理者・代表者：全権限を持つが、通常は使用しない',
    expectation: '緊急用（ブレークグラス）ロール。MFA 必須で、使用のたびにアラートを上げる',
  },
  'IAM-2': {
    title: '管理者・一般作業者：個別領域の削除以外のすべて',
    expectation:
      '管理者相当の権限から、アカウントの閉鎖・組織からの離脱とベースラインの改変（LOG-2）を除いたロール',
  },
  'IAM-3': {
    title: '委託先管理者：管理者が許可した範囲に限り、再委託先のロールを作成できる',
    expectation:
      '権限境界付きのロール。ロールの作成は同じ（またはより狭い）権限境界を付けた場合に限る',
  },
  'IAM-4': {
    title: '再委託先管理者：委託先管理者の権限の一部',
    expectation: '権限境界が IAM-3 の部分集合であるロール。権限を昇格できない',
  },
  'IAM-5': {
    title: 'デジタル庁の全権限は単独で行使できないよう技術的に制御する（MFA キーは運用者に寄託）',
    expectation:
      'デジタル庁ロールの信頼関係に MFA を必須とし、キー寄託の手順を文書化し、使用時にアラートを上げる',
  },
  'IAM-6': {
    title: '個別領域は検証及び本番稼働、災害対策等にのみ使用する',
    expectation:
      '環境は production・staging・dr のいずれか（development は CI/CD を行うシステムで設定に明記した場合のみ）で、全リソースにタグ付けする。それ以外は合成時のエラーとする',
  },
  'DET-1': {
    title: '構成を記録する（Config）',
    expectation:
      'AWS Config レコーダー（対応する全リソース、ホームリージョンではグローバルリソースも）を、保護された保管バケット（バージョニング、削除拒否ポリシー、顧客管理キー。AWS Config はオブジェクトロックの既定保持を持つバケットへ配信できない）へ配信する。基盤側がすでに記録している場合（PLAT-1）は、基盤のレコーダー上でベースラインの Config ルールを使う',
  },
  'DET-2': {
    title: '脅威を検知し、脆弱性対策の実施内容を確認できる',
    expectation:
      'GuardDuty ディテクター、AWS Foundational Security Best Practices を有効にした Security Hub（CIS は任意）、Inspector（任意）、IAM Access Analyzer',
  },
  'DET-3': {
    title: 'データの送受信を常時監視し、通知する',
    expectation:
      'EventBridge ルールから暗号化 SNS トピックへ通知する対象：ルートのサインイン、ブレークグラスの使用、証跡・Config・GuardDuty の変更、IAM ポリシーの変更、セキュリティグループ・ネットワーク ACL・ルートの変更、重要度の高い検出結果',
  },
  'DET-4': {
    title: '月次の利用額を予算に対して管理する（予実管理）',
    expectation:
      'アカウントごと（共同利用では自治体タグごとにも）の AWS Budgets とアラートのしきい値。全リソースにコスト配分タグを付ける',
  },
  'BAK-1': {
    title: '地方公共団体が自らのデータのバックアップを行う責任を負う',
    expectation: 'サンプルのすべてのステートフルなリソースに AWS Backup のプランを適用する',
  },
  'BAK-2': {
    title: '東西 2 センターでバックアップする',
    expectation:
      '東京から大阪（または逆）へバックアップをコピーし、宛先のボールトはそのリージョンの顧客管理キーで暗号化する',
  },
  'BAK-3': {
    title: '作業者がバックアップを削除できない',
    expectation: 'Backup Vault Lock（コンプライアンス）と最小保持期間。RemovalPolicy は RETAIN',
  },
  'BAK-4': {
    title: '24 時間 365 日稼働のシステムを冗長化し、フェイルオーバーできる',
    expectation: 'データベースとアプリケーション層をマルチ AZ にし、DR スタックを大阪に展開できる',
  },
  'AVL-1': {
    title: '稼働率 99.5%、目標復旧時間 12 時間、目標復旧地点 1 営業日前',
    expectation:
      '設定（nonFunctional）に型付きの水準を持ち、バックアップ間隔とマルチ AZ をそこから導く。水準を満たせない設定は合成を止め、nag ルールがプランのスケジュールとマルチ AZ を判定する',
  },
  'AVL-2': {
    title: '大規模災害時は 1 か月以内に遠隔地で縮退復旧し、遠隔地に 1 つの複製を保管する',
    expectation:
      '予定された復旧ポイントをすべて RPO の間隔でもう一方の国内リージョンへコピーする。大阪での復元訓練を文書化し、結果を記録する',
  },
  'TEN-1': {
    title: '各団体のデータは論理的に分離され、他の団体からアクセスできない',
    expectation:
      '自治体ごとに、既定で専用の VPC（専用仮想ネットワーク空間）、専用のデータ鍵、専用のデータベース（またはクラスター）、専用のログのプレフィックス、`MunicipalityCode` タグを持つ',
  },
  'TEN-2': {
    title: '専用 VPC 以外の分離方式にはデジタル庁の承認が必要',
    expectation:
      'VPC 以外の分離方式（アプリケーションによる分離。共同利用では後の公開ガイダンスが推奨）は明示的なフラグの背後にのみあり、TEN-2 を引用する nag の警告を上げる',
  },
  'TEN-3': {
    title: '利用料を団体ごとに按分する',
    expectation: 'テナントの全リソースに自治体ごとのコスト配分タグを付け、テナントごとの予算を作る',
  },
  'PORT-1': {
    title: '当初からデータ移行を計画し、汎用性のあるデータ形式でデータを出力できる',
    expectation:
      '出力経路（例：データベースのスナップショットを国内の S3 へ暗号化した Parquet 形式でエクスポート）を任意のコンストラクトとして文書化する',
  },
  'PORT-2': {
    title: '基盤のコード（IaC）を利用者が管理する',
    expectation:
      'すべてのテンプレートがこのライブラリから再現でき、README にコンソールだけの手順がない',
  },
  'PORT-3': {
    title: '安否確認情報を持つシステムは 72 時間以内にデータを引き渡す',
    expectation:
      'nonFunctional.dataHandover.safetyConfirmationData を設定するとスナップショットの出力経路（PORT-1）を作成し、日次の復旧ポイントが引渡しの期限内に収まる',
  },
  'EVD-1': {
    title: '監査は実地ではなく証跡文書と第三者の報告書に基づく',
    expectation:
      '`npm run report`（または同等の関数）が合成済みアプリについて、要件 → 実装 → ルール → 状態の対応表（Markdown と CSV）を書き出し、利用申請の証跡として使える',
  },
  'EVD-2': {
    title: '利用申請では、運用者が自らの責任において定める情報セキュリティ対策を記載する',
    expectation: 'レポートは要件ごとに、ベースラインが担う範囲と運用者に残る責任を示す',
  },
  'PLAT-1': {
    title:
      'テナントアカウントで基盤がすでに運用しているもの（Control Tower、組織の証跡、Config レコーダー、委任管理者による GuardDuty・Security Hub、SCP）と共存する',
    expectation:
      '基盤のサービスを作成しない基盤モードで、テナント側だけを上に追加し、基盤のリソースをテナントの作業者から保護し、基盤のロールは妨げない。レポートは要件ごとに基盤が提供するものを示す',
  },
};
