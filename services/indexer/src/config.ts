import { baseEnvSchema, urlWithSecretSchema } from '@dyad/bus';
import { profileEnv } from '@dyad/knowledge';
import { z } from 'zod';

/**
 * Group commit's defaults: up to 32 articles a transaction, 2 transactions at once on PostgreSQL.
 * Against 16 (`pnpm bench:index`, 10,000 articles, runs alternating, load 2.5–4): PostgreSQL's
 * CPU an article 2.06–2.07 → 1.72–1.91 ms; PGlite 211, 218 → 231, 277 articles/s. Three
 * transactions at once gave 181–372 articles/s on PostgreSQL against 168–392 for two, as the
 * load of other sessions' work went: within the noise, not taken. `waiting`: full batches in
 * flight beyond those the running transactions hold (see `messagesInFlight`).
 */
export const INDEX_DEFAULTS = { batch: 32, parallel: 2, waiting: 2 } as const;

export const indexerEnvSchema = baseEnvSchema('indexer').extend({
  /** The relationship whose actors the web pages show roles of (`DYAD_PROFILE`). */
  ...profileEnv,
  /** PostgreSQL; when unset the indexer embeds PGlite with its data in DATA_DIR. */
  DATABASE_URL: urlWithSecretSchema.optional(),
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  /** The PostgreSQL schema Dyad's tables live in. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'expected an SQL identifier')
    .default('public'),
  /**
   * What this process does: `all` consumes article.extracted, relays the outbox and serves the
   * API (one process); `consumer` does the first two, with no API; `api` serves the API alone
   * (read-only; NATS only for /events/stream), so that it scales by replicas on its own.
   */
  INDEXER_ROLE: z.enum(['all', 'consumer', 'api']).default('all'),
  /**
   * Whether this process publishes the outbox. Off leaves announcements to other replicas (and
   * lets tests stop between commit and publish).
   */
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1_000),
  /**
   * The most articles one transaction indexes (group commit: those that arrive while a transaction
   * runs go together in the next). 1: a transaction per article.
   */
  INDEX_BATCH: z.coerce.number().int().positive().max(256).default(INDEX_DEFAULTS.batch),
  /**
   * When articles' texts are indexed for search: `inline` — always in the article's transaction;
   * `after-backlog` — in it, except while articles wait (a burst), when they are queued and
   * indexed once the indexer is idle: a burst is stored sooner, but its texts are searchable
   * later and all of it is done no sooner (the texts are read back), so not the default.
   */
  TEXT_INDEX: z.enum(['after-backlog', 'inline']).default('inline'),
  /** Transactions run at once on PostgreSQL (PGlite runs one at a time). */
  INDEX_PARALLEL: z.coerce.number().int().positive().max(16).default(INDEX_DEFAULTS.parallel),
  /** The read-only HTTP API (events, search, feed, stream); 0 takes any free port. */
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Interface the API listens on; HOST's when unset. */
  API_HOST: z.string().min(1).optional(),
  /**
   * Where people reach the API and its web pages (http(s), may end in a path behind a proxy):
   * absolute links (pages, Atom) start with it, never with a request's Host header. Unset: where
   * the API listens (http://127.0.0.1:API_PORT when it listens on every interface).
   */
  API_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** How often an idle /events/stream gets a comment line, so that proxies keep it open. */
  API_HEARTBEAT_MS: z.coerce.number().int().positive().default(15_000),
});
export type IndexerEnv = z.infer<typeof indexerEnvSchema>;

/** Transactions the indexer runs at once: INDEX_PARALLEL on PostgreSQL, one on PGlite (it runs one at a time). */
export function transactionsAtOnce(env: IndexerEnv): number {
  return env.DATABASE_URL ? env.INDEX_PARALLEL : 1;
}

/**
 * Messages in flight (CONCURRENCY unless set): the running transactions' batches and two more
 * full ones, so that when a transaction ends the next takes a full batch at once. With only the
 * running ones' (the default before), the acknowledged messages' successors trickled in
 * and the first of them often went alone: `pnpm bench:index 5000` took 240–290 transactions
 * (17–21 articles each) where it now takes 157, nearly all of 32.
 */
export function messagesInFlight(env: IndexerEnv): number {
  return env.CONCURRENCY ?? Math.max(8, env.INDEX_BATCH * (transactionsAtOnce(env) + INDEX_DEFAULTS.waiting));
}
