import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, CloudFormationValidatePlugin, Stack, Validations } from 'aws-cdk-lib';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import {
  ParallelCloudFormationValidation,
  cloudFormationValidationFor,
  startCloudFormationValidation,
} from '../../lib/validation/cloudformation-validation';
import { appLikeCli } from '../support/app';

// Issue 16: aws-cdk-lib's CloudFormation validation, run in worker threads, must report exactly
// what aws-cdk-lib's own plugin reports. The reference is aws-cdk-lib's CloudFormationValidatePlugin
// itself, run on the same files: the default app's templates as synthesis writes them, and
// copies of a municipality's stack with one property broken.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-validation-'));
const app = appLikeCli({});
buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../config/default.json')));
const assembly = app.synth({ force: true });
const stacks = assembly.stacks.map((s) => ({
  stackConstructPath: s.hierarchicalId,
  templatePath: s.templateFullPath,
  region: s.environment.region,
  accountId: undefined as string | undefined,
}));
const system = stacks.find((s) => /System-\d+-Tokyo/.test(s.templatePath))!;
const template = JSON.parse(fs.readFileSync(system.templatePath, 'utf8')) as {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
};

/** A copy of the municipality stack's template with `mutate` applied, written to `name`. */
function variant(name: string, mutate?: (t: typeof template) => void) {
  const copy = structuredClone(template);
  mutate?.(copy);
  const templatePath = path.join(dir, `${name}.template.json`);
  fs.writeFileSync(templatePath, JSON.stringify(copy, undefined, 1));
  return { ...system, stackConstructPath: name, templatePath };
}

const firstOfType = (t: typeof template, type: string) =>
  Object.entries(t.Resources).find(([, r]) => r.Type === type)!;

const reference = (s: typeof stacks) =>
  new CloudFormationValidatePlugin().validate({
    stackTemplates: s,
    templatePaths: [],
    appConstruct: app,
  });
const parallel = (s: typeof stacks, workers?: number) =>
  new ParallelCloudFormationValidation({ workers }).validate({
    stackTemplates: s,
    templatePaths: [],
    appConstruct: app,
  });

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the default app: the same report as aws-cdk-lib', () => {
  expect(parallel(stacks, 2)).toEqual(reference(stacks));
});

describe('one property broken in one municipality of many identical ones', () => {
  const [bucketId] = firstOfType(template, 'AWS::S3::Bucket');
  const [subnetId] = firstOfType(template, 'AWS::EC2::Subnet');
  const set = [
    variant('m1'),
    variant('m2'),
    // Same bytes as m1 and m2 except one extra property on one bucket.
    variant('m3', (t) => {
      t.Resources[bucketId].Properties!.Foo = 1;
    }),
    variant('m4'),
    // Same bytes as the others except one value of the wrong type.
    variant('m5', (t) => {
      t.Resources[subnetId].Properties!.MapPublicIpOnLaunch = 'sometimes';
    }),
    // Same bytes as m1, but validated for Osaka: not taken from m1's answer.
    { ...variant('m6'), region: 'ap-northeast-3' },
  ];

  const expected = reference(set);

  test('one worker: the same report as aws-cdk-lib', () => {
    expect(parallel(set, 1)).toEqual(expected);
  });

  test('three workers: the same report, and it names only the broken stacks and resources', () => {
    const report = parallel(set, 3);
    expect(report).toEqual(expected);
    const hits = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${path.basename(r.templatePath!)} ${r.resourceLogicalId}`),
    );
    // m6 differs from m1 only in its region, where AWS::Budgets::Budget does not exist.
    expect(hits.sort()).toEqual([
      `m3.template.json ${bucketId}`,
      `m5.template.json ${subnetId}`,
      `m6.template.json ${firstOfType(template, 'AWS::Budgets::Budget')[0]}`,
    ]);
    expect(report.success).toBe(false);
  });
});

describe('registered on an app', () => {
  const previous = process.env.CDK_VALIDATION;
  beforeAll(() => {
    delete process.env.CDK_VALIDATION;
  });
  afterAll(() => {
    process.env.CDK_VALIDATION = previous;
  });

  /**
   * A stack with one resource the schema refuses, acknowledged when `ack` is given: the
   * validation report, and the error synthesis throws (none once acknowledged).
   */
  function synthBroken(register: boolean, ack?: string) {
    const outdir = fs.mkdtempSync(path.join(dir, 'app-'));
    const a = new App({ outdir, context: appLikeCli().node.getAllContext() });
    if (register) startCloudFormationValidation(a);
    const stack = new Stack(a, 'Broken', { env: { region: 'ap-northeast-1' } });
    const queue = new CfnResource(stack, 'Queue', {
      type: 'AWS::SQS::Queue',
      properties: { Unexpected: true },
    });
    if (ack) Validations.of(queue).acknowledge({ id: ack, reason: 'test' });
    if (register) {
      // As applyChecks does: the start first, the validation last (the empty start report must
      // not show in the validation report).
      const cfn = cloudFormationValidationFor(a)!;
      Validations.of(a).addPlugins(cfn.start, cfn.validation);
    }
    let error = '';
    try {
      a.synth();
    } catch (e) {
      error = (e as Error).message.replace(outdir, '<outdir>');
    }
    const report: unknown = JSON.parse(
      fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
    );
    return { report, error };
  }
  const normalised = (report: unknown) =>
    JSON.parse(JSON.stringify(report, (k, v) => (/stackTrace|timestamp/i.test(k) ? undefined : v)));

  test('the validation report and the synthesis error equal the built-in ones', () => {
    const ours = synthBroken(true);
    const theirs = synthBroken(false);
    expect(normalised(ours.report)).toEqual(normalised(theirs.report));
    expect(ours.error).toEqual(theirs.error);
    expect(ours.error).toMatch(/Unexpected.*\(CloudFormation Validate\)/);
  });

  test("an acknowledgement of the finding's ID works as with the built-in plugin", () => {
    const ours = synthBroken(true, 'CloudFormation-Validate::F3002');
    const theirs = synthBroken(false, 'CloudFormation-Validate::F3002');
    expect(normalised(ours.report)).toEqual(normalised(theirs.report));
    expect(ours.error).toBe('');
    expect(JSON.stringify(ours.report)).toContain('Unexpected');
  });

  test('with CDK_VALIDATION=false nothing is registered, as CDK then runs no validation', () => {
    process.env.CDK_VALIDATION = 'false';
    try {
      const a = appLikeCli({});
      startCloudFormationValidation(a);
      expect(cloudFormationValidationFor(a)).toBeUndefined();
    } finally {
      delete process.env.CDK_VALIDATION;
    }
  });
});
