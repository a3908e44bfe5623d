import { baseEnvSchema } from '@dyad/bus';
import { z } from 'zod';

export const indexerEnvSchema = baseEnvSchema('indexer').extend({
  /** PostgreSQL; when unset the indexer embeds PGlite with its data in DATA_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  /** The PostgreSQL schema Dyad's tables live in. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'expected an SQL identifier')
    .default('public'),
  /**
   * Whether this process publishes the outbox. Off leaves announcements to other replicas (and
   * lets tests stop between commit and publish).
   */
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1_000),
});
export type IndexerEnv = z.infer<typeof indexerEnvSchema>;
