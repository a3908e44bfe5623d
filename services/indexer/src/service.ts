import {
  ConfigError,
  NatsBus,
  PermanentError,
  type ServiceRuntime,
  StageService,
  startStage,
  streamLimitsOf,
} from '@dyad/bus';
import { names as makeNames } from '@dyad/contracts';
import { InvalidArticleError, openStore, type Store, StoredDataError } from '@dyad/store';
import { Counter } from 'prom-client';
import { natsEventFeed } from './api/event-feed.ts';
import { startApi } from './api/server.ts';
import { IndexBatcher } from './batcher.ts';
import { type IndexerEnv, messagesInFlight, transactionsAtOnce } from './config.ts';
import type { IndexResult } from './index-article.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { TextIndexer } from './text-indexer.ts';

export const INDEXER_VERSION = '0.1.0';

/**
 * article.extracted → the store, events and the outbox (new-event / event-updated); serves the
 * read-only HTTP API. INDEXER_ROLE splits the two: `consumer` (no API), `api` (the API alone).
 */
export class IndexerService extends StageService<IndexerEnv> {
  private store: Store | undefined;
  /** Where the HTTP API listens (127.0.0.1 when it listens on every interface), once started. */
  apiUrl: string | undefined;

  constructor(env: IndexerEnv, runtime?: ServiceRuntime) {
    super('indexer', INDEXER_VERSION, env, runtime);
  }

  async start(): Promise<void> {
    const { runtime, env } = this;
    await runtime.startHttp();
    // Ready only once the API listens: a proxy or a Kubernetes Service sends requests by /readyz.
    if (env.INDEXER_ROLE !== 'consumer') runtime.addReadinessCheck('api', () => this.apiUrl !== undefined);
    // Two processes (or more) share the store only through PostgreSQL: PGlite is one process's.
    if (env.INDEXER_ROLE !== 'all' && !env.DATABASE_URL)
      throw new ConfigError('indexer', [
        `INDEXER_ROLE: ${env.INDEXER_ROLE} shares the store with other processes: set DATABASE_URL (PGlite is one process's)`,
      ]);
    // INDEXER_ROLE=api: the HTTP API alone, with no consumer and no outbox relay.
    if (env.INDEXER_ROLE === 'api') {
      await this.startApiRole();
      return;
    }
    const stored = new Counter({
      name: 'dyad_articles_stored_total',
      help: 'Articles saved by the indexer, by result (inserted, updated, unchanged)',
      labelNames: ['result'],
      registers: [runtime.metrics.registry],
    });
    const announced = new Counter({
      name: 'dyad_events_announced_total',
      help: 'new-event and event-updated messages published from the outbox',
      labelNames: ['subject'],
      registers: [runtime.metrics.registry],
    });
    await startStage({
      runtime,
      env,
      consumer: 'indexer',
      concurrency: messagesInFlight(env),
      // A pull asks for a batch, not for every free slot: at 50 articles a second 96 or 128 never
      // fill a request, which then expires every second, and nats-server 2.9 ends about one
      // expired request in 30 without a 408 (a 200 ms stall, pull.ts); 32 fill it.
      maxPull: env.INDEX_BATCH,
      setup: async (bus: NatsBus) => {
        const store = await this.openStore();
        const relay = new OutboxRelay({
          store,
          publisher: bus.publisher,
          log: runtime.log,
          announced,
          pollMs: env.OUTBOX_POLL_MS,
        });
        if (env.OUTBOX_RELAY === 'on') {
          relay.start();
          // Registered after the store: stopped (its last batch finished) before the store closes.
          runtime.onShutdown('outbox relay', () => relay.stop());
        }
        if (env.INDEXER_ROLE === 'all') await this.serveApi(store, bus);
        // Texts queued during a backlog are indexed once the indexer is idle.
        let texts: TextIndexer | undefined;
        const batcher = new IndexBatcher({
          store,
          maxBatch: env.INDEX_BATCH,
          parallel: transactionsAtOnce(env),
          // The consumer has parsed each message against its schema.
          validated: true,
          ...(env.TEXT_INDEX === 'after-backlog' ? { onIdle: () => texts?.kick() } : {}),
        });
        texts = new TextIndexer({ store, idleFor: () => batcher.idleFor(), log: runtime.log });
        texts.start();
        runtime.onShutdown('text index', () => texts.stop());
        return async (article, ctx) => {
          let result: IndexResult;
          try {
            result = await batcher.index(article, new Date().toISOString());
          } catch (error) {
            // Input the store refuses (NUL characters, stored data that no longer parses) will
            // not get better on retry.
            if (error instanceof InvalidArticleError || error instanceof StoredDataError) {
              throw new PermanentError(error.message, { cause: error });
            }
            throw error;
          }
          stored.inc({ result: result.saved });
          ctx.log.info(
            { result: result.saved, newEvents: result.created.length, updatedEvents: result.updated.length },
            'stored',
          );
          if (env.OUTBOX_RELAY === 'on' && (result.created.length || result.updated.length)) relay.kick();
        };
      },
    });
  }

