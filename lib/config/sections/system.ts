import { z } from 'zod';
import type { GuidanceTable } from '../guidance';

/** The municipal standard-conformant sample system (標準準拠システム). */
export const systemSchema = z
  .strictObject({
    /** Deploy the sample system stacks besides the baseline. */
    enabled: z.boolean().default(false),
  })
  .default({ enabled: false });

export const SYSTEM_GUIDANCE: GuidanceTable = {
  system: {
    requirement: 'TEN-1',
    fix: 'see README "Writing a config file" for the system section',
  },
  'system.enabled': { requirement: 'TEN-1', fix: 'use true or false' },
};
