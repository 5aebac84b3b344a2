import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  checkDigit,
  ConfigError,
  DEFAULT_LOG_RETENTION_DAYS,
  loadConfig,
  parseConfig,
  type ConfigProblem,
} from '../../lib/config';

const VALID = {
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'staging',
};

function problemsOf(raw: unknown): ConfigProblem[] {
  try {
    parseConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

function onlyProblem(raw: unknown): ConfigProblem {
  const problems = problemsOf(raw);
  expect(problems).toHaveLength(1);
  return problems[0];
}

describe('defaults', () => {
  const config = parseConfig(VALID);

  test('Tokyo is primary, Osaka is DR, retention 400 days in COMPLIANCE mode', () => {
    expect(config.primaryRegion).toBe('ap-northeast-1');
    expect(config.drRegion).toBe('ap-northeast-3');
    expect(config.logRetentionDays).toBe(DEFAULT_LOG_RETENTION_DAYS);
    expect(DEFAULT_LOG_RETENTION_DAYS).toBeGreaterThanOrEqual(365);
    expect(config.objectLockMode).toBe('COMPLIANCE');
  });

  test('the result is deeply frozen', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.municipality)).toBe(true);
    expect(() => {
      (config as { logRetentionDays: number }).logRetentionDays = 30;
    }).toThrow(TypeError);
  });

  test('config/default.json is a valid fictitious municipality', () => {
    const def = loadConfig('config/default.json');
    expect(def.municipality.code).toBe('139998');
    expect(def.environment).toBe('production');
    expect(def.notificationEmails.length).toBeGreaterThan(0);
  });
});

describe('local government code (全国地方公共団体コード)', () => {
  test.each([
    ['131016', 6], // 千代田区
    ['011002', 2], // 札幌市
    ['010006', 6], // 北海道
    ['271004', 4], // 大阪市
  ])('%s has check digit %d', (code, digit) => {
    expect(checkDigit(code.slice(0, 5))).toBe(digit);
    expect(() => parseConfig({ ...VALID, municipality: { name: 'x', code } })).not.toThrow();
  });

  test.each([
    ['131017', /check digit 7, but the first five digits give 6/],
    ['13101', /exactly 6 digits/],
    ['1310166', /exactly 6 digits/],
    ['481009', /prefecture 48/],
  ])('%s is refused', (code, message) => {
    const p = onlyProblem({ ...VALID, municipality: { name: 'x', code } });
    expect(p.field).toBe('municipality.code');
    expect(p.value).toBe(JSON.stringify(code));
    expect(p.requirement).toBe('TEN-3');
    expect(p.problem).toMatch(message);
    expect(p.fix).toMatch(/check digit/);
  });

  test('a number instead of a string is a type error on the same field', () => {
    const p = onlyProblem({ ...VALID, municipality: { name: 'x', code: 131016 } });
    expect(p.field).toBe('municipality.code');
    expect(p.value).toBe('131016');
    expect(p.problem).toMatch(/expected string/);
  });
});

