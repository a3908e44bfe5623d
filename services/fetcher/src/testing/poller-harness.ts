import { TypedQueue, waitForRedis } from '@dyad/bus';
import { type FetchJob, names as makeNames } from '@dyad/contracts';
import { loadProfile } from '@dyad/knowledge';
import {
  type CrawlerSettings,
  createHttpFetcher,
  createPrefilter,
  FeedProxiesFile,
  feedProxies,
  ListingParser,
  loadTrackingParams,
  proxyResolver,
  Source,
  type SourceInput,
} from '@dyad/sources';
import {
  Dedup,
  fetcherKeys,
  redisProxyCache,
  redisValidatorStore,
  SourceStateStore,
  sharedCrawlState,
} from '@dyad/sources/state';
import { FIXTURE_PROXIES_YAML, testSettings } from '@dyad/sources/testing';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { parse } from 'yaml';
import { createFetcherMetrics } from '../fetcher-metrics.ts';
import { Poller } from '../frontier/poller.ts';
import { silentLog } from './test-helpers.ts';

/** A Poller on real Redis and a real `fetch` queue, for tests. */
export async function pollerHarness(
  redisUrl: string,
  namespace: string,
  sources: readonly SourceInput[],
  settings: Partial<CrawlerSettings> = {},
) {
  const names = makeNames(namespace);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  await waitForRedis(redis);
  const keys = fetcherKeys(names);
  const queue = new TypedQueue('fetch', redis, names);
  const metrics = createFetcherMetrics(new Registry());
  const byId = new Map(sources.map((s) => [s.id, Source.parse(s)]));
  const http = createHttpFetcher(
    testSettings(settings),
    sharedCrawlState(redis, keys, testSettings(settings)),
  );
  const states = new SourceStateStore(redis, keys);
  const parser = new ListingParser({ timeoutMs: 5_000, maxDepth: 1_000 });
  const make = () =>
    new Poller({
      parser,
      http,
      rules: {
        isTrackingParam: loadTrackingParams(),
        proxies: feedProxies(FeedProxiesFile.parse(parse(FIXTURE_PROXIES_YAML))),
      },
      resolveProxy: proxyResolver(http, redisProxyCache(redis, keys, 60_000)),
      validators: redisValidatorStore(redis, keys),
      dedup: new Dedup(redis, keys, 3_600_000),
      states,
      prefilter: createPrefilter(loadProfile('ma-kz')),
      enqueue: async (job) => {
        await queue.add(job);
      },
      source: (id) => byId.get(id),
      metrics,
      log: silentLog,
      maxSitemaps: 2,
      maxDeferMs: 24 * 3_600_000,
      maxBackoffMs: 3_600_000,
      failingAfter: 3,
      maxGateWaitMs: 5_000,
    });
  return {
    poller: make(),
    /** A second poller on the same Redis: a replica, or the service after a restart. */
    another: make,
    states,
    queue,
    metrics,
    redis,
    async jobs(): Promise<FetchJob[]> {
      const all = await queue.queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
      return all.map((j) => j.data as FetchJob).sort((a, b) => a.url.localeCompare(b.url));
    },
    async close() {
      await queue.close();
      await parser.close();
      redis.disconnect();
    },
  };
}
