import { ConfigError, parseConfig, type ConfigProblem } from '../../lib/config';
import {
  deriveNonFunctionalSettings,
  meetsRpo,
  STANDARD_LEVELS,
} from '../../lib/config/sections/non-functional';

const VALID = {
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'staging',
};

function problemsOf(nonFunctional: unknown, extra: object = {}): ConfigProblem[] {
  try {
    parseConfig({ ...VALID, ...extra, nonFunctional });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

// Continuous backups are kept 35 days at most, so the Vault Lock minimum must allow them.
const SHORT_LOCK = { system: { backup: { vaultLockMinRetentionDays: 35 } } };

function settingsOf(nonFunctional: unknown) {
  return deriveNonFunctionalSettings(
    parseConfig({ ...VALID, ...SHORT_LOCK, nonFunctional }).nonFunctional,
  );
}

describe('non-functional levels (AVL-1, AVL-2, PORT-3)', () => {
  test("defaults are the standard's levels: 99.5%, RTO 12 h, RPO 24 h, one month, 72 h", () => {
    const n = parseConfig(VALID).nonFunctional;
    expect(n).toMatchObject({
      availabilityPercent: 99.5,
      rtoHours: 12,
      rpoHours: 24,
      disasterRecovery: { remoteCopy: true, recoveryWithinDays: 30 },
      dataHandover: { safetyConfirmationData: false, withinHours: 72 },
    });
    expect(STANDARD_LEVELS).toEqual({
      availabilityPercent: 99.5,
      rtoHours: 12,
      rpoHours: 24,
      disasterRecoveryWithinDays: 30,
      dataHandoverWithinHours: 72,
    });
  });

  test('the standard levels give a daily plan copied to Osaka, Multi-AZ, no continuous backup', () => {
    expect(settingsOf(undefined)).toEqual({
      backupIntervalHours: 24,
      continuousBackup: false,
      multiAz: true,
      copyToOtherRegion: true,
      exportPath: false,
    });
  });

  test.each([
    [24, 24, false],
    [48, 24, false],
    [12, 12, false],
    [10, 8, false],
    [5, 4, false],
    [1, 1, false],
    [0.5, 1, true],
  ])('RPO %s h → a plan every %s h, continuous %s', (rpoHours, interval, continuous) => {
    const looser = rpoHours > 24 ? { looserReason: 'agreed in the SLA of 2026' } : {};
    const s = settingsOf({ rpoHours, ...looser });
    expect([s.backupIntervalHours, s.continuousBackup]).toEqual([interval, continuous]);
    expect(meetsRpo(s.backupIntervalHours, s.continuousBackup, rpoHours)).toBe(true);
  });

  test('safety-confirmation data creates the export path (PORT-3)', () => {
    expect(settingsOf({ dataHandover: { safetyConfirmationData: true } }).exportPath).toBe(true);
  });

  test('availability below the standard without Multi-AZ need, only with a reason', () => {
    expect(
      settingsOf({ availabilityPercent: 99, looserReason: 'a batch system used once a month' })
        .multiAz,
    ).toBe(false);
  });

  test('RPO 1 hour with a daily plan fails, naming both', () => {
    const problems = problemsOf({ rpoHours: 1, backupIntervalHours: 24 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      field: 'nonFunctional.backupIntervalHours',
      value: '24',
      requirement: 'AVL-1',
    });
    expect(problems[0].problem).toContain('every 24 h (daily)');
    expect(problems[0].problem).toContain('rpoHours 1');
  });

  test('an explicit continuous backup meets an RPO shorter than the interval', () => {
    const config = parseConfig({
      ...VALID,
      ...SHORT_LOCK,
      nonFunctional: { rpoHours: 1, backupIntervalHours: 24, continuousBackup: true },
    });
    expect(deriveNonFunctionalSettings(config.nonFunctional)).toMatchObject({
      backupIntervalHours: 24,
      continuousBackup: true,
    });
  });

  test('RPO under one hour with continuous backup switched off fails', () => {
    const [p] = problemsOf({ rpoHours: 0.5, continuousBackup: false });
    expect(p).toMatchObject({ field: 'nonFunctional.continuousBackup', requirement: 'AVL-1' });
    expect(p.problem).toContain('without continuous backup cannot meet rpoHours 0.5');
  });

  test('continuous backup against a vault locked for a year fails, naming both', () => {
    const [p] = problemsOf({ rpoHours: 0.5 });
    expect(p.field).toBe('system.backup.vaultLockMinRetentionDays');
    expect(p.problem).toContain('365 days refuses continuous backups');
    expect(p.problem).toContain('nonFunctional.rpoHours 0.5');
  });

  test.each([
    [{ availabilityPercent: 99 }, 'nonFunctional.availabilityPercent', '99.5'],
    [{ rtoHours: 24 }, 'nonFunctional.rtoHours', '12'],
    [{ rpoHours: 48 }, 'nonFunctional.rpoHours', '24'],
    [
      { disasterRecovery: { remoteCopy: false } },
      'nonFunctional.disasterRecovery.remoteCopy',
      'true',
    ],
    [
      { disasterRecovery: { recoveryWithinDays: 60 } },
      'nonFunctional.disasterRecovery.recoveryWithinDays',
      '30',
    ],
    [{ dataHandover: { withinHours: 96 } }, 'nonFunctional.dataHandover.withinHours', '72'],
  ])('a looser level %j needs a written reason', (level, field, standard) => {
    const [p] = problemsOf(level);
    expect(p.field).toBe(field);
    expect(p.problem).toContain(`looser than the standard's level ${standard}`);
    expect(() =>
      parseConfig({
        ...VALID,
        nonFunctional: { ...level, looserReason: 'agreed with the 住民課' },
      }),
    ).not.toThrow();
  });

  test('stricter levels need no reason', () => {
    expect(() =>
      parseConfig({
        ...VALID,
        nonFunctional: { availabilityPercent: 99.9, rtoHours: 4, rpoHours: 6 },
      }),
    ).not.toThrow();
  });
});
