import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GovCloudError } from '../../../constructs/core/errors';

test('GovCloudError carries code, requirement, fix and the construct path in its message', () => {
  const scope = new Construct(new Stack(new App(), 'Vendor'), 'Archive');
  const error = new GovCloudError({
    code: 'RetentionTooShort',
    problem: 'AuditLogArchive retention 30 is below one year',
    requirement: 'RET-1',
    fix: 'give at least 365 days.',
    scope,
  });
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('GovCloudError');
  expect(error.message).toBe(
    'AuditLogArchive retention 30 is below one year [RET-1]: give at least 365 days. (at Vendor/Archive)',
  );
  expect([error.code, error.requirement, error.fix, error.constructPath]).toEqual([
    'RetentionTooShort',
    'RET-1',
    'give at least 365 days.',
    'Vendor/Archive',
  ]);
});

test('without a scope the message has no path', () => {
  const error = new GovCloudError({
    code: 'X',
    problem: 'p',
    requirement: 'LOG-2',
    fix: 'f.',
  });
  expect(error.message).toBe('p [LOG-2]: f.');
  expect(error.constructPath).toBeUndefined();
});
