import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { AuditLogArchive, ConfigRecorder, ProtectedAuditTrail } from '../../../constructs/audit';
import { newStack } from './support';

/** Everything this folder offers, wired as the baseline stack would for its home region. */
function auditStack(): Stack {
  const stack = newStack('AuditComposition');
  const archive = new AuditLogArchive(stack, 'Archive');
  archive.allowFlowLogs({ keyPrefix: 'vpc-flow-logs' });
  new ProtectedAuditTrail(stack, 'AuditTrail', { archive });
  const configArchive = new AuditLogArchive(stack, 'ConfigArchive', {
    purpose: 'config-history',
    accessLogsBucket: archive.accessLogsBucket,
  });
  new ConfigRecorder(stack, 'Config', {
    archive: configArchive,
    recordGlobalResources: true,
    createServiceLinkedRole: true,
  });
  return stack;
}

function errorFindings(stack: Stack) {
  // Synthesize first, so that everything added at synthesis time is in the tree.
  Template.fromStack(stack);
  return new AwsSolutionsChecks()
    .validateScope(stack)
    .violations.filter((v) => v.severity === 'error' || v.severity === 'fatal');
}

function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          // aws-cdk-lib stores ids as `Annotation::<id>`; cdk-nag strips the prefix the same way.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('audit constructs together', () => {
  test('cdk-nag AwsSolutions finds no unacknowledged error', () => {
    expect(errorFindings(auditStack())).toEqual([]);
  });

  test('the nag check is not vacuous: an unprotected bucket in the same stack is reported', () => {
    const stack = auditStack();
    new s3.Bucket(stack, 'Unprotected');
    const rules = errorFindings(stack).map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  test('acknowledgements are only the known, reasoned exceptions', () => {
    const acks = acknowledgements(auditStack());
    expect(acks.map(({ path, id }) => ({ path, id }))).toEqual([
      { path: 'AuditComposition/Archive/AccessLogsBucket', id: 'AwsSolutions-S1' },
      {
        path: 'AuditComposition/Archive/AccessLogsBucket',
        id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
      },
      {
        path: 'AuditComposition/Archive/AccessLogsBucket',
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      },
      { path: 'AuditComposition/Archive/Bucket', id: 'NIST.800.53.R5-S3BucketReplicationEnabled' },
      {
        path: 'AuditComposition/ConfigArchive/Bucket',
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
      },
    ]);
    for (const ack of acks) {
      expect(ack.reason.length).toBeGreaterThan(60);
    }
  });

  test('no Lambda function, custom resource or asset: deployable with StackSets', () => {
    const stack = auditStack();
    const template = Template.fromStack(stack);
    const types = Object.values(
      template.toJSON().Resources as Record<string, { Type: string }>,
    ).map((r) => r.Type);
    expect(types).not.toContain('AWS::Lambda::Function');
    expect(
      types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource'),
    ).toEqual([]);
    const assembly = (stack.node.root as App).synth();
    expect(assembly.getStackArtifact(stack.artifactId).assets).toEqual([]);
  });

  test('every bucket, bucket policy, key and log group is retained', () => {
    const template = Template.fromStack(auditStack());
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
      'AWS::KMS::Key',
      'AWS::Logs::LogGroup',
    ]) {
      const resources = template.findResources(type);
      expect(Object.keys(resources).length).toBeGreaterThan(0);
      for (const [id, resource] of Object.entries(resources)) {
        expect({ id, policy: resource.DeletionPolicy }).toEqual({ id, policy: 'Retain' });
      }
    }
  });

  test('every key rotates and has the 30-day deletion window', () => {
    const keys = Template.fromStack(auditStack()).findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(2);
    for (const key of Object.values(keys)) {
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true, PendingWindowInDays: 30 });
    }
  });

  test('every log group keeps at least 365 days and is KMS-encrypted', () => {
    const groups = Template.fromStack(auditStack()).findResources('AWS::Logs::LogGroup');
    for (const group of Object.values(groups)) {
      expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
      expect(group.Properties.KmsKeyId).toBeDefined();
    }
  });
});
