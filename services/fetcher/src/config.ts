import { baseEnvSchema } from '@dyad/bus';
import { z } from 'zod';

export const fetcherEnvSchema = baseEnvSchema('fetcher').extend({
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  USER_AGENT: z.string().min(1).default('Dyad/0.1 (news event monitor; +https://dyad.invalid/bot)'),
});
export type FetcherEnv = z.infer<typeof fetcherEnvSchema>;
