import { availableParallelism } from 'node:os';
import { baseEnvSchema } from '@dyad/bus';
import { profileEnv } from '@dyad/knowledge';
import { z } from 'zod';

export const cleanerEnvSchema = baseEnvSchema('cleaner').extend({
  /** Worker threads that parse pages (parsing is CPU-bound; one per core by default). */
  CLEANER_WORKERS: z.coerce.number().int().positive().max(64).default(Math.max(1, availableParallelism())),
  /** A page that takes longer than this to clean is dead-lettered (its worker is replaced). */
  CLEANER_PAGE_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** A body larger than this (UTF-8 bytes) is dead-lettered without parsing. */
  CLEANER_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  /** Heap of each worker; a page that needs more ends its worker, not the service. */
  CLEANER_WORKER_HEAP_MB: z.coerce.number().int().min(64).default(512),
  /** The dyad profile of @dyad/knowledge that relevance is scored against (`DYAD_PROFILE`). */
  ...profileEnv,
});
export type CleanerEnv = z.infer<typeof cleanerEnvSchema>;
