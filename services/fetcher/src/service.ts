import {
  NatsBus,
  producerConnection,
  type ServiceRuntime,
  StageService,
  streamLimitsOf,
  TypedQueue,
  TypedWorker,
  waitForRedis,
  workerConnection,
} from '@dyad/bus';
import { names as makeNames, queues } from '@dyad/contracts';
import { loadProfile } from '@dyad/knowledge';
import {
  createHttpFetcher,
  createPrefilter,
  ListingParser,
  loadFeedProxies,
  loadTrackingParams,
  proxyResolver,
  type Source,
} from '@dyad/sources';
import {
  Dedup,
  fetcherKeys,
  redisProxyCache,
  redisValidatorStore,
  SourceStateStore,
  sharedCrawlState,
} from '@dyad/sources/state';
import type { FetcherEnv } from './config.ts';
import { createFetcherMetrics } from './fetcher-metrics.ts';
import { articleFetchHandler } from './frontier/article-fetch.ts';
import { Poller } from './frontier/poller.ts';
import { syncSchedules } from './sources/schedules.ts';
import { SourceRegistry } from './sources/source-registry.ts';

export const FETCHER_VERSION = '0.2.0';

const PROXY_CACHE_MS = 30 * 86_400_000;

/**
 * Sources file → one BullMQ job scheduler per source on `poll` → poll worker (feeds, sitemaps,
 * listing pages; dedup, pre-filter) → `fetch` jobs (job id = article id) → fetch worker →
 * article.fetched.
 */
export class FetcherService extends StageService<FetcherEnv> {
  constructor(env: FetcherEnv, runtime?: ServiceRuntime) {
    super('fetcher', FETCHER_VERSION, env, runtime);
  }

  async start(): Promise<void> {
    const { runtime, env } = this;
    const log = runtime.log;
    // Data first: a bad sources file, profile or data file stops the start with its reasons.
    const registry = new SourceRegistry(env.SOURCES_FILE, log);
    const rules = {
      isTrackingParam: loadTrackingParams(env.TRACKING_PARAMS_FILE),
      proxies: loadFeedProxies(env.FEED_PROXIES_FILE),
    };
    const prefilter = createPrefilter(loadProfile(env.DYAD_PROFILE), { enabled: env.PREFILTER });
    const metrics = createFetcherMetrics(runtime.metrics.registry);
    metrics.sourcesLoaded.set(registry.sources.length);

    await runtime.startHttp();
    const names = makeNames(env.DYAD_NAMESPACE);
    const bus = await NatsBus.connect({
      url: env.NATS_URL,
      user: env.NATS_USER,
      password: env.NATS_PASSWORD,
      name: 'fetcher',
      names,
      log,
      streamReplicas: env.STREAM_REPLICAS,
      streamLimits: streamLimitsOf(env),
      readyTimeoutMs: env.NATS_READY_TIMEOUT_MS,
    });
    runtime.onShutdown('nats', () => bus.close());
    runtime.addReadinessCheck('nats', () => bus.connected);

    // Workers block on their connection; state and job adds use a fail-fast one.
    const workerRedis = workerConnection(env.REDIS_URL);
    const redis = producerConnection(env.REDIS_URL);
    for (const [name, conn] of [
      ['redis (workers)', workerRedis],
      ['redis', redis],
    ] as const) {
      conn.on('error', (error) => log.warn({ err: error }, `${name} connection`));
      runtime.onShutdown(name, async () => {
        await conn.quit().catch(() => conn.disconnect());
      });
    }
    runtime.addReadinessCheck('redis', () => redis.status === 'ready' && workerRedis.status === 'ready');
    await waitForRedis(workerRedis);
    await waitForRedis(redis);

    const keys = fetcherKeys(names);
    const http = createHttpFetcher(env, sharedCrawlState(redis, keys, env), {
      onResponse: ({ status }) => metrics.httpResponses.inc({ status: String(status) }),
    });
    const pollQueue = new TypedQueue('poll', redis, names);
    const fetchQueue = new TypedQueue('fetch', redis, names);
    runtime.onShutdown('queues', async () => {
      await Promise.all([pollQueue.close(), fetchQueue.close()]);
    });

    const applySources = async (sources: readonly Source[]) => {
      const changes = await syncSchedules(pollQueue.queue, sources);
      await redis.del(keys.sourceIds);
      if (sources.length) await redis.sadd(keys.sourceIds, ...sources.map((s) => s.id));
      metrics.sourcesLoaded.set(sources.length);
      log.info(
        { sources: sources.length, enabled: sources.filter((s) => s.enabled).length, ...changes },
        'poll schedules in sync with the sources file',
      );
    };
    await applySources(registry.sources);
    registry.watch(env.SOURCES_RELOAD_MS, applySources, (error) => {
      metrics.sourcesReloadErrors.inc();
      log.error(
        { file: error.file, issues: error.issues },
        'sources file edit refused; the previous list stays in force',
      );
    });
    runtime.onShutdown('sources watcher', () => registry.stop());

    const parser = new ListingParser({
      timeoutMs: env.LISTING_PARSE_TIMEOUT_MS,
      maxDepth: env.LISTING_MAX_DEPTH,
    });
    runtime.onShutdown('listing parser', () => parser.close());
    const poller = new Poller({
      parser,
      http,
      rules,
      resolveProxy: proxyResolver(http, redisProxyCache(redis, keys, PROXY_CACHE_MS)),
      validators: redisValidatorStore(redis, keys),
      dedup: new Dedup(redis, keys, env.DEDUP_TTL_MS),
      states: new SourceStateStore(redis, keys),
      prefilter,
      enqueue: async (job) => {
        await fetchQueue.add(job);
      },
      source: (id) => registry.get(id),
      metrics,
      log,
      maxSitemaps: env.SITEMAP_MAX_CHILDREN,
      maxDeferMs: 24 * 3_600_000,
      maxBackoffMs: env.SOURCE_MAX_BACKOFF_MS,
      failingAfter: env.SOURCE_FAILING_AFTER,
      maxGateWaitMs: 30_000,
    });

    const fetchWorker = new TypedWorker({
      key: 'fetch',
      connection: workerRedis,
      names,
      log,
      metrics: runtime.metrics,
      concurrency: env.CONCURRENCY,
      ...(env.FETCH_BACKOFF_INITIAL_MS
        ? { backoff: { ...queues.fetch.backoff, initialMs: env.FETCH_BACKOFF_INITIAL_MS } }
        : {}),
      handler: articleFetchHandler({
        http,
        rawStore: () => bus.rawStore(),
        // The cleaner's consumer validates it.
        publish: (message) => bus.publisher.publish('articleFetched', message, { validate: false }),
        metrics,
        maxGateWaitMs: 10_000,
      }),
    });
    const pollWorker = new TypedWorker({
      key: 'poll',
      connection: workerRedis,
      names,
      log,
      metrics: runtime.metrics,
      concurrency: env.POLL_CONCURRENCY,
      handler: async (job, ctx) => {
        const result = await poller.poll(job.sourceId);
        ctx.log.debug({ ...result }, 'poll done');
      },
    });
    fetchWorker.start();
    pollWorker.start();
    // Registered after the connections, so closed before them (reverse order).
    runtime.onShutdown('worker poll', () => pollWorker.close());
    runtime.onShutdown('worker fetch', () => fetchWorker.close());
    log.info(
      { sources: registry.sources.length, file: env.SOURCES_FILE, prefix: names.queuePrefix() },
      'polling and fetching',
    );
  }
}