describe('each bad input names field, value, requirement and fix', () => {
  test.each<[string, Record<string, unknown>, string, string, string, RegExp]>([
    [
      'foreign primary region',
      { primaryRegion: 'us-east-1' },
      'primaryRegion',
      '"us-east-1"',
      'REG-1',
      /ap-northeast-1/,
    ],
    [
      'foreign DR region',
      { drRegion: 'ap-southeast-1' },
      'drRegion',
      '"ap-southeast-1"',
      'REG-1',
      /ap-northeast-3/,
    ],
    [
      'same primary and DR',
      { drRegion: 'ap-northeast-1' },
      'drRegion',
      '"ap-northeast-1"',
      'REG-1',
      /other/,
    ],
    ['retention 30 days', { logRetentionDays: 30 }, 'logRetentionDays', '30', 'RET-1', /365, 400/],
    [
      'retention 366 days (not a CloudWatch value)',
      { logRetentionDays: 366 },
      'logRetentionDays',
      '366',
      'RET-1',
      /400/,
    ],
    [
      'retention as a string',
      { logRetentionDays: '400' },
      'logRetentionDays',
      '"400"',
      'RET-1',
      /365/,
    ],
    [
      'environment dev',
      { environment: 'dev' },
      'environment',
      '"dev"',
      'IAM-6',
      /production.*staging.*dr/,
    ],
    [
      'GOVERNANCE without reason',
      { objectLockMode: 'GOVERNANCE' },
      'objectLockMode',
      '"GOVERNANCE"',
      'RET-2',
      /governanceModeReason/,
    ],
    [
      'unknown lock mode',
      { objectLockMode: 'NONE' },
      'objectLockMode',
      '"NONE"',
      'RET-2',
      /COMPLIANCE/,
    ],
    ['bad account id', { accountId: '1234' }, 'accountId', '"1234"', 'PORT-2', /12-digit/],
    [
      'bad e-mail',
      { notificationEmails: ['not-an-address'] },
      'notificationEmails.0',
      '"not-an-address"',
      'DET-3',
      /addresses/,
    ],
    ['bad system name', { systemName: '住基' }, 'systemName', '"住基"', 'IAM-6', /letters/],
    [
      'unknown key',
      { logRetentionDay: 400 },
      'logRetentionDay',
      '400',
      'PORT-2',
      /remove "logRetentionDay"/,
    ],
    [
      'a deployer that is no role ARN',
      { access: { baselineDeployerArns: ['arn:aws:iam::111122223333:user/deployer'] } },
      'access.baselineDeployerArns.0',
      '"arn:aws:iam::111122223333:user/deployer"',
      'LOG-2',
      /roles that deploy the baseline/,
    ],
    [
      'an empty deployer list (nobody could manage the keys)',
      { access: { baselineDeployerArns: [] } },
      'access.baselineDeployerArns',
      '[]',
      'LOG-2',
      /1-10 ARNs/,
    ],
    [
      'an MFA age cap of two days',
      { access: { maxMfaAgeSeconds: 172800 } },
      'access.maxMfaAgeSeconds',
      '172800',
      'IAM-1',
      /300 to 43200/,
    ],
    [
      'unknown nested key',
      { access: { trustedAccounts: [] } },
      'access.trustedAccounts',
      '[]',
      'IAM-2',
      /remove "trustedAccounts"/,
    ],
  ])('%s', (_name, patch, field, value, requirement, fix) => {
    const p = onlyProblem({ ...VALID, ...patch });
    expect(p).toMatchObject({ field, value, requirement });
    expect(p.fix).toMatch(fix);
    expect(p.problem.length).toBeGreaterThan(10);
  });

  test('a missing required field is reported as missing', () => {
    const p = onlyProblem({ municipality: VALID.municipality, systemName: 'juki' });
    expect(p).toMatchObject({ field: 'environment', value: undefined, requirement: 'IAM-6' });
  });

  test('production without notification e-mails is refused (DET-3)', () => {
    const p = onlyProblem({ ...VALID, environment: 'production' });
    expect(p).toMatchObject({ field: 'notificationEmails', requirement: 'DET-3' });
  });

  test('GOVERNANCE with a reason is accepted', () => {
    const c = parseConfig({
      ...VALID,
      objectLockMode: 'GOVERNANCE',
      governanceModeReason: 'pilot',
    });
    expect(c.objectLockMode).toBe('GOVERNANCE');
  });

  test('several problems are all reported at once, one line each', () => {
    try {
      parseConfig({
        ...VALID,
        primaryRegion: 'eu-west-1',
        logRetentionDays: 30,
        environment: 'dev',
      });
      throw new Error('expected a ConfigError');
    } catch (e) {
      const err = e as ConfigError;
      expect(err.problems.map((p) => p.field).sort()).toEqual([
        'environment',
        'logRetentionDays',
        'primaryRegion',
      ]);
      const lines = err.message.split('\n');
      expect(lines[0]).toMatch(/3 problems/);
      expect(lines.filter((l) => l.startsWith('  - '))).toHaveLength(3);
      expect(err.message).toContain('primaryRegion = "eu-west-1" [REG-1]');
    }
  });
});

describe('files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-config-'));

  test('a missing file names the path and the fix', () => {
    expect(() => loadConfig(path.join(dir, 'nope.json'))).toThrow(
      /\(file\) = ".*nope\.json" \[PORT-2\]: .*cannot be read \(ENOENT\)\. Fix: create the file/,
    );
  });

  test('malformed JSON names the file and the fix', () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{ "systemName": "juki", }');
    expect(() => loadConfig(file)).toThrow(/is not valid JSON .* Fix: correct the JSON syntax/);
  });
});
