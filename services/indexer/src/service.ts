import { type NatsBus, ServiceRuntime, startStage } from '@dyad/bus';
import { stages } from '@dyad/contracts';
import { openStore } from '@dyad/store';
import { Counter } from 'prom-client';
import type { IndexerEnv } from './config.ts';

export const INDEXER_VERSION = '0.1.0';

/** article.extracted → the store. Events, the outbox and the API arrive with their own issue. */
export class IndexerService {
  readonly runtime: ServiceRuntime;
  private readonly env: IndexerEnv;

  constructor(env: IndexerEnv, runtime?: ServiceRuntime) {
    this.env = env;
    this.runtime =
      runtime ??
      ServiceRuntime.forService('indexer', env, { version: INDEXER_VERSION, does: stages.indexer.does });
  }

  async start(): Promise<void> {
    const { runtime, env } = this;
    await runtime.startHttp();
    const stored = new Counter({
      name: 'dyad_articles_stored_total',
      help: 'Articles saved by the indexer, by result (inserted, updated, unchanged)',
      labelNames: ['result'],
      registers: [runtime.metrics.registry],
    });
    await startStage({
      runtime,
      env,
      consumer: 'indexer',
      setup: async (_bus: NatsBus) => {
        const store = await openStore({
          databaseUrl: env.DATABASE_URL,
          dataDir: env.DATA_DIR,
          schema: env.DATABASE_SCHEMA,
        });
        // Registered after NATS, so closed before it and after the consumer has drained.
        runtime.onShutdown('store', () => store.close());
        runtime.addReadinessCheck('database', () => store.ping().then(() => true));
        const migrated = await store.migrate();
        runtime.log.info(
          { backend: store.backend, applied: migrated.applied.map((m) => m.file) },
          'store ready',
        );
        return async (article, ctx) => {
          const result = await store.saveArticle(article);
          stored.inc({ result });
          ctx.log.info({ result }, 'stored');
        };
      },
    });
  }

  stop(): Promise<boolean> {
    return this.runtime.stop();
  }
}
