/** A Control Tower proactive-control finding the project accepts, with its reason. */
export interface ControlTowerAcknowledgement {
  /** Control ID, e.g. `CT.S3.PR.10`. */
  readonly control: string;
  /** Logical IDs of the resources it covers. */
  readonly logicalId: RegExp;
  readonly reason: string;
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
    deferred: false,
  },
  {
    control: 'CT.S3.PR.2',
    logicalId: /AccessLogsBucket|OperationsLogsBucket/,
    reason:
      'This bucket is the access-log target itself; logging it into itself would loop, and a second log bucket would only move the finding.',
    deferred: false,
  },
  {
    control: 'CT.S3.PR.4',
    logicalId: /Bucket/,
    reason:
      'Nothing consumes S3 event notifications, and turning them on is not neutral: EventBridge delivery (possible without a Lambda, NotificationConfiguration.EventBridgeConfiguration) would publish every object key of the municipal data buckets to the account default event bus, from where any operator allowed events:PutRule can forward them to another account. Object-level calls on the audit, Config, exit and exchange buckets are recorded by CloudTrail instead, and changes to them are alarmed through SecurityAlerts (DET-3).',
    deferred: false,
  },
  {
    control: 'CT.S3.PR.9',
    logicalId:
      /AccessLogsBucket|OperationsLogsBucket|ConfigArchiveBucket|ExitBucket|DataExchangeBucket/,
    reason:
      'Object Lock is on where RET-2 requires it (the CloudTrail audit archive). Config archive: protected by versioning and the delete-deny guard (DET-1, LOG-2); exit and exchange buckets must allow crypto-erasure and deletion (KEY-4, PORT-1); log-delivery buckets are SSE-S3 targets. Deferred: decide Object Lock for the Config archive.',
    deferred: true,
  },
  {
    control: 'CT.SQS.PR.1',
    logicalId: /DeadLetterQueue/,
    reason:
      'This queue is itself the dead-letter queue of the alert deliveries; it is alarmed on its first message (DET-3).',
    deferred: false,
  },
  {
    control: 'CT.IAM.PR.3',
    logicalId: /Boundary/,
    reason:
      'Permission boundaries of the delegate roles (IAM-3, IAM-4): a boundary caps rights, it grants none, and its explicit denies carry the guard; service wildcards are how a boundary allows what a delegate may be given.',
    deferred: false,
  },
  {
    control: 'CT.IAM.PR.2',
    logicalId: /^BaselineProtectionBoundary/,
    reason:
      'The baseline permission boundary (LOG-2, IAM-3): a boundary grants nothing by itself, its Allow * only lets the role policy decide, and its explicit denies (the guard and the Region guard) are what every role created in the account must carry.',
    deferred: false,
  },
  {
    control: 'CT.RDS.PR.2',
    logicalId: /DataCluster(reader|writer)/,
    reason:
      'Enhanced Monitoring is ready but off (DataTier monitoringIntervalSeconds, default 0): each baseline stack pre-creates the account-wide RDSOSMetrics group encrypted and kept for the configured retention, as the RDS User Guide allows, but as a baseline resource it is under the guard, whose tag-scoped deny also refuses logs:CreateLogStream to the monitoring role when that role carries the baseline boundary (hardened bootstrap); untagging the group would let guarded principals delete it or shorten its retention (test/simulation/synthesized-app.test.ts). Deferred: a guard exemption for writes into RDSOSMetrics only.',
    deferred: true,
  },
  {
    control: 'CT.GUARDDUTY.PR.1',
    logicalId: /Detector/,
    reason:
      'S3 protection is on, as the detector feature S3_DATA_EVENTS = ENABLED (ThreatDetection; test/constructs/detection/threat-detection.test.ts "GuardDuty detector publishes every 15 minutes and states every protection plan"). The control reads only the legacy DataSources.S3Logs, and CloudFormation refuses a detector with both DataSources and Features (AWS::GuardDuty::Detector, AWS CloudFormation User Guide); Features is what also carries the RDS, EKS, Lambda and Runtime Monitoring plans.',
    deferred: false,
  },
];
