import { baseEnvSchema } from '@dyad/bus';
import { profileEnv } from '@dyad/knowledge';
import type { z } from 'zod';

/** The extractor's settings: the bus's, and the profile whose knowledge it extracts with. */
export const extractorEnvSchema = baseEnvSchema('extractor').extend(profileEnv);
export type ExtractorEnv = z.infer<typeof extractorEnvSchema>;
