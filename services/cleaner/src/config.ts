import { baseEnvSchema } from '@dyad/bus';
import type { z } from 'zod';

export const cleanerEnvSchema = baseEnvSchema('cleaner');
export type CleanerEnv = z.infer<typeof cleanerEnvSchema>;
