import { Annotations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { GovCloudErrorProps } from '../../core/errors';
import type {
  AuditLogArchiveAttributes,
  AuditLogArchivePurpose,
  AuditLogDeliveryOptions,
  IAuditLogArchive,
} from '../audit-log-archive';
import { validatePrefix } from './policy';
import { checkDeliveryPurpose } from './settings';

/**
 * An existing archive ({@link AuditLogArchive.fromArchiveAttributes}). Its bucket and key
 * policies belong to the stack that created it, so delivery is only checked and warned about.
 */
export class ImportedAuditLogArchive extends Construct implements IAuditLogArchive {
  public readonly purpose: AuditLogArchivePurpose;
  public readonly bucket: s3.IBucket;
  public readonly key: kms.IKey;

  constructor(scope: Construct, id: string, attrs: AuditLogArchiveAttributes) {
    super(scope, id);
    this.purpose = attrs.purpose ?? 'audit-trail';
    this.bucket = s3.Bucket.fromBucketArn(this, 'Bucket', attrs.bucketArn);
    this.key = kms.Key.fromKeyArn(this, 'Key', attrs.keyArn);
  }

  public allowCloudTrail(_sourceArn: string, options: AuditLogDeliveryOptions = {}): void {
    checkDeliveryPurpose(this, this.purpose, 'allowCloudTrail');
    this.warnImported('CloudTrail', 'LOG-1', options);
  }

  public allowFlowLogs(options: AuditLogDeliveryOptions = {}): void {
    this.warnImported('FlowLogs', 'LOG-4', options);
  }

  public allowConfig(options: AuditLogDeliveryOptions = {}): void {
    checkDeliveryPurpose(this, this.purpose, 'allowConfig');
    this.warnImported('Config', 'DET-1', options);
  }

  private warnImported(
    service: string,
    requirement: GovCloudErrorProps['requirement'],
    options: AuditLogDeliveryOptions,
  ): void {
    validatePrefix(this, 'AuditLogArchive', 'keyPrefix', options.keyPrefix, 'LOG-1');
    Annotations.of(this).addWarningV2(
      `govcloud-jp-cdk:audit:importedArchive:${service}`,
      `The audit log archive is imported, so its bucket and key policies cannot be changed here ` +
        `[${requirement}]: let ${service} of this account write to it in the stack that owns the ` +
        `archive (AuditLogArchive.allow${service}), or delivery will fail.`,
    );
  }
}
