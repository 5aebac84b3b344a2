/** A Control Tower proactive-control finding the project accepts, with its reason. */
export interface ControlTowerAcknowledgement {
  /** Control ID, e.g. `CT.S3.PR.10`. */
  readonly control: string;
  /** Logical IDs of the resources it covers. */
  readonly logicalId: RegExp;
  readonly reason: string;
  /** The same reason in Japanese, for report.ja.md (EVD-1). */
  readonly reasonJa: string;
  /** True when the finding is meant to be fixed later, false when it is accepted for good. */
  readonly deferred: boolean;
}

/** Every finding `npm run validate` accepts (EVD-1: listed in the compliance evidence). */
export const CONTROL_TOWER_ACKNOWLEDGEMENTS: readonly ControlTowerAcknowledgement[] = [
  {
    control: 'CT.S3.PR.10',
    logicalId: /AccessLogsBucket|OperationsLogsBucket/,
    reason:
      'Log-delivery bucket: S3 server access logging and ALB access logs are delivered only to SSE-S3 buckets (GCJ-KEY1-LogDeliveryBucketSseS3).',
    reasonJa:
      'ログ配信先バケット：S3 サーバーアクセスログと ALB アクセスログは SSE-S3 のバケットにしか配信されない（GCJ-KEY1-LogDeliveryBucketSseS3）。',
    deferred: false,
  },
  {
    control: 'CT.S3.PR.2',
    logicalId: /AccessLogsBucket|OperationsLogsBucket/,
    reason:
      'This bucket is the access-log target itself; logging it into itself would loop, and a second log bucket would only move the finding.',
    reasonJa:
      'このバケット自体がアクセスログの保存先であり、自身に記録するとループし、別のログバケットを設けても指摘が移るだけである。',
    deferred: false,
  },
  {
    control: 'CT.S3.PR.4',
    logicalId: /Bucket/,
    reason:
      'Nothing consumes S3 event notifications, and turning them on is not neutral: EventBridge delivery (possible without a Lambda, NotificationConfiguration.EventBridgeConfiguration) would publish every object key of the municipal data buckets to the account default event bus, from where any operator allowed events:PutRule can forward them to another account. Object-level calls on the audit, Config, exit and exchange buckets are recorded by CloudTrail instead, and changes to them are alarmed through SecurityAlerts (DET-3).',
    reasonJa:
      'S3 イベント通知を利用するものはなく、有効化は中立ではない：EventBridge への配信（Lambda なしで可能、NotificationConfiguration.EventBridgeConfiguration）は団体のデータバケットのすべてのオブジェクトキーをアカウントの既定イベントバスに公開し、events:PutRule を許された作業者なら誰でも別アカウントへ転送できる。監査・Config・退出・交換用バケットのオブジェクト操作は CloudTrail が記録し、変更は SecurityAlerts で通知する（DET-3）。',
    deferred: false,
  },
  {
    control: 'CT.S3.PR.9',
    logicalId:
      /AccessLogsBucket|OperationsLogsBucket|ConfigArchiveBucket|ExitBucket|DataExchangeBucket/,
    reason:
      'Object Lock is on where RET-2 requires it (the CloudTrail audit archive). Config archive: protected by versioning and the delete-deny guard (DET-1, LOG-2); exit and exchange buckets must allow crypto-erasure and deletion (KEY-4, PORT-1); log-delivery buckets are SSE-S3 targets. Deferred: decide Object Lock for the Config archive.',
    reasonJa:
      'オブジェクトロックは RET-2 が求める箇所（CloudTrail の監査アーカイブ）で有効。Config アーカイブはバージョニングと削除拒否のガードで保護（DET-1、LOG-2）、退出・交換用バケットは暗号化消去と削除を可能にする必要があり（KEY-4、PORT-1）、ログ配信先バケットは SSE-S3 の配信先である。対応予定：Config アーカイブのオブジェクトロックを決定する。',
    deferred: true,
  },
  {
    control: 'CT.SQS.PR.1',
    logicalId: /DeadLetterQueue/,
    reason:
      'This queue is itself the dead-letter queue of the alert deliveries; it is alarmed on its first message (DET-3).',
    reasonJa:
      'このキュー自体が通知配信のデッドレターキューであり、最初のメッセージで通知される（DET-3）。',
    deferred: false,
  },
  {
    control: 'CT.IAM.PR.3',
    logicalId: /Boundary/,
    reason:
      'Permission boundaries of the delegate roles (IAM-3, IAM-4): a boundary caps rights, it grants none, and its explicit denies carry the guard; service wildcards are how a boundary allows what a delegate may be given.',
    reasonJa:
      '委託先ロールの権限境界（IAM-3、IAM-4）：境界は権限の上限であって何も付与せず、明示的な拒否がガードを担う。サービス単位のワイルドカードは、委託先に与え得る範囲を境界が許可する方法である。',
    deferred: false,
  },
  {
    control: 'CT.IAM.PR.2',
    logicalId: /^BaselineProtectionBoundary/,
    reason:
      'The baseline permission boundary (LOG-2, IAM-3): a boundary grants nothing by itself, its Allow * only lets the role policy decide, and its explicit denies (the guard and the Region guard) are what every role created in the account must carry.',
    reasonJa:
      'ベースライン権限境界（LOG-2、IAM-3）：境界はそれ自体では何も付与せず、Allow * はロールのポリシーに判断を委ねるだけであり、明示的な拒否（ガードとリージョンガード）がアカウントで作成されるすべてのロールに課すべきものである。',
    deferred: false,
  },
  {
    control: 'CT.RDS.PR.2',
    logicalId: /DataCluster(reader|writer)/,
    reason:
      'Enhanced Monitoring is ready but off (DataTier monitoringIntervalSeconds, default 0): each baseline stack pre-creates the account-wide RDSOSMetrics group encrypted and kept for the configured retention, as the RDS User Guide allows, but as a baseline resource it is under the guard, whose tag-scoped deny also refuses logs:CreateLogStream to the monitoring role when that role carries the baseline boundary (hardened bootstrap); untagging the group would let guarded principals delete it or shorten its retention (test/simulation/synthesized-app.test.ts). Deferred: a guard exemption for writes into RDSOSMetrics only.',
    reasonJa:
      '拡張モニタリングは準備済みだが無効（DataTier の monitoringIntervalSeconds、既定 0）：各ベースラインスタックがアカウント共通の RDSOSMetrics ロググループを暗号化し設定した保存期間で事前作成する（RDS ユーザーガイドが認める方法）が、ベースライン資源としてガードの対象であり、タグによる拒否はモニタリングロールがベースライン権限境界を持つ場合（強化ブートストラップ）に logs:CreateLogStream も拒否する。タグを外すとガード対象のプリンシパルが削除や保存期間の短縮をできてしまう（test/simulation/synthesized-app.test.ts）。対応予定：RDSOSMetrics への書き込みだけを許すガードの例外。',
    deferred: true,
  },
  {
    control: 'CT.GUARDDUTY.PR.1',
    logicalId: /Detector/,
    reason:
      'S3 protection is on, as the detector feature S3_DATA_EVENTS = ENABLED (ThreatDetection; test/constructs/detection/threat-detection.test.ts "GuardDuty detector publishes every 15 minutes and states every protection plan"). The control reads only the legacy DataSources.S3Logs, and CloudFormation refuses a detector with both DataSources and Features (AWS::GuardDuty::Detector, AWS CloudFormation User Guide); Features is what also carries the RDS, EKS, Lambda and Runtime Monitoring plans.',
    reasonJa:
      'S3 保護は検出器の機能 S3_DATA_EVENTS = ENABLED として有効（ThreatDetection、test/constructs/detection/threat-detection.test.ts「GuardDuty detector publishes every 15 minutes and states every protection plan」）。このコントロールは旧形式の DataSources.S3Logs しか読まず、CloudFormation は DataSources と Features を併用する検出器を拒否する（AWS::GuardDuty::Detector、AWS CloudFormation ユーザーガイド）。RDS・EKS・Lambda・ランタイムモニタリングの保護プランも Features で指定する。',
    deferred: false,
  },
];
