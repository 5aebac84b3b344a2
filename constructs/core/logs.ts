import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { addKeyStatementOnce } from './policy';

/**
 * Lets CloudWatch Logs in the key's region and account use `key` for log groups of that
 * account, once per key. The statement names log groups by wildcard, with the `aws:logs:arn`
 * encryption context the CloudWatch Logs guide ("Encrypt log data using AWS KMS") describes,
 * so that the key does not depend on the log group that depends on it. For an imported key,
 * whose policy this app does not own, `scope` gets a warning instead.
 */
export function allowLogsToUseKey(scope: IConstruct, key: kms.IKey): void {
  const stack = Stack.of(key);
  addKeyStatementOnce(
    scope,
    key,
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisAccount',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
}
