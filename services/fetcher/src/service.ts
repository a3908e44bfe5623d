import {
  NatsBus,
  PermanentError,
  ServiceRuntime,
  TypedWorker,
  waitForRedis,
  workerConnection,
} from '@dyad/bus';
import { type ArticleFetched, names as makeNames, stages } from '@dyad/contracts';
import type { FetcherEnv } from './config.ts';
import { fetchPage, PermanentFetchError } from './http-fetch.ts';

export const FETCHER_VERSION = '0.1.0';

/** Queue `fetch` (BullMQ) → article.fetched. */
export class FetcherService {
  readonly runtime: ServiceRuntime;
  private readonly env: FetcherEnv;

  constructor(env: FetcherEnv, runtime?: ServiceRuntime) {
    this.env = env;
    this.runtime =
      runtime ??
      ServiceRuntime.forService('fetcher', env, { version: FETCHER_VERSION, does: stages.fetcher.does });
  }

  async start(): Promise<void> {
    const { runtime, env } = this;
    await runtime.startHttp();
    const names = makeNames(env.DYAD_NAMESPACE);
    const bus = await NatsBus.connect({
      url: env.NATS_URL,
      user: env.NATS_USER,
      password: env.NATS_PASSWORD,
      name: 'fetcher',
      names,
      log: runtime.log,
    });
    runtime.onShutdown('nats', () => bus.close());
    runtime.addReadinessCheck('nats', () => bus.connected);

    const redis = workerConnection(env.REDIS_URL);
    redis.on('error', (error) => runtime.log.warn({ err: error }, 'redis connection'));
    runtime.onShutdown('redis', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    runtime.addReadinessCheck('redis', () => redis.status === 'ready');
    await waitForRedis(redis);

    const worker = new TypedWorker({
      key: 'fetch',
      connection: redis,
      names,
      log: runtime.log,
      metrics: runtime.metrics,
      concurrency: env.CONCURRENCY,
      handler: async (job, ctx) => {
        let page: Awaited<ReturnType<typeof fetchPage>>;
        try {
          page = await fetchPage(job.url, {
            timeoutMs: env.FETCH_TIMEOUT_MS,
            maxBytes: env.FETCH_MAX_BYTES,
            userAgent: env.USER_AGENT,
          });
        } catch (error) {
          if (error instanceof PermanentFetchError) throw new PermanentError(error.message, { cause: error });
          throw error;
        }
        const raw = await bus.rawStore();
        const message: ArticleFetched = {
          schema: 1,
          articleId: job.articleId,
          url: job.url,
          sourceId: job.sourceId,
          origin: 'crawl',
          fetchedAt: new Date().toISOString(),
          http: {
            status: page.status,
            finalUrl: page.finalUrl,
            ...(page.etag ? { etag: page.etag } : {}),
            ...(page.lastModified ? { lastModified: page.lastModified } : {}),
          },
          body: await raw.toBody(job.articleId, page.text, {
            contentType: page.contentType,
            charset: page.charset,
          }),
          ...(job.feed ? { feed: job.feed } : {}),
        };
        const result = await bus.publisher.publish('articleFetched', message);
        ctx.log.info(
          { status: page.status, bytes: page.text.length, duplicate: result.duplicate },
          'fetched',
        );
      },
    });
    worker.start();
    runtime.onShutdown('worker fetch', () => worker.close());
    runtime.log.info({ queue: 'fetch', prefix: names.queuePrefix() }, 'working');
  }

  stop(): Promise<boolean> {
    return this.runtime.stop();
  }
}
