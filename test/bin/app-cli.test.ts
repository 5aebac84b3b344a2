import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdkJson from '../../cdk.json';
import { writeReport } from '../../lib/report/files';

// Runs the real CDK app entry point the way `cdk synth -c config=<file>` does (cdk.json context and
// output directory through the CDK's environment variables), without the CLI's start-up cost.
function synth(config: string): { status: number | null; stderr: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-out-'));
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'bin/app.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      // The real app runs aws-cdk-lib's CloudFormation validation (jest.config.js turns it off).
      CDK_VALIDATION: 'true',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, config }),
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
