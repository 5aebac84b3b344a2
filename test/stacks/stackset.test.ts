import * as fs from 'fs';
import * as path from 'path';
import { buildGovCloudApp, type GovCloudStacks } from '../../lib/app';
import { parseConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';

// `npm run synth:stackset` (buildGovCloudApp with { stackSet: true }): the baseline templates
// must deploy through CloudFormation StackSets with service-managed permissions, where no
// account of the OU is bootstrapped and one template goes to many accounts.

const DEFAULT_CONFIG = path.resolve(__dirname, '../../config/default.json');
/** An account that must not appear anywhere: StackSets choose the accounts. */
const PINNED_ACCOUNT = '123456789012';

interface Manifest {
  readonly artifacts: Record<
    string,
    {
      readonly type: string;
      readonly environment?: string;
      readonly properties?: Record<string, unknown>;
      readonly dependencies?: string[];
      readonly metadata?: Record<string, { type: string }[]>;
    }
  >;
}

interface Synthesized {
  readonly stacks: GovCloudStacks;
  readonly manifest: Manifest;
  readonly templates: Map<string, Record<string, Record<string, unknown> | undefined>>;
}

function synth(stackSet: boolean): Synthesized {
  const file = JSON.parse(fs.readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, unknown>;
  const config = parseConfig({ ...file, accountId: PINNED_ACCOUNT });
  // Version reporting on, as under the CLI: StackSets templates must not carry CDK metadata.
  const app = appLikeCli({ 'aws:cdk:version-reporting': true });
  const stacks = buildGovCloudApp(app, config, { stackSet });
  const assembly = app.synth();
  const manifest = JSON.parse(
    fs.readFileSync(path.join(assembly.directory, 'manifest.json'), 'utf8'),
  ) as Manifest;
  return {
    stacks,
    manifest,
    templates: new Map(assembly.stacks.map((s) => [s.stackName, s.template])),
  };
}

const BASELINES = [
  ['sample-Baseline-Tokyo', 'ap-northeast-1'],
  ['sample-Baseline-Osaka', 'ap-northeast-3'],
] as const;

describe('StackSets mode', () => {
  const { stacks, manifest, templates } = synth(true);

  test.each(BASELINES)('%s has no bootstrap dependency', (stackName) => {
    const template = templates.get(stackName)!;
    expect(template.Parameters?.BootstrapVersion).toBeUndefined();
    expect(template.Rules?.CheckBootstrapVersion).toBeUndefined();
    expect(JSON.stringify(template)).not.toContain('cdk-bootstrap');
    const artifact = manifest.artifacts[stackName];
    expect(artifact.dependencies ?? []).toEqual([]); // no asset manifest to publish first
    for (const key of [
      'assumeRoleArn',
      'cloudFormationExecutionRoleArn',
      'requiresBootstrapStackVersion',
      'stackTemplateAssetObjectUrl',
    ]) {
      expect(artifact.properties).not.toHaveProperty(key);
    }
  });

  test('no asset manifest and no asset belongs to a baseline', () => {
    const assetManifests = Object.entries(manifest.artifacts)
      .filter(([, a]) => a.type === 'cdk:asset-manifest')
      .map(([id]) => id);
    for (const [stackName] of BASELINES) {
      expect(assetManifests.filter((id) => id.startsWith(stackName))).toEqual([]);
      const entries = Object.values(manifest.artifacts[stackName].metadata ?? {}).flat();
      expect(entries.filter((e) => e.type === 'aws:cdk:asset')).toEqual([]);
    }
  });

  test.each(BASELINES)(
    '%s pins no account and carries no CDK metadata, custom resource or import',
    (stackName, region) => {
      const template = templates.get(stackName)!;
      expect(manifest.artifacts[stackName].environment).toBe(`aws://unknown-account/${region}`);
      const json = JSON.stringify(template);
      expect(json).not.toContain(PINNED_ACCOUNT);
      const types = Object.values(template.Resources ?? {}).map(
        (r) => (r as { Type: string }).Type,
      );
      expect(types).not.toContain('AWS::CDK::Metadata');
      expect(types.filter((t) => t.startsWith('Custom::') || t.includes('CustomResource'))).toEqual(
        [],
      );
      expect(types).not.toContain('AWS::Lambda::Function');
      // Each region is its own StackSet: no stack-to-stack exports.
      expect(json).not.toContain('Fn::ImportValue');
    },
  );

  test.each(BASELINES)(
    '%s refuses a stack instance outside its own region [REG-1]',
    (stackName, region) => {
      expect(templates.get(stackName)!.Rules?.OnlyInItsRegion).toEqual({
        Assertions: [
          {
            Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, region] },
            AssertDescription: expect.stringContaining(`for ${region} only [REG-1]`),
          },
        ],
      });
    },
  );

  test('only the baselines are built: the sample system is not a StackSet', () => {
    // The sample system is per tenant area and uses the default (bootstrapped) synthesizer;
    // `npm run synth:stackset` must not write its templates next to the StackSet ones.
    expect(stacks.system).toBeUndefined();
    expect([...templates.keys()].sort()).toEqual(BASELINES.map(([name]) => name).sort());
  });
});

describe('the normal mode, for contrast', () => {
  const { manifest, templates } = synth(false);

  test('baselines are bootstrapped, pinned to the account and have no region rule', () => {
    const template = templates.get('sample-Baseline-Tokyo')!;
    expect(template.Parameters?.BootstrapVersion).toBeDefined();
    expect(template.Rules?.OnlyInItsRegion).toBeUndefined();
    expect(JSON.stringify(template.Resources)).toContain('AWS::CDK::Metadata');
    expect(manifest.artifacts['sample-Baseline-Tokyo'].environment).toBe(
      `aws://${PINNED_ACCOUNT}/ap-northeast-1`,
    );
    expect(Object.values(manifest.artifacts).map((a) => a.type)).toContain('cdk:asset-manifest');
  });
});
