// Machine-readable copy of docs/REQUIREMENTS.md (the requirement catalog).
// Every construct, rule and report entry cites one of these IDs; test/requirements.test.ts
// checks that this file and docs/REQUIREMENTS.md agree.

/** Where a requirement is implemented: B baseline, S sample, N nag pack, L library-wide. */
export type RequirementScope = 'B' | 'S' | 'N' | 'L';

export interface Requirement {
  /** Stable ID, e.g. `LOG-2`. */
  readonly id: string;
  /** The requirement as written in the catalog, with the Japanese wording of the source. */
  readonly requirement: string;
  /** Clause(s) of the seed documents the requirement comes from. */
  readonly source: string;
  /** Where it is implemented. */
  readonly where: readonly RequirementScope[];
  /** What the code must do to meet it. */
  readonly expectation: string;
}

export const REQUIREMENTS = [
  {
    id: 'LOG-1',
    requirement:
      'Keep the trail of API/access logs of the cloud service (アクセスログ等の証跡を保存)',
    source: '002 Table 1 ①',
    where: ['B', 'N'],
    expectation:
      'CloudTrail trail, all regions, management events read+write, global service events, log file validation on',
  },
  {
    id: 'LOG-2',
    requirement:
      'Audit-log collection must be protected against deletion (監査ログの収集に関するサービスの削除防止)',
    source: '002 §5.1④, §6.1②',
    where: ['B', 'N'],
    expectation:
      'Explicit-deny guard policy (in-account) and an SCP document (for the management area) covering: stop/delete/update trail, delete/stop Config recorder and delivery channel, delete/disassociate GuardDuty detector, disable Security Hub, delete/alter the log bucket, its policy, Object Lock and lifecycle, schedule deletion or disable of the log keys, delete log groups / change retention',
  },
  {
    id: 'LOG-3',
    requirement: 'Logs are tamper-evident and verifiable by the municipality (検証可能な形で提供)',
    source: '002 §5.4②',
    where: ['B'],
    expectation:
      'CloudTrail digest files (validation) + S3 Object Lock on the archive bucket + versioning',
  },
  {
    id: 'LOG-4',
    requirement: 'Monitor traffic at the Internet / cloud connection point (接続点の通信を監視)',
    source: '002 Table 1 ①, 004 §5',
    where: ['B', 'S', 'N'],
    expectation:
      'VPC Flow Logs (all traffic) for every VPC, delivered to the protected archive or a ≥ 1-year log group',
  },
  {
    id: 'LOG-5',
    requirement: 'Collect the logs needed for operations (運用に必要なログ)',
    source: '000 §3.3 3)(3)',
    where: ['S'],
    expectation:
      'Application / ALB / DB / WAF logs to encrypted log groups or the archive with retention ≥ 1 year',
  },
  {
    id: 'LOG-6',
    requirement:
      'The Digital Agency collects metadata only, never business data (メタデータに限られ)',
    source: '002 §5.1① note 15, §6.1 note 30',
    where: ['B'],
    expectation:
      'The central-management read role may read CloudTrail/Config/Security Hub findings; it is denied s3:GetObject on data buckets, kms:Decrypt on data keys, rds-data, secretsmanager:GetSecretValue, ssm:GetParameter* with decryption',
  },
  {
    id: 'RET-1',
    requirement: 'Keep trails ≥ 1 year (証跡は１年間以上保存することが望ましい)',
    source: '002 Table 1 ①',
    where: ['B', 'S', 'N'],
    expectation:
      'Every log group the library creates: retention ≥ 365 days (never "infinite" by accident, never shorter); archive bucket: Object Lock retention ≥ 365 days and no expiration rule earlier than that; configurable upward only',
  },
  {
    id: 'RET-2',
    requirement: "Retention can't be shortened by an operator",
    source: '002 §5.1④',
    where: ['B'],
    expectation:
      'Object Lock mode COMPLIANCE by default (GOVERNANCE allowed only by explicit opt-in with a warning); guard policy denies logs:PutRetentionPolicy / DeleteRetentionPolicy on baseline log groups',
  },
  {
    id: 'RET-3',
    requirement: 'Cost-aware long retention',
    source: '002 Table 1 ③',
    where: ['B'],
    expectation: 'Lifecycle transitions to colder storage classes after a configurable age',
  },
  {
    id: 'KEY-1',
    requirement: "Encrypt data at rest; keys under the user side's control (利用者側で鍵管理)",
    source: '000 §3.3 2)(3), 002 Table 1 ①',
    where: ['B', 'S', 'N'],
    expectation:
      'Customer-managed KMS keys (not AWS-managed) for logs, data, backups, notifications; one key per purpose; automatic rotation on',
  },
  {
    id: 'KEY-2',
    requirement: 'Protect keys (暗号鍵の保護)',
    source: '002 Table 1 ①',
    where: ['B', 'N'],
    expectation:
      'Key policies: no kms:* to the account root beyond the standard admin delegation; deletion window 30 days; guard policy denies ScheduleKeyDeletion/DisableKey on baseline keys; RemovalPolicy RETAIN',
  },
  {
    id: 'KEY-3',
    requirement: 'Encrypt transport (伝送路は暗号化)',
    source: '000 §3.3 2)(3), 004 §5',
    where: ['B', 'S', 'N'],
    expectation:
      'Bucket policies deny aws:SecureTransport=false; ALB listeners HTTPS/TLS ≥ 1.2; DB requires TLS',
  },
  {
    id: 'KEY-4',
    requirement: 'Each party can irreversibly erase its own data (確実に抹消できること)',
    source: '002 Table 1 ④',
    where: ['S'],
    expectation:
      'Per-municipality data keys so that crypto-erasure of one tenant is possible without touching others; documented procedure',
  },
  {
    id: 'REG-1',
    requirement: 'Data centres in Japan; information assets kept in Japan (日本国内に保管)',
    source: '002 Table 1 ⑤, 000 §3.3 1)(4), 004 §5',
    where: ['L', 'B', 'N'],
    expectation:
      'Stacks may only target ap-northeast-1 (Tokyo) or ap-northeast-3 (Osaka); any other region is a synth-time error with a clear message',
  },
  {
    id: 'REG-2',
    requirement: 'Deny use of other regions (guardrail)',
    source: '002 Table 1 ⑤',
    where: ['B'],
    expectation:
      'Guard policy + SCP document: deny all actions when aws:RequestedRegion is not ap-northeast-1/ap-northeast-3, with an explicit, documented exemption list for global services (IAM, STS, Organizations, CloudFront, Route 53, Support, billing/cost, etc.)',
  },
  {
    id: 'REG-3',
    requirement: 'Failover / backup destinations in Japan (退避先は全て日本国内)',
    source: '002 Table 1 ⑤, 003, 004 §5',
    where: ['S', 'N'],
    expectation:
      'Cross-region replication / backup copy targets only ap-northeast-1/3; nag rule flags any replication or copy destination outside Japan',
  },
  {
    id: 'NET-1',
    requirement:
      'Core business systems are not connected to the Internet (基幹業務システムはインターネット等への接続が一般的に認められていない)',
    source: '002 §4.3 note 12',
    where: ['S', 'N'],
    expectation:
      'No Internet gateway, no NAT gateway, no public IPs, no public subnets in the sample VPC; AWS services through VPC endpoints',
  },
  {
    id: 'NET-2',
    requirement:
      'Connection to municipal premises over the Government Cloud connection service (closed network, not via Internet, East/West redundancy)',
    source: '002 §3.2, §5.1②',
    where: ['S'],
    expectation:
      'Transit Gateway attachment (TGW id is a parameter) with routes to the municipal on-premise CIDRs; optional second attachment for East/West redundancy',
  },
  {
    id: 'NET-3',
    requirement:
      'External services reached by folding back through the municipal network (庁内ネットワークで折り返し)',
    source: '002 §5.1② note 20',
    where: ['S'],
    expectation: 'No direct egress; routes for 0.0.0.0/0, if any, go to the TGW',
  },
  {
    id: 'NET-4',
    requirement: 'Security groups least-privilege',
    source: '000 §3.3 2)',
    where: ['S', 'N'],
    expectation: 'No 0.0.0.0/0 ingress; ingress only from the municipal CIDRs / within the tenant',
  },
  {
    id: 'NET-5',
    requirement: 'Names resolve both ways between premises and the closed network',
    source: 'public practice for Government Cloud municipal systems (hybrid DNS write-ups)',
    where: ['S'],
    expectation:
      'Optional Route 53 Resolver inbound/outbound endpoints with forwarding rules from config',
  },
  {
    id: 'NET-6',
    requirement: 'Maintenance without an Internet path',
    source:
      'public practice (AWS Japan guidance on maintenance paths for municipal Government Cloud systems)',
    where: ['S', 'N'],
    expectation:
      'SSM Session Manager over interface endpoints; no SSH/RDP ingress from anywhere; session logs encrypted and kept ≥ 365 days',
  },
  {
    id: 'IAM-1',
    requirement: 'Representative administrator (管理者・代表者): full permissions, normally unused',
    source: '002 §4.4 Table 5, note 13',
    where: ['B'],
    expectation: 'Break-glass role, MFA required, every use raises an alert',
  },
  {
    id: 'IAM-2',
    requirement:
      'General operator (管理者・一般作業者): everything except deleting the tenant area',
    source: '002 §4.4 Table 5',
    where: ['B'],
    expectation:
      'Role with admin-like rights minus account closure / leaving the organization, and minus tampering with the baseline (LOG-2)',
  },
  {
    id: 'IAM-3',
    requirement:
      'Delegated administrator (委託先管理者 / 担当者): the subset the administrator grants, and may create sub-delegate roles',
    source: '002 §4.4 Tables 4/5',
    where: ['B'],
    expectation:
      'Role with a permission boundary; may create roles only with the same (or narrower) boundary attached',
  },
  {
    id: 'IAM-4',
    requirement: "Sub-delegate (再委託先管理者 / 委託先担当者): a subset of the delegate's",
    source: '002 §4.4 Tables 4/5',
    where: ['B'],
    expectation: "Role whose boundary is a subset of IAM-3's; cannot escalate",
  },
  {
    id: 'IAM-5',
    requirement:
      "Digital Agency's full permission can't be used alone (単独で行使できないよう技術的に制御; MFA key deposited with the operator)",
    source: '002 notes 7, 16',
    where: ['B'],
    expectation: 'Agency role trust requires MFA; documented key-escrow procedure; alert on use',
  },
  {
    id: 'IAM-6',
    requirement:
      'Tenant area used only for production, verification and DR (検証及び本番稼働、災害対策等)',
    source:
      '002 §4.2; GCAS guide 「ガバメントクラウド利用概要(AWS編)」 §1.1 (a development environment only for systems with CI/CD)',
    where: ['L', 'N'],
    expectation:
      'Environment is one of production / staging / dr (development only where the system runs CI/CD, stated in config), tagged on every resource; anything else is a synth-time error',
  },
  {
    id: 'DET-1',
    requirement: 'Record configuration (Config)',
    source: '002 §5.1④, 004 §5',
    where: ['B'],
    expectation:
      "AWS Config recorder (all supported resources, global resources in the home region), delivery to a protected archive (versioned, delete-deny policy, CMK; AWS Config cannot deliver to a bucket with Object Lock default retention) — or, where the platform already records (PLAT-1), the baseline's Config rules on the platform's recorder",
  },
  {
    id: 'DET-2',
    requirement: 'Threat detection and vulnerability visibility (脆弱性対策の実施内容を確認できる)',
    source: '002 Table 1 ①, 004 §5',
    where: ['B'],
    expectation:
      'GuardDuty detector; Security Hub with AWS Foundational Security Best Practices (+ CIS optional); Inspector optional; IAM Access Analyzer',
  },
  {
    id: 'DET-3',
    requirement: 'Continuous monitoring of data send/receive (常時監視) and alerting',
    source: '004 §5',
    where: ['B'],
    expectation:
      'EventBridge rules → encrypted SNS topic for: root sign-in, break-glass use, trail/Config/GuardDuty changes, IAM policy changes, security group / NACL / route changes, high-severity findings',
  },
  {
    id: 'DET-4',
    requirement: 'Monthly usage tracking against budget (予実管理)',
    source: '004 §4, 002 §4.1.4 notes 1-2',
    where: ['B', 'S'],
    expectation:
      'AWS Budgets per account (and per municipality tag in shared use) with alert thresholds; cost-allocation tags on every resource',
  },
  {
    id: 'BAK-1',
    requirement: 'The municipality backs up its own data (バックアップを行う責任)',
    source: '002 §5.1③',
    where: ['S'],
    expectation: 'AWS Backup plan for every stateful resource of the sample',
  },
  {
    id: 'BAK-2',
    requirement: 'Backup across two centres East/West (東西2センター)',
    source: '003 §4 d, 004 §5',
    where: ['S', 'N'],
    expectation:
      'Backup copy from Tokyo to Osaka (or reverse), destination vault encrypted with a CMK in that region',
  },
  {
    id: 'BAK-3',
    requirement: "Backups can't be deleted by an operator",
    source: '000 §3.5 3)(2)',
    where: ['S'],
    expectation: 'Backup Vault Lock (compliance) with min retention; RemovalPolicy RETAIN',
  },
  {
    id: 'BAK-4',
    requirement: 'Redundancy for 24/365 systems (冗長化・フェイルオーバー)',
    source: '000 §3.5 3)(3)',
    where: ['S'],
    expectation: 'Multi-AZ for DB and app tier; DR stack deployable in Osaka',
  },
  {
    id: 'AVL-1',
    requirement:
      'Availability 99.5%, RTO 12 hours, RPO one business day before (稼働率・目標復旧時間・目標復旧地点)',
    source: 'NFR std (非機能要件の標準 第1.2版) A.1.5.1, A.1.3.2, A.1.3.1',
    where: ['S', 'N'],
    expectation:
      'Typed levels in config (nonFunctional); backup interval and Multi-AZ derived from them; a setting that cannot meet its level fails synth; nag rules judge plan schedule and Multi-AZ',
  },
  {
    id: 'AVL-2',
    requirement:
      'After a large disaster, reduced-configuration recovery at a remote site within one month; one remote off-site copy (大規模災害時の縮退復旧・遠隔地保管)',
    source: 'NFR std (非機能要件の標準 第1.2版) A.1.4.1, A.3.2.1',
    where: ['S', 'N'],
    expectation:
      'Every scheduled recovery point copied to the other Japanese region at the RPO cadence; documented, recorded restore drill in Osaka',
  },
  {
    id: 'TEN-1',
    requirement:
      "Each municipality's data is logically separated and inaccessible to others (論理的に分離)",
    source: '002 §4.1.4 note 6, 003 §4 c',
    where: ['S', 'N'],
    expectation:
      'Per-municipality: its own VPC by default (専用仮想ネットワーク空間), its own data key, its own DB (or cluster), its own log prefix, tags `MunicipalityCode`',
  },
  {
    id: 'TEN-2',
    requirement: "Separation other than a dedicated VPC needs the Digital Agency's approval",
    source: '002 §4.1.4 note 6',
    where: ['S', 'N'],
    expectation:
      'A non-VPC isolation mode (application-level separation, which later public guidance recommends for shared use) exists only behind an explicit flag and raises a nag WARNING citing TEN-2',
  },
  {
    id: 'TEN-3',
    requirement: 'Per-municipality cost split (利用料を按分)',
    source: '002 §4.1.4 ② notes 1-2',
    where: ['S'],
    expectation: 'Cost-allocation tag per municipality on every tenant resource; per-tenant budget',
  },
  {
    id: 'PORT-1',
    requirement:
      'Plan data migration from the start; export data in a generic format (汎用性のあるデータ形式)',
    source: '000 §3.3 3)(2), 002 Table 1 ④, 001 §4.5',
    where: ['S'],
    expectation:
      'Documented export path (e.g. DB snapshot export to S3 in Parquet, encrypted, in Japan) as an optional construct',
  },
  {
    id: 'PORT-2',
    requirement: 'Infrastructure as code kept by the tenant (IaC コード管理)',
    source: '002 §5.1①',
    where: ['L'],
    expectation:
      'Every template is reproducible from this library; no console-only steps in the README',
  },
  {
    id: 'PORT-3',
    requirement:
      'Systems holding safety-confirmation data hand the data over within 72 hours (安否確認情報の72時間以内の引渡し)',
    source: 'NFR std (非機能要件の標準 第1.2版), public summaries',
    where: ['S'],
    expectation:
      'With nonFunctional.dataHandover.safetyConfirmationData the snapshot export path (PORT-1) is created; the daily recovery point is within the hand-over window',
  },
  {
    id: 'EVD-1',
    requirement: 'Audits rely on evidence documents and third-party reports, not site visits',
    source: '001 §3.3.4, §4.5.5',
    where: ['L'],
    expectation:
      '`npm run report` (or equivalent) writes a requirement → control → rule → status matrix for the synthesized app (Markdown and CSV), usable as evidence in the usage application (利用申請)',
  },
  {
    id: 'EVD-2',
    requirement:
      'The usage application states the security measures the operator takes (利用申請 … 情報セキュリティ対策を自らの責任において定める)',
    source: '002 §5.1④',
    where: ['L'],
    expectation:
      "The report lists, per requirement, what the baseline covers and what remains the operator's responsibility",
  },
  {
    id: 'PLAT-1',
    requirement:
      'Coexist with what the platform already runs in a tenant account (Control Tower, organization trail, Config recorder, GuardDuty / Security Hub by a delegated administrator, SCPs)',
    source: 'GCAS guide 「ガバメントクラウド利用概要(AWS編)」 §1.1, 「アカウント構成説明(AWS編)」',
    where: ['B', 'L'],
    expectation:
      "A platform mode that creates none of the platform's services, adds the tenant side on top, protects the platform's resources from tenant operators and never blocks the platform's roles; the report states per requirement what the platform provides",
  },
] as const satisfies readonly Requirement[];

