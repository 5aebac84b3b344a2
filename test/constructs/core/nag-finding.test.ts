import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as ts from 'typescript';
import {
  ACKNOWLEDGEMENT_JA_METADATA_TYPE,
  acknowledgeFindings,
  type FindingAcknowledgement,
} from '../../../constructs/core/nag-finding';
import { GovCloudError } from '../../../constructs/core/errors';
import { acknowledgementsOn } from '../../../lib/nag/utils/acknowledgements';

const ROOT = path.resolve(__dirname, '../../..');
const SQS3: FindingAcknowledgement = {
  id: 'AwsSolutions-SQS3',
  reason: 'This queue is itself a dead-letter queue.',
  reasonJa: 'このキュー自体がデッドレターキューである。',
};

function queueIn(stack: Stack, id: string): sqs.Queue {
  return new sqs.Queue(stack, id, { enforceSSL: true });
}

function sqs3Findings(stack: Stack): string[] {
  Template.fromStack(stack);
  return new AwsSolutionsChecks()
    .validateScope(stack)
    .violations.filter((v) => v.ruleName === 'AwsSolutions-SQS3')
    .flatMap((v) => v.violatingResources.map((r) => r.constructPath ?? ''));
}

const acknowledgedRules = (queue: sqs.Queue) =>
  queue.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .map((m) => m.data);

describe('acknowledgeFindings', () => {
  test('records for cdk-nag exactly what Validations.of(x).acknowledge records', () => {
    const stack = new Stack(new App(), 'Stack');
    const viaHelper = queueIn(stack, 'ViaHelper');
    const direct = queueIn(stack, 'Direct');
    const namespaced = { id: 'CloudFormation-Validate::W3010', reason: 'r', reasonJa: '理由' };
    acknowledgeFindings(viaHelper, SQS3, namespaced);
    Validations.of(direct).acknowledge(
      { id: SQS3.id, reason: SQS3.reason },
      { id: namespaced.id, reason: namespaced.reason },
    );
    expect(acknowledgedRules(viaHelper)).toEqual(acknowledgedRules(direct));
    expect(acknowledgedRules(viaHelper)).toEqual([
      { 'Annotation::AwsSolutions-SQS3': SQS3.reason },
      { 'CloudFormation-Validate::W3010': 'r' },
    ]);
  });

  test('cdk-nag suppresses the finding it acknowledges, and only that one', () => {
    const stack = new Stack(new App(), 'Stack');
    acknowledgeFindings(queueIn(stack, 'Acknowledged'), SQS3);
    queueIn(stack, 'Other');
    expect(sqs3Findings(stack)).toEqual(['Stack/Other/Resource']);
  });

  test('the Japanese reason is read back beside the English one, however the ID is recorded', () => {
    const stack = new Stack(new App(), 'Stack');
    const queue = queueIn(stack, 'Queue');
    acknowledgeFindings(queue, SQS3, {
      id: 'Construct Annotations::Some Warning',
      reason: 'the warning is expected here',
      reasonJa: 'この警告はここでは想定どおりである。',
    });
    expect(
      acknowledgementsOn(queue).map(({ recordedId, reason, reasonJa }) => ({
        recordedId,
        reason,
        reasonJa,
      })),
    ).toEqual([
      { recordedId: 'Annotation::AwsSolutions-SQS3', reason: SQS3.reason, reasonJa: SQS3.reasonJa },
      {
        recordedId: 'Annotation::Some-Warning',
        reason: 'the warning is expected here',
        reasonJa: 'この警告はここでは想定どおりである。',
      },
    ]);
  });

  test('another acknowledgement of the same rule on the same construct keeps no Japanese reason', () => {
    // e.g. a config acknowledgement: the user's words, shown as written in both editions.
    const stack = new Stack(new App(), 'Stack');
    const queue = queueIn(stack, 'Queue');
    acknowledgeFindings(queue, SQS3);
    Validations.of(queue).acknowledge({ id: SQS3.id, reason: 'approved by the CISO' });
    expect(acknowledgementsOn(queue).map((a) => [a.reason, a.reasonJa])).toEqual([
      [SQS3.reason, SQS3.reasonJa],
      ['approved by the CISO', undefined],
    ]);
  });

  test.each([
    ['English text', 'This queue is a dead-letter queue.'],
    ['an empty string', ''],
    ['nothing (a JavaScript caller)', undefined],
  ])('a reasonJa with %s throws and records nothing', (_, reasonJa) => {
    const stack = new Stack(new App(), 'Stack');
    const queue = queueIn(stack, 'Queue');
    const call = () =>
      acknowledgeFindings(queue, SQS3, {
        id: 'AwsSolutions-SQS4',
        reason: 'TLS is enforced by the queue policy.',
        reasonJa: reasonJa as string,
      });
    expect(call).toThrow(GovCloudError);
    expect(call).toThrow(/AwsSolutions-SQS4: reasonJa .* contains no Japanese text \[EVD-1\]/);
    expect(queue.node.metadata.map((m) => m.type)).not.toContain(
      Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
    );
    expect(queue.node.metadata.map((m) => m.type)).not.toContain(ACKNOWLEDGEMENT_JA_METADATA_TYPE);
  });
});

/** `x.acknowledge(…)` calls in a TypeScript file, by line: comments and strings are not calls. */
function acknowledgeCalls(file: string): number[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'acknowledge'
    ) {
      lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

function typeScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

test('every acknowledgement in constructs/, lib/ and bin/ goes through acknowledgeFindings', () => {
  // Allowed: the helper itself, and the config's acknowledgements (lib/app.ts), whose reason is
  // the user's own words and is shown as written in both editions.
  const allowed = ['constructs/core/nag-finding.ts', 'lib/app.ts'];
  const files = ['constructs', 'lib', 'bin'].flatMap(typeScriptFiles);
  const calls = files.flatMap((f) =>
    acknowledgeCalls(path.join(ROOT, f)).map((line) => `${f}:${line}`),
  );
  expect(calls.filter((c) => !allowed.includes(c.split(':')[0]))).toEqual([]);
  // The scan sees calls: exactly one in each allowed file.
  expect(calls.map((c) => c.split(':')[0]).sort()).toEqual(allowed);
  expect(files.length).toBeGreaterThan(100);
});