  /** INDEXER_ROLE=api: NATS (for /events/stream) and the store, then the API; nothing consumed or published. */
  private async startApiRole(): Promise<void> {
    const { runtime, env } = this;
    const bus = await NatsBus.connect({
      url: env.NATS_URL,
      user: env.NATS_USER,
      password: env.NATS_PASSWORD,
      name: 'indexer-api',
      names: makeNames(env.DYAD_NAMESPACE),
      log: runtime.log,
      streamReplicas: env.STREAM_REPLICAS,
      streamLimits: streamLimitsOf(env),
      readyTimeoutMs: env.NATS_READY_TIMEOUT_MS,
    });
    runtime.onShutdown('nats', () => bus.close());
    runtime.addReadinessCheck('nats', () => bus.connected);
    const store = await this.openStore();
    await this.serveApi(store, bus);
  }

  /** Opens the store and runs its migrations (safe from several processes at once). */
  private async openStore(): Promise<Store> {
    const { runtime, env } = this;
    const store = await openStore({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      schema: env.DATABASE_SCHEMA,
    });
    // Registered after NATS, so closed before it and after the consumer has drained.
    this.store = store;
    runtime.onShutdown('store', () => store.close());
    runtime.addReadinessCheck('database', () => store.ping().then(() => true));
    const migrated = await store.migrate();
    runtime.log.info({ backend: store.backend, applied: migrated.applied.map((m) => m.file) }, 'store ready');
    return store;
  }

  /** The read-only HTTP API over the store (INDEXER_ROLE all or api). */
  private async serveApi(store: Store, bus: NatsBus): Promise<void> {
    const { runtime, env } = this;
    const api = await startApi({
      store,
      feed: natsEventFeed(bus.js, bus.names),
      log: runtime.log,
      version: INDEXER_VERSION,
      host: env.API_HOST ?? env.HOST,
      port: env.API_PORT,
      heartbeatMs: env.API_HEARTBEAT_MS,
      publicUrl: env.API_PUBLIC_URL,
      profile: env.DYAD_PROFILE,
    });
    this.apiUrl = api.url;
    // Registered after the store and NATS: closed (its streams ended) before either.
    runtime.onShutdown('api', () => api.close());
    runtime.log.info({ url: api.url, port: api.port }, 'api listening');
  }

  /** Announcements committed but not yet published (0 once the relay has caught up). */
  pendingAnnouncements(): Promise<number> {
    if (!this.store) throw new Error('indexer not started');
    return this.store.countPendingOutbox();
  }

  /** Texts queued for the search index and not yet indexed (0 once caught up). */
  pendingTexts(): Promise<number> {
    if (!this.store) throw new Error('indexer not started');
    return this.store.countPendingTexts();
  }
}
