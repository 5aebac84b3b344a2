import { Stack } from 'aws-cdk-lib';
import { buildGovCloudApp } from '../../lib/app';
import {
  ConfigError,
  parseConfig,
  STACK_DESCRIPTION_MAX_BYTES,
  stackNameProblem,
  type ConfigProblem,
} from '../../lib/config';
import { defaultConfigFile, fictitiousMunicipalities } from '../constructs/system/fixtures';
import { appLikeCli } from '../support/app';

// Issue 11, problem 8: names that feed stack names and descriptions are checked in the schema,
// not by CloudFormation at deployment.
const VALID = {
  municipality: { name: '架空市', code: '139998' },
  systemName: 'juki',
  environment: 'staging',
};

function onlyProblem(raw: unknown): ConfigProblem {
  try {
    parseConfig(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).problems).toHaveLength(1);
    return (e as ConfigError).problems[0];
  }
  throw new Error('expected a ConfigError');
}

describe('fields that feed stack names and descriptions', () => {
  test.each([
    ['31 characters', 'a'.repeat(31)],
    ['a leading digit', '1juki'],
    ['an underscore', 'ju_ki'],
  ])(
    'systemName with %s: names the path, value, IAM-6, the 128-character rule and the fix',
    (_n, value) => {
      const p = onlyProblem({ ...VALID, systemName: value });
      expect(p).toMatchObject({
        field: 'systemName',
        value: JSON.stringify(value),
        requirement: 'IAM-6',
      });
      expect(p.problem).toMatch(/begins every stack name .* at most 128 characters/);
      expect(p.fix).toMatch(/1-30 letters, digits or hyphens/);
    },
  );

  test('municipality.name over 100 characters: names the 1,024-byte description limit', () => {
    const p = onlyProblem({
      ...VALID,
      municipality: { ...VALID.municipality, name: '架'.repeat(101) },
    });
    expect(p).toMatchObject({ field: 'municipality.name', requirement: 'TEN-3' });
    expect(p.problem).toBe(
      'has 101 characters, more than 100: it goes into the description of every stack, which CloudFormation limits to 1024 bytes',
    );
    expect(p.fix).toMatch(/at most 100 characters/);
  });

  test('system.municipalities.N.name over 100 characters is named by its path', () => {
    const file = defaultConfigFile();
    const municipalities = fictitiousMunicipalities(2);
    municipalities[1] = { ...municipalities[1], name: 'x'.repeat(150) };
    const p = onlyProblem({ ...file, system: { ...file.system, municipalities } });
    expect(p).toMatchObject({ field: 'system.municipalities.1.name', requirement: 'TEN-3' });
    expect(p.problem).toMatch(/^has 150 characters, more than 100/);
  });

  test('stackNameProblem: the length and the pattern CloudFormation applies', () => {
    expect(stackNameProblem('a'.repeat(128))).toBeUndefined();
    expect(stackNameProblem('a'.repeat(129))).toMatch(
      /has 129 characters; CloudFormation allows 128/,
    );
    expect(stackNameProblem('juki_Baseline')).toMatch(/does not match/);
    expect(stackNameProblem('1juki')).toMatch(/does not match/);
  });
});

describe('the longest accepted names keep every stack name and description within limits', () => {
  // 4-byte characters are the worst case for the description's byte limit.
  const longName = '𠮷'.repeat(100);
  const file = defaultConfigFile();
  test.each(['vpc', 'application'] as const)('%s tenancy', (tenancy) => {
    const config = parseConfig({
      ...file,
      systemName: `S${'y'.repeat(29)}`,
      municipality: { ...(file.municipality as object), name: longName },
      system: {
        ...file.system,
        tenancy,
        ...(tenancy === 'application' ? { applicationSeparationApproval: 'DA-2026-0042' } : {}),
        municipalities: fictitiousMunicipalities(2).map((m) => ({ ...m, name: longName })),
        dr: { pilotLightNetwork: true },
      },
    });
    const app = appLikeCli();
    buildGovCloudApp(app, config);
    const stacks = app.node.children.filter(Stack.isStack);
    expect(stacks.length).toBeGreaterThanOrEqual(6);
    for (const stack of stacks) {
      const bytes = Buffer.byteLength(stack.templateOptions.description ?? '', 'utf8');
      expect({ name: stack.stackName, problem: stackNameProblem(stack.stackName) }).toEqual({
        name: stack.stackName,
        problem: undefined,
      });
      expect({ name: stack.stackName, fits: bytes <= STACK_DESCRIPTION_MAX_BYTES }).toEqual({
        name: stack.stackName,
        fits: true,
      });
    }
  });
});
