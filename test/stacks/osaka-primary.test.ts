import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildGovCloudApp } from '../../lib/app';
import { parseConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';

// Issue 11 problem 4: Osaka as primary (the DR path of the backup guide) passed validation and
// then failed synth, because the per-municipality budget put AWS::Budgets::Budget into an Osaka
// stack, a resource type CloudFormation does not offer in ap-northeast-3.
const file = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../config/default.json'), 'utf8'),
);
const osakaPrimary = parseConfig({
  ...file,
  primaryRegion: 'ap-northeast-3',
  drRegion: 'ap-northeast-1',
  system: {
    ...file.system,
    certificateArn: file.system.certificateArn.replace('ap-northeast-1', 'ap-northeast-3'),
  },
});

function budgetsByStack(config = osakaPrimary): Record<string, number> {
  const app = appLikeCli();
  buildGovCloudApp(app, config);
  return Object.fromEntries(
    app.node.children
      .filter(Stack.isStack)
      .map((s) => [
        `${s.stackName} (${s.region})`,
        Object.keys(Template.fromStack(s).findResources('AWS::Budgets::Budget')).length,
      ]),
  );
}

test('Osaka primary: no budget in any Osaka stack; each municipality budget in its Tokyo DR stack', () => {
  const counts = budgetsByStack();
  for (const [name, count] of Object.entries(counts)) {
    if (name.includes('ap-northeast-3')) {
      expect([name, count]).toEqual([name, 0]);
    }
  }
  expect(counts['sample-SystemDr-139998-Tokyo (ap-northeast-1)']).toBe(1);
  expect(counts['sample-SystemDr-139980-Tokyo (ap-northeast-1)']).toBe(1);
});

test('Tokyo primary: the budgets stay in the primary system stacks', () => {
  const counts = budgetsByStack(parseConfig(file));
  expect(counts['sample-System-139998-Tokyo (ap-northeast-1)']).toBe(1);
  expect(counts['sample-SystemDr-139998-Osaka (ap-northeast-3)']).toBe(0);
});