/** A requirement ID that exists in the catalog. */
export type RequirementId = (typeof REQUIREMENTS)[number]['id'];

const BY_ID: ReadonlyMap<string, Requirement> = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** Looks a requirement up by ID; throws for an ID that is not in the catalog. */
export function requirement(id: RequirementId): Requirement {
  const found = BY_ID.get(id);
  if (!found) {
    throw new Error(`Unknown requirement ID ${id}: see docs/REQUIREMENTS.md`);
  }
  return found;
}

/** True when `id` names a requirement in the catalog. */
export function isRequirementId(id: string): id is RequirementId {
  return BY_ID.has(id);
}

/**
 * The public government documents the catalog's `source` fields cite by number (docs/
 * REQUIREMENTS.md lists them): title, issuer and year, so evidence names the document itself.
 */
export const SOURCE_DOCUMENTS: Readonly<
  Record<string, { readonly title: string; readonly issuer: string; readonly year: number }>
> = {
  '000': {
    title: '政府情報システムにおけるクラウドサービスの利用に係る基本方針',
    issuer: '各府省情報化統括責任者（CIO）連絡会議',
    year: 2018,
  },
  '001': {
    title: '行政機関におけるパブリック・クラウドの活用に関する調査研究 報告書',
    issuer: '総務省',
    year: 2020,
  },
  '002': {
    title: '地方公共団体情報システムのガバメントクラウドの利用に関する基準',
    issuer: 'デジタル庁',
    year: 2022,
  },
  '003': {
    title: '地方自治体によるガバメントクラウドの活用について（案）',
    issuer: '内閣官房 IT総合戦略室',
    year: 2021,
  },
  '004': {
    title: '第二期政府共通プラットフォームにおけるクラウドサービス契約の取組',
    issuer: '総務省 行政管理局',
    year: 2020,
  },
};

/**
 * A catalog `source` with each document number written out as 「title」(issuer, year), e.g.
 * "002 Table 1 ①" → "「地方公共団体情報システムのガバメントクラウドの利用に関する基準」(デジタル庁, 2022)
 * Table 1 ①". Text that cites no numbered document is returned as it is.
 */
export function citeSource(source: string): string {
  return source.replace(/\b(00\d)(?= |$|,)/g, (n) => {
    const doc = SOURCE_DOCUMENTS[n];
    return doc ? `「${doc.title}」(${doc.issuer}, ${doc.year})` : n;
  });
}
