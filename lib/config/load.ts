import * as fs from 'fs';
import * as path from 'path';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors';
import { guidanceFor } from './guidance';
import { configSchema, GUIDANCE, type GovCloudConfig } from './schema';

/** The config used when `-c config=…` is not given: a fictitious municipality. */
export const DEFAULT_CONFIG_PATH = 'config/default.json';

/**
 * Reads and validates one config file. Returns a deeply frozen, typed, defaulted object, or
 * throws a `ConfigError` listing every problem (field, value, requirement ID, fix).
 * This is the only place in the library that reads files.
 */
export function loadConfig(file: string): GovCloudConfig {
  const source = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (e) {
    throw fileProblem(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      fix: `create the file, or pass an existing one with -c config=<path> (default ${DEFAULT_CONFIG_PATH})`,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fileProblem(file, `is not valid JSON (${(e as Error).message})`, {
      fix: 'correct the JSON syntax (a JSON linter shows the exact spot)',
    });
  }
  return parseConfig(raw, file);
}

/** Validates an already-parsed config object (see `loadConfig`). */
export function parseConfig(raw: unknown, source = '(inline config)'): GovCloudConfig {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new ConfigError(source, result.error.issues.flatMap(toProblems));
  }
  return deepFreeze(result.data);
}

function toProblems(issue: z.core.$ZodIssue): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const field = [...issue.path, key].join('.');
      return {
        field,
        value: JSON.stringify((issue.input as Record<string, unknown>)?.[key]),
        requirement: guidanceFor(GUIDANCE, issue.path).requirement,
        problem: 'unknown key (a misspelt key would silently fall back to a default)',
        fix: `remove "${key}" or correct its spelling`,
      };
    });
  }
  const guidance = guidanceFor(GUIDANCE, issue.path);
  return [
    {
      field: issue.path.length > 0 ? issue.path.join('.') : '(root)',
      value: issue.input === undefined ? undefined : JSON.stringify(issue.input),
      requirement: guidance.requirement,
      problem: issue.message,
      fix: guidance.fix,
    },
  ];
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
