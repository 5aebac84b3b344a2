import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, loadConfig, parseConfig } from '../../lib/config';
import { MAX_CONFIG_BYTES } from '../../lib/config/load';

// Issue 11 problems 7 and 8: inputs Japanese operators really produce, and checks that used to
// happen only in constructs or CloudFormation.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-input-'));
const sample = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../config/default.json'), 'utf8'),
);
const minimal = {
  municipality: { name: '架空市', code: '011002' },
  systemName: 'juki',
  environment: 'staging',
};

function problemsOf(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  try {
    loadConfig(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  return '';
}

function parsed(raw: unknown): string {
  try {
    parseConfig(raw);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('problem 7: messages for Japanese operators', () => {
  test('a UTF-8 byte-order mark (Notepad, Excel) is stripped', () => {
    expect(problemsOf('bom.json', '\uFEFF' + JSON.stringify(minimal))).toBe('');
  });

  test('full-width digits are named 全角 with the half-width fix', () => {
    const message = problemsOf(
      'zenkaku.json',
      JSON.stringify({ ...minimal, municipality: { name: '架空市', code: '０１１００２' } }),
    );
    expect(message).toContain('municipality.code = "０１１００２" [TEN-3]');
    expect(message).toContain('full-width (全角)');
    expect(message).toContain('half-width (半角) characters: "011002"');
  });

  test('a full-width ＠ in an address is named with the fix', () => {
    const message = parsed({ ...minimal, notificationEmails: ['it＠example.lg.jp'] });
    expect(message).toContain('全角');
    expect(message).toContain('"it@example.lg.jp"');
  });

  test('YAML with comments is accepted', () => {
    const yaml = [
      '# 架空市 住基',
      'municipality: { name: 架空市, code: "011002" }',
      'systemName: juki',
      'environment: staging # 検証',
    ].join('\n');
    expect(problemsOf('ok.yaml', yaml)).toBe('');
  });

  test('YAML and JSON errors give line:column', () => {
    expect(problemsOf('bad.yaml', 'municipality:\n  name: [x\nsystemName: juki\n')).toMatch(
      /line \d+:\d+: \(file\).*not valid YAML/,
    );
    expect(
      problemsOf('bad.json', '{\n  "systemName": "juki"\n  "environment": "staging"\n}'),
    ).toContain('line 3:3: (file)');
    const schema = problemsOf(
      'schema.yaml',
      'municipality: { name: x, code: "011002" }\nsystemName: juki\nenvironment: dev\n',
    );
    expect(schema).toContain('line 3:14: environment = "dev" [IAM-6]');
  });

  test('identityCenterPermissionSets on representative explains MFA', () => {
    const message = parsed({
      ...minimal,
      access: { representative: { identityCenterPermissionSets: ['Admin'] } },
    });
    expect(message).toContain('access.representative.identityCenterPermissionSets');
    expect(message).toContain('[IAM-1]: this role needs MFA in its trust policy');
    expect(message).not.toContain('unknown key');
  });
});

describe('problem 8: checks made in the schema, not later', () => {
  test('a sub-delegate action outside the delegate names the config path', () => {
    const message = parsed({
      ...sample,
      access: {
        ...sample.access,
        subDelegate: { ...sample.access.subDelegate, delegatedActions: ['kms:Decrypt'] },
      },
    });
    expect(message).toContain('access.subDelegate.delegatedActions.0 = "kms:Decrypt" [IAM-4]');
    expect(message).not.toMatch(/\n\s+at /);
  });

  test('60 tags are refused before any construct is built', () => {
    const tags = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v']));
    expect(parsed({ ...minimal, tags })).toContain('tags = "60 tags" [DET-4]');
    const fine = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`k${i}`, 'v']));
    expect(parsed({ ...minimal, tags: fine })).toBe('');
  });

  test('reserved and library tag keys are refused', () => {
    expect(parsed({ ...minimal, tags: { 'aws:owner': 'x' } })).toContain('reserved by AWS');
    expect(parsed({ ...minimal, tags: { Environment: 'x' } })).toContain('set by the library');
  });

  test('an oversized file is refused in well under a second', () => {
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20));
    const started = process.hrtime.bigint();
    expect(() => loadConfig(file)).toThrow(/bytes, more than the 1048576 accepted/);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });
});
