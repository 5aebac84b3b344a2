import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors';
import { guidanceFor } from './guidance';
import type { RequirementId } from '../../domain/requirements';
import { configSchema, type GovCloudConfig } from './schema';

/** The config used when `-c config=…` is not given: a fictitious municipality. */
export const DEFAULT_CONFIG_PATH = 'config/default.json';

/**
 * Largest config file accepted: 1 MiB. A config for 1,000 municipalities is about 150 kB; a
 * larger file is refused before it is read, so a runaway file stops in milliseconds instead
 * of validating for minutes.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads and validates one config file. Returns a deeply frozen, typed, defaulted object, or
 * throws a `ConfigError` listing every problem (field, value, requirement ID, fix).
 * This is the only place in the library that reads files.
 */
export function loadConfig(file: string): GovCloudConfig {
  const source = path.resolve(file);
  let text: string;
  try {
    const size = fs.statSync(source).size;
    if (size > MAX_CONFIG_BYTES) {
      throw fileProblem(file, `is ${size} bytes, more than the ${MAX_CONFIG_BYTES} accepted`, {
        fix: 'split the file (one config per municipality or system); a config is normally under 200 kB',
      });
    }
    text = fs.readFileSync(source, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) {
      throw e;
    }
    throw fileProblem(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      fix: `create the file, or pass an existing one with -c config=<path> (default ${DEFAULT_CONFIG_PATH})`,
    });
  }
  // Notepad and Excel save UTF-8 with a byte-order mark; it carries no meaning here.
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
  }
  const yaml = /\.ya?ml$/i.test(file);
  // JSON is read by the YAML parser too (JSON is YAML's flow style), so that both report
  // line:column and every schema error can point at its node.
  const lineCounter = new YAML.LineCounter();
  const document = YAML.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const syntax = document.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new ConfigError(file, [
      {
        field: '(file)',
        value: JSON.stringify(file),
        requirement: 'PORT-2',
        location: pos ? `${pos.line}:${pos.col}` : undefined,
        problem: `${file} is not valid ${yaml ? 'YAML' : 'JSON'} (${syntax.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')})`,
        fix: yaml
          ? 'correct the YAML at that line (indentation, a missing colon or quote)'
          : 'correct the JSON syntax at that line (a missing comma, quote or bracket), or write the config as YAML (.yaml) to use comments',
      },
    ]);
  }
  let raw: unknown;
  if (yaml) {
    raw = document.toJS({ maxAliasCount: 100 });
  } else {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      // Node reports a byte position; operators' editors show line:column.
      const at = /at position (\d+)/.exec((e as Error).message);
      const pos = at ? lineCounter.linePos(Number(at[1])) : undefined;
      const problem = fileProblem(file, `is not valid JSON (${(e as Error).message})`, {
        fix: 'correct the JSON syntax at that line (a missing comma, quote or bracket, or a trailing comma), or write the config as YAML (.yaml) to use comments',
      });
      throw pos
        ? new ConfigError(file, [{ ...problem.problems[0], location: `${pos.line}:${pos.col}` }])
        : problem;
    }
  }
  const locate = (fieldPath: readonly PropertyKey[]): string | undefined => {
    for (let n = fieldPath.length; n >= 0; n--) {
      const node = document.getIn(fieldPath.slice(0, n) as unknown[], true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return `${pos.line}:${pos.col}`;
      }
    }
    return undefined;
  };
  return parseConfig(raw, file, locate);
}

/** Validates an already-parsed config object (see `loadConfig`). */
export function parseConfig(
  raw: unknown,
  source = '(inline config)',
  locate: (fieldPath: readonly PropertyKey[]) => string | undefined = () => undefined,
): GovCloudConfig {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(
      source,
      result.error.issues.flatMap((issue) =>
        toProblems(issue).map((p) => ({ ...p, location: locate(issue.path) })),
      ),
    );
  }
  return deepFreeze(result.data);
}

function toProblems(issue: z.core.$ZodIssue): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const field = [...issue.path, key].join('.');
      const mfaRole = MFA_ROLES[issue.path.join('.')];
      if (mfaRole && FEDERATED_KEYS.includes(key)) {
        return {
          field,
          value: JSON.stringify((issue.input as Record<string, unknown>)?.[key]),
          requirement: mfaRole,
          problem: `this role needs MFA in its trust policy (aws:MultiFactorAuthPresent), which federation (SAML, IAM Identity Center) cannot carry`,
          fix: `trust the IAM users or roles that hold the MFA device with "accountIds" or "principalArns" instead of "${key}"`,
        };
      }
      return {
        field,
        value: JSON.stringify((issue.input as Record<string, unknown>)?.[key]),
        requirement: guidanceFor(configSchema, issue.path).requirement,
        problem: 'unknown key (a misspelt key would silently fall back to a default)',
        fix: `remove "${key}" or correct its spelling`,
      };
    });
  }
  const guidance = guidanceFor(configSchema, issue.path);
  const halfWidth = halfWidthOf(issue.input);
  return [
    {
      field: issue.path.length > 0 ? issue.path.join('.') : '(root)',
      value: issue.input === undefined ? undefined : JSON.stringify(issue.input),
      requirement: guidance.requirement,
      problem: halfWidth
        ? `${issue.message}: it contains full-width (全角) characters`
        : issue.message,
      fix: halfWidth
        ? `type it in half-width (半角) characters: ${JSON.stringify(halfWidth)}`
        : guidance.fix,
    },
  ];
}

/** Roles whose trust must require MFA (IAM-1, IAM-5): federation keys are refused on them. */
const MFA_ROLES: Record<string, RequirementId> = {
  'access.representative': 'IAM-1',
  'access.digitalAgency': 'IAM-5',
};
const FEDERATED_KEYS = ['identityCenterPermissionSets', 'samlProviderArn'];

/**
 * The half-width (半角) form of a string that holds full-width (全角) ASCII — digits,
 * letters, ＠, ．, －, full-width space — typed with a Japanese IME; undefined otherwise.
 */
function halfWidthOf(input: unknown): string | undefined {
  if (typeof input !== 'string' || !/[\uFF01-\uFF5E\u3000]/.test(input)) {
    return undefined;
  }
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

function fileProblem(file: string, problem: string, { fix }: { fix: string }): ConfigError {
  return new ConfigError(file, [
    {
      field: '(file)',
      value: JSON.stringify(file),
      requirement: 'PORT-2',
      problem: `${file} ${problem}`,
      fix,
    },
  ]);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}
