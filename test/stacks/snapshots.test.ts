import * as path from 'path';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';

// One snapshot per stack of the default app (config/default.json), as `npm run synth` builds
// it. They complement the fine-grained assertions of the other stack tests: any change of a
// template shows up in review, even one no assertion looks at. Asset hashes are blanked by the
// serializer registered in jest.config.js. Update with `npx jest test/stacks/snapshots -u`
// after checking the diff.

const DEFAULT_CONFIG = path.resolve(__dirname, '../../config/default.json');

/** The templates of every stack of the default app, by stack name. */
function synthDefaultApp(): Map<string, Record<string, unknown>> {
  const app = appLikeCli();
  buildGovCloudApp(app, loadConfig(DEFAULT_CONFIG));
  return new Map(app.synth().stacks.map((s) => [s.stackName, s.template]));
}

const templates = synthDefaultApp();

test('the default app is the two baselines and, per municipality, a system and a DR stack', () => {
  expect([...templates.keys()].sort()).toEqual([
    'sample-Baseline-Osaka',
    'sample-Baseline-Tokyo',
    'sample-System-139980-Tokyo',
    'sample-System-139998-Tokyo',
    'sample-SystemDr-139980-Osaka',
    'sample-SystemDr-139998-Osaka',
  ]);
});

test.each([...templates.keys()].sort())('%s matches its snapshot', (stackName) => {
  expect(templates.get(stackName)).toMatchSnapshot();
});

test('a second build gives byte-identical templates (no dates, no random values)', () => {
  const again = synthDefaultApp();
  expect([...again.keys()].sort()).toEqual([...templates.keys()].sort());
  for (const [stackName, template] of templates) {
    expect({ stackName, template: JSON.stringify(again.get(stackName)) }).toEqual({
      stackName,
      template: JSON.stringify(template),
    });
  }
});
