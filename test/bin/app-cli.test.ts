import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synth, synthInProcess } from './support/run-app';

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
    const { status, stderr, outdir } = synthInProcess(file);
    expect(status).toBe(1);
    for (const line of expected) {
      expect(stderr).toContain(line);
    }
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'))).toEqual([]);
  });

  test('a missing file: the app process exits 1', () => {
    const { status, stderr, outdir } = synth(path.join(dir, 'missing.json'));
    expect(status).toBe(1);
    expect(stderr).toMatch(/missing\.json cannot be read \(ENOENT\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});
