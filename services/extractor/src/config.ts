import { baseEnvSchema } from '@dyad/bus';
import type { z } from 'zod';

export const extractorEnvSchema = baseEnvSchema('extractor');
export type ExtractorEnv = z.infer<typeof extractorEnvSchema>;
