import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdkJson from '../../cdk.json';
import { writeReport } from '../../lib/report/files';

// Runs the real CDK app entry point the way `cdk synth -c config=<file>` does (cdk.json context and
// output directory through the CDK's environment variables), without the CLI's start-up cost.
function synth(
  config: string | undefined,
  extraContext: Record<string, unknown> = {},
): { status: number | null; stderr: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-out-'));
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'bin/app.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      // The real app runs aws-cdk-lib's CloudFormation validation (jest.config.js turns it off).
      CDK_VALIDATION: 'true',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, config, ...extraContext }),
      // No credentials at all: synth must never need them (ARCHITECTURE "Decisions").
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe('bad config ends synth with one clear line per problem and no template', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-cli-'));

  test.each([
    [
      'foreign region, short retention, bad code, unknown key',
      JSON.stringify({
        municipality: { name: '架空市', code: '139997' },
        systemName: 'juki',
        environment: 'staging',
        primaryRegion: 'us-east-1',
        logRetentionDays: 30,
        colour: 'blue',
      }),
      [
        'primaryRegion = "us-east-1" [REG-1]',
        'logRetentionDays = 30 [RET-1]',
        'municipality.code = "139997" [TEN-3]',
        'colour = "blue" [PORT-2]',
      ],
    ],
    [
      'malformed JSON',
      '{ "systemName": ',
      ['[PORT-2]', 'is not valid JSON', 'Fix: correct the JSON'],
    ],
  ])('%s', (_name, content, expected) => {
    const file = path.join(dir, `${_name.replace(/\W+/g, '-')}.json`);
    fs.writeFileSync(file, content);
    const { status, stderr, outdir } = synth(file);
    expect(status).toBe(1);
    for (const line of expected) {
      expect(stderr).toContain(line);
    }
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'))).toEqual([]);
  });

  test('a missing file', () => {
    const { status, stderr, outdir } = synth(path.join(dir, 'missing.json'));
    expect(status).toBe(1);
    expect(stderr).toMatch(/missing\.json cannot be read \(ENOENT\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('the default config synthesizes Tokyo and Osaka baselines', () => {
    const { status, stderr, outdir } = synth('config/default.json');
    expect(stderr).not.toMatch(/\[(Error|Warning) at/);
    expect(status).toBe(0);
    const templates = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
    expect(templates).toEqual(
      expect.arrayContaining([
        'sample-Baseline-Tokyo.template.json',
        'sample-Baseline-Osaka.template.json',
      ]),
    );
  }, 60_000);
});

test('the gcas config synthesizes with every check on and states what it creates and expects (PLAT-1)', () => {
  const { status, stderr, outdir } = synth('config/gcas.json');
  expect(stderr).not.toMatch(/\[(Error|Warning) at/);
  expect(status).toBe(0);
  expect(stderr).toContain(
    'platform gcas: gcas-Baseline-Tokyo creates accessAnalyzer; expects to exist trail, configRecorder, guardDuty, securityHub',
  );
  const services = JSON.parse(
    fs.readFileSync(path.join(outdir, 'platform-services.json'), 'utf8'),
  ) as { mode: string; stacks: { stack: string; expectsExisting: string[] }[] };
  expect(services.mode).toBe('gcas');
  expect(services.stacks.map((s) => [s.stack, s.expectsExisting])).toEqual([
    ['gcas-Baseline-Tokyo', ['trail', 'configRecorder', 'guardDuty', 'securityHub']],
    ['gcas-Baseline-Osaka', ['trail', 'configRecorder', 'guardDuty', 'securityHub']],
  ]);
  const { files } = writeReport(outdir);
  const ja = fs.readFileSync(files[1], 'utf8');
  expect(ja).toContain('共通基盤が提供（gcas モード）: Control Tower の組織の証跡');
  const en = fs.readFileSync(files[0], 'utf8');
  expect(en).toMatch(/### PLAT-1[^#]*Provided by the platform \(gcas mode\)/);
}, 90_000);

describe('issue 11: off the happy path', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-cli-11-'));
  const defaultConfig = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../config/default.json'), 'utf8'),
  );
  const templates = (outdir: string) =>
    fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));

  test('problem 2: a near miss of the config key stops at once and writes nothing', () => {
    const { status, stderr, outdir } = synth(undefined, { conifg: 'my.json' });
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(
      'Unknown context key -c conifg="my.json" [PORT-2]: did you mean "config"?',
    );
    expect(templates(outdir)).toEqual([]);
  });

  test('problem 2: without -c config the fictitious sample synthesizes, but every template refuses deployment', () => {
    const { status, stderr, outdir } = synth(undefined);
    expect(status).toBe(0);
    expect(stderr).toContain('No -c config=<file> given');
    const names = templates(outdir);
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) {
      const template = JSON.parse(fs.readFileSync(path.join(outdir, name), 'utf8'));
      expect(
        template.Rules.FictitiousSampleNotDeployable.Assertions[0].AssertDescription,
      ).toContain('[PORT-2]');
    }
  }, 60_000);

  test('problem 3: accountId set, no credentials: synth succeeds with the fixed Tokyo zones', () => {
    const file = path.join(dir, 'account.json');
    fs.writeFileSync(file, JSON.stringify({ ...defaultConfig, accountId: '123456789012' }));
    const { status, stderr, outdir } = synth(file);
    expect(stderr).not.toMatch(/credentials|dummy/i);
    expect(status).toBe(0);
    const tokyo = fs.readFileSync(
      path.join(outdir, 'sample-System-139998-Tokyo.template.json'),
      'utf8',
    );
    expect(tokyo).toContain('"ap-northeast-1a"');
    expect(tokyo).toContain('"ap-northeast-1c"');
    expect(tokyo).not.toContain('dummy');
    const names = templates(outdir);
    expect(names.some((n) => n.startsWith('sample-Baseline-Osaka'))).toBe(true);
  }, 60_000);

  test('problem 6: application mode with acknowledgements in the config: no warnings, approval recorded', () => {
    const ack = {
      reason: 'Application-level separation approved by the Digital Agency',
      approvedBy: 'デジタル庁',
      reference: 'DA-2026-0042',
    };
    const file = path.join(dir, 'application.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...defaultConfig,
        system: {
          ...defaultConfig.system,
          tenancy: 'application',
          applicationSeparationApproval: 'DA-2026-0042',
        },
        acknowledgements: [
          ...defaultConfig.acknowledgements,
          { rule: 'GovCloudJp-TEN2', ...ack },
          { rule: 'GCJ-TEN2-ApplicationTenancy', ...ack },
        ],
      }),
    );
    const { status, stderr, outdir } = synth(file);
    expect(status).toBe(0);
    expect(stderr).not.toMatch(/^(WARNING|ERROR) /m);
    expect(stderr).toMatch(/govcloud-jp: \d+ stacks synthesized and validated/);
    const evidence = JSON.parse(
      fs.readFileSync(path.join(outdir, 'compliance', 'evidence.json'), 'utf8'),
    );
    expect(evidence.approvals).toEqual([{ requirement: 'TEN-2', reference: 'DA-2026-0042' }]);
    expect(JSON.stringify(evidence.evidence.acknowledgements)).toContain('reference DA-2026-0042');
  }, 60_000);

  test('problem 6: an acknowledgement whose path matches nothing stops synth', () => {
    const file = path.join(dir, 'stale-ack.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...defaultConfig,
        acknowledgements: [{ rule: 'GCJ-X', path: 'No/Such/Path', reason: 'a long enough reason' }],
      }),
    );
    const { status, stderr, outdir } = synth(file);
    expect(status).toBe(1);
    expect(stderr).toContain('acknowledgements.0.path = "No/Such/Path" [EVD-1]');
    expect(templates(outdir)).toEqual([]);
  }, 60_000);
});
