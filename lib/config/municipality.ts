import { z } from 'zod';
import { localGovernmentCodeProblem } from '../../domain/local-government-code';
import { MUNICIPALITY_NAME_MAX_LENGTH, STACK_DESCRIPTION_MAX_BYTES } from './stack-names';

/** A 全国地方公共団体コード with a valid check digit. */
export const localGovernmentCode = z.string().superRefine((code, ctx) => {
  const problem = localGovernmentCodeProblem(code);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: `local government code ${problem}`, input: code });
  }
});

/** A municipality (地方公共団体): display name and local government code. */
export const municipalitySchema = z.strictObject({
  /** Display name, e.g. "架空市". */
  name: z
    .string()
    .trim()
    .min(1)
    .max(MUNICIPALITY_NAME_MAX_LENGTH, {
      error: (issue) =>
        `has ${String(issue.input).length} characters, more than ${MUNICIPALITY_NAME_MAX_LENGTH}: it goes into the description of every stack, which CloudFormation limits to ${STACK_DESCRIPTION_MAX_BYTES} bytes`,
    })
    .meta({
      requirement: 'TEN-3',
      fix: 'give the municipality name, e.g. "架空市", in at most 100 characters',
    }),
  /** 全国地方公共団体コード, 6 digits with check digit. */
  code: localGovernmentCode.meta({
    requirement: 'TEN-3',
    fix: 'use the 6-digit 全国地方公共団体コード including its check digit (e.g. 131016 for 千代田区)',
  }),
});

/** A municipality as validated: name and 6-digit code. */
export type Municipality = z.output<typeof municipalitySchema>;
