import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeReport } from '../../lib/report/files';
import { synth, synthInProcess } from './support/run-app';

test('the gcas config synthesizes with every check on and states what it creates and expects (PLAT-1)', () => {
  const { status, stderr, outdir, validated } = synthInProcess('config/gcas.json');
  expect(stderr).not.toMatch(/\[(Error|Warning) at/);
  expect(status).toBe(0);
  expect(validated).toBe(fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).length);
  expect(validated).toBeGreaterThan(0);
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
  const BASELINE_TEMPLATES = [
    'sample-Baseline-Tokyo.template.json',
    'sample-Baseline-Osaka.template.json',
  ];

  test('problem 2: a near miss of the config key stops at once and writes nothing', () => {
    const { status, stderr, outdir } = synthInProcess(undefined, { conifg: 'my.json' });
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(
      'Unknown context key -c conifg="my.json" [PORT-2]: did you mean "config"?',
    );
    expect(templates(outdir)).toEqual([]);
  });

  test('problem 2: without -c config the fictitious sample synthesizes, but every template refuses deployment', () => {
    const { status, stderr, outdir } = synth(undefined);
    expect(stderr).not.toMatch(/\[(Error|Warning) at/);
    expect(status).toBe(0);
    expect(stderr).toContain('No -c config=<file> given');
    const names = templates(outdir);
    expect(names).toEqual(expect.arrayContaining(BASELINE_TEMPLATES));
    for (const name of names) {
      const template = JSON.parse(fs.readFileSync(path.join(outdir, name), 'utf8'));
      expect(
        template.Rules.FictitiousSampleNotDeployable.Assertions[0].AssertDescription,
      ).toContain('[PORT-2]');
    }
    // The other tests here run the app in-process (run-app.ts, synthInProcess): the same files
    // and messages as the app process writes, once paths, timing and the call stacks recorded
    // in the metadata (which differ with the caller) are set aside.
    const inProcess = synthInProcess(undefined);
    expect(inProcess.status).toBe(0);
    const withoutTraces = (json: string) =>
      JSON.stringify(JSON.parse(json), (key, value: unknown) =>
        key === 'trace' ? undefined : value,
      );
    const written = (dir: string) =>
      fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const file = path.join(e.parentPath, e.name);
          const text = fs.readFileSync(file, 'utf8').replaceAll(dir, '<outdir>');
          return [
            path.relative(dir, file),
            file.endsWith('.metadata.json') ? withoutTraces(text) : text,
          ];
        })
        .sort(([a], [b]) => a.localeCompare(b));
    const messages = (text: string, dir: string) =>
      text.replaceAll(dir, '<outdir>').replace(/validated in [\d.]+ s/, 'validated in <t> s');
    expect(written(inProcess.outdir)).toEqual(written(outdir));
    expect(messages(inProcess.stderr, inProcess.outdir)).toBe(messages(stderr, outdir));
  }, 60_000);

  test('problem 3: accountId set, no credentials: synth succeeds with the fixed Tokyo zones', () => {
    const file = path.join(dir, 'account.json');
    fs.writeFileSync(file, JSON.stringify({ ...defaultConfig, accountId: '123456789012' }));
    const { status, stderr, outdir } = synthInProcess(file);
    expect(stderr).not.toMatch(/credentials|dummy/i);
    expect(status).toBe(0);
    const tokyo = fs.readFileSync(
      path.join(outdir, 'sample-System-139998-Tokyo.template.json'),
      'utf8',
    );
    expect(tokyo).toContain('"ap-northeast-1a"');
    expect(tokyo).toContain('"ap-northeast-1c"');
    expect(tokyo).not.toContain('dummy');
    // A config named on the command line is deployable: no fictitious-sample notice or rule.
    expect(stderr).not.toContain('No -c config=<file> given');
    const names = templates(outdir);
    expect(names).toEqual(expect.arrayContaining(BASELINE_TEMPLATES));
    for (const name of names) {
      expect(fs.readFileSync(path.join(outdir, name), 'utf8')).not.toContain(
        'FictitiousSampleNotDeployable',
      );
    }
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
    const { status, stderr, outdir, validated } = synthInProcess(file);
    expect(status).toBe(0);
    expect(validated).toBeGreaterThan(0);
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
    const { status, stderr, outdir } = synthInProcess(file);
    expect(status).toBe(1);
    expect(stderr).toContain('acknowledgements.0.path = "No/Such/Path" [EVD-1]');
    expect(templates(outdir)).toEqual([]);
  }, 60_000);
});
