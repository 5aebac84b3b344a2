import { App } from 'aws-cdk-lib';
import { parseConfig, resolvePlan } from '../../lib/config';
import { GovCloudBaselineStack } from '../../lib/stacks/baseline-stack';

const config = parseConfig({
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'staging',
});

describe('REG-1: stacks only in Tokyo or Osaka', () => {
  test.each(['us-east-1', 'ap-northeast-2', 'ap-southeast-1'])('%s is refused', (region) => {
    expect(
      () =>
        new GovCloudBaselineStack(new App(), 'Baseline', {
          env: { region },
          plan: resolvePlan(config),
          isHomeRegion: true,
        }),
    ).toThrow(
      `Stack Baseline env.region = "${region}" [REG-1]: Government Cloud data must stay in Japan. Fix: set env.region to one of ap-northeast-1, ap-northeast-3.`,
    );
  });

  test('an environment-agnostic stack is refused (its region would be chosen at deploy time)', () => {
    expect(
      () =>
        new GovCloudBaselineStack(new App(), 'Baseline', {
          plan: resolvePlan(config),
          isHomeRegion: true,
        }),
    ).toThrow(/env\.region = null \[REG-1\]/);
  });

  test.each(['ap-northeast-1', 'ap-northeast-3'])('%s is accepted', (region) => {
    const stack = new GovCloudBaselineStack(new App(), 'Baseline', {
      env: { region },
      plan: resolvePlan(config),
      isHomeRegion: true,
    });
    expect(stack.region).toBe(region);
  });
});
