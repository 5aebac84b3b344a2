import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseConfig, resolvePlan } from '../../lib/config';
import { GovCloudBaselineStack } from '../../lib/stacks/baseline-stack';
import { appLikeCli } from '../support/app';

// Issue 11, problem 9: a vendor composing the baseline for Tokyo and Osaka by hand.
const config = parseConfig({
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'staging',
});
const tokyo = { region: 'ap-northeast-1' };
const osaka = { region: 'ap-northeast-3' };
const NAMES = ['juki-Baseline-Tokyo', 'juki-Baseline-Osaka'];

function compose(
  app: App,
  names: { tokyo?: readonly string[]; osaka?: readonly string[] },
  order: 'tokyo-first' | 'osaka-first' = 'tokyo-first',
): GovCloudBaselineStack {
  const home = () =>
    new GovCloudBaselineStack(app, NAMES[0], {
      plan: resolvePlan(config),
      isHomeRegion: true,
      env: tokyo,
      baselineStackNames: names.tokyo,
    });
  const dr = () =>
    new GovCloudBaselineStack(app, NAMES[1], {
      plan: resolvePlan(config),
      isHomeRegion: false,
      env: osaka,
      baselineStackNames: names.osaka,
    });
  if (order === 'osaka-first') {
    dr();
    return home();
  }
  const stack = home();
  dr();
  return stack;
}

/** Every Resource of the guard's deny statements, flattened. */
function protectedResources(stack: GovCloudBaselineStack): string[] {
  const policy =
    Template.fromStack(stack).toJSON().Resources[
      stack.getLogicalId(stack.protection!.policy.node.defaultChild as never)
    ];
  return (policy.Properties.PolicyDocument.Statement as { Resource?: unknown }[]).flatMap((s) =>
    [s.Resource ?? []].flat().map((r) => JSON.stringify(r)),
  );
}

describe('composing GovCloudBaselineStack for Tokyo and Osaka', () => {
  test.each(['tokyo-first', 'osaka-first'] as const)(
    'without baselineStackNames (%s): synth stops naming the Osaka stack, the prop and the fix',
    (order) => {
      const app = appLikeCli();
      compose(app, {}, order);
      expect(() => app.synth()).toThrow(
        /baselineStackNames = \["juki-Baseline-Tokyo"\] leaves out juki-Baseline-Osaka \[LOG-2\]: BaselineProtection of juki-Baseline-Tokyo would not protect that stack and its archive buckets\. Fix: pass baselineStackNames: \["juki-Baseline-Tokyo", "juki-Baseline-Osaka"\] to every GovCloudBaselineStack/,
      );
    },
  );

  test('a list that leaves out the home stack itself is refused too', () => {
    const app = appLikeCli();
    compose(app, { tokyo: [NAMES[1]], osaka: NAMES });
    expect(() => app.synth()).toThrow(/leaves out juki-Baseline-Tokyo \[LOG-2\]/);
  });

  test('with baselineStackNames: synthesizes, and the Tokyo guard protects the Osaka archives and stack', () => {
    const app = appLikeCli();
    const home = compose(app, { tokyo: NAMES, osaka: NAMES });
    expect(() => app.synth()).not.toThrow();
    const resources = protectedResources(home);
    expect(resources).toContain(JSON.stringify('arn:aws:s3:::juki-baseline-osaka-*'));
    expect(resources).toContain(JSON.stringify('arn:aws:s3:::juki-baseline-osaka-*/*'));
    expect(resources.some((r) => r.includes(':stack/juki-Baseline-Osaka/*'))).toBe(true);
  });

  test('baseline stacks of another account are not this guard’s business', () => {
    const app = appLikeCli();
    new GovCloudBaselineStack(app, NAMES[0], {
      plan: resolvePlan(config),
      isHomeRegion: true,
      env: { ...tokyo, account: '111111111111' },
    });
    new GovCloudBaselineStack(app, 'other-Baseline-Osaka', {
      plan: resolvePlan(config),
      isHomeRegion: false,
      env: { ...osaka, account: '222222222222' },
    });
    expect(() => app.synth()).not.toThrow();
  });
});
