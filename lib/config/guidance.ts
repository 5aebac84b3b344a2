import { z } from 'zod';
import type { RequirementId } from '../../domain/requirements';

/** What to tell the user about one config field when its value is rejected. */
export interface FieldGuidance {
  /** The requirement the field serves. */
  readonly requirement: RequirementId;
  /** How to fix a bad value. */
  readonly fix: string;
}

// Field guidance is zod metadata on the field itself (`.meta({ requirement, fix })`), so a
// field and what the user is told about it are written, moved and deleted together.
declare module 'zod' {
  interface GlobalMeta {
    /** The requirement the field serves (要件 ID). */
    requirement?: RequirementId;
    /** How to fix a rejected value of the field. */
    fix?: string;
  }
}

/**
 * Used where neither the field nor any parent carries guidance: PORT-2 (the config file is the
 * infrastructure code the tenant keeps).
 */
export const FALLBACK_GUIDANCE: FieldGuidance = {
  requirement: 'PORT-2',
  fix: 'correct the field as described in README.md ("Writing a config file") and config/default.json',
};

type Schema = z.core.$ZodType;

/** The field's own guidance, from its metadata or that of a wrapper (optional, default, …). */
function ownGuidance(schema: Schema): FieldGuidance | undefined {
  for (let s: Schema | undefined = schema; s; s = inner(s)) {
    const meta = z.globalRegistry.get(s);
    if (meta?.requirement && meta.fix) {
      return { requirement: meta.requirement, fix: meta.fix };
    }
  }
  return undefined;
}

/** The schema a wrapper (optional, default, prefault, preprocess pipe, …) wraps. */
function inner(schema: Schema): Schema | undefined {
  const def = schema._zod.def as { innerType?: Schema; out?: Schema };
  return def.innerType ?? def.out;
}

/** The schema of one path segment below `schema`: an object key, array element or record value. */
function child(schema: Schema, segment: PropertyKey): Schema | undefined {
  for (let s: Schema | undefined = schema; s; s = inner(s)) {
    const def = s._zod.def as {
      type: string;
      shape?: Record<string, Schema>;
      element?: Schema;
      valueType?: Schema;
    };
    if (def.type === 'object') {
      return def.shape?.[String(segment)];
    }
    if (def.type === 'array') {
      return def.element;
    }
    if (def.type === 'record') {
      return def.valueType;
    }
  }
  return undefined;
}

/**
 * Finds the guidance for a field path like ['municipalities', 0, 'code'] in the metadata of the
 * schema's fields: the field's own, else its nearest parent's, else {@link FALLBACK_GUIDANCE}.
 */
export function guidanceFor(schema: Schema, path: readonly PropertyKey[]): FieldGuidance {
  let found = FALLBACK_GUIDANCE;
  let node: Schema | undefined = schema;
  for (const segment of path) {
    node = child(node, segment);
    if (!node) {
      break;
    }
    found = ownGuidance(node) ?? found;
  }
  return found;
}
