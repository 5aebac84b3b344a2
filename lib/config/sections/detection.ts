import { z } from 'zod';
import type { GuidanceTable } from '../guidance';

/** Threat detection, alerting and budget switches of the baseline (DET-2..4). */
export const detectionSchema = z
  .strictObject({
    /** Enable the CIS AWS Foundations Benchmark standard in Security Hub besides AWS FSBP. */
    cisStandard: z.boolean().default(false),
    /** Monthly budget in USD for the tenant account (DET-4); leave out for no budget. */
    monthlyBudgetUsd: z.number().positive().optional(),
  })
  .default({ cisStandard: false });

export const DETECTION_GUIDANCE: GuidanceTable = {
  detection: {
    requirement: 'DET-2',
    fix: 'see README "Writing a config file" for the detection section',
  },
  'detection.cisStandard': { requirement: 'DET-2', fix: 'use true or false' },
  'detection.monthlyBudgetUsd': {
    requirement: 'DET-4',
    fix: 'give the monthly budget as a positive number of US dollars, or leave it out',
  },
};
