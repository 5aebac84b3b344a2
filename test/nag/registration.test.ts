import { App, CfnWaitConditionHandle, Stack, Validations } from 'aws-cdk-lib';
import { applyChecks } from '../../lib/checks';
import { GovCloudChecks } from '../../lib/nag';

/** An app no rule of the three packs objects to, so that one registration synthesizes. */
function quietApp(): App {
  const app = new App();
  const stack = new Stack(app, 'Vendor', { env: { region: 'ap-northeast-1' } });
  new CfnWaitConditionHandle(stack, 'Handle');
  return app;
}

describe('the Government Cloud pack runs once per app (one documented way: applyChecks)', () => {
  test('applyChecks alone synthesizes', () => {
    const app = quietApp();
    applyChecks(app);
    expect(() => app.synth()).not.toThrow();
  });

  test('addPlugins(new GovCloudChecks()) after applyChecks fails synth with the fix', () => {
    const app = quietApp();
    applyChecks(app);
    Validations.of(app).addPlugins(new GovCloudChecks());
    expect(() => app.synth()).toThrow(
      /GovCloudChecks is registered 2 times on this app \[EVD-1\].*Fix: register the checks once — either applyChecks\(app\) alone/,
    );
  });

  test('applyChecks on an app that already carries the pack is refused at once', () => {
    const app = quietApp();
    Validations.of(app).addPlugins(new GovCloudChecks());
    expect(() => applyChecks(app)).toThrow(/GovCloudChecks is registered 2 times .*\[EVD-1\]/);
  });

  test('applyChecks twice is refused at once', () => {
    const app = quietApp();
    applyChecks(app);
    expect(() => applyChecks(app)).toThrow(/registered 2 times/);
  });
});
