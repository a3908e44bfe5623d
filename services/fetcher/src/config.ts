import { baseEnvSchema, urlWithSecretSchema } from '@dyad/bus';
import { defaultSourcesFile, sourceReaderEnv } from '@dyad/sources';
import { DEFAULT_DEDUP_TTL_MS } from '@dyad/sources/state';
import { z } from 'zod';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const fetcherEnvSchema = baseEnvSchema('fetcher').extend({
  REDIS_URL: urlWithSecretSchema.default('redis://127.0.0.1:6379'),
  /** The sources file; edits are picked up every SOURCES_RELOAD_MS without a restart. */
  SOURCES_FILE: z.string().min(1).default(defaultSourcesFile),
  SOURCES_RELOAD_MS: positive(5_000),
  /** How a source is read (HTTP checks and limits, URL rules, pre-filter, parser threads): shared with `dyad sources test`. */
  ...sourceReaderEnv,
  POLL_CONCURRENCY: z.coerce.number().int().positive().max(64).optional(),
  /** A source that fails this many polls in a row is reported failing. */
  SOURCE_FAILING_AFTER: positive(5),
  SOURCE_MAX_BACKOFF_MS: positive(24 * 3_600_000),
  /** How long the dedup record of an article id is kept. */
  DEDUP_TTL_MS: positive(DEFAULT_DEDUP_TTL_MS),
  /** Fetch retries: the catalog's backoff unless set (tests). */
  FETCH_BACKOFF_INITIAL_MS: z.coerce.number().int().positive().optional(),
});
export type FetcherEnv = z.infer<typeof fetcherEnvSchema>;
