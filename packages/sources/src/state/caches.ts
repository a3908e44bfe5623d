import type { Redis } from 'ioredis';
import type { ProxyCache } from '../listing/item-links.ts';
import type { CrawlerSettings, SharedCrawlState } from '../net/create-http-fetcher.ts';
import type { RobotsCache } from '../net/robots.ts';
import type { FetcherKeys } from './keys.ts';
import { Politeness } from './politeness.ts';

/** robots.txt as fetched, per origin, shared by every replica and kept across restarts. */
export function redisRobotsCache(redis: Redis, keys: FetcherKeys): RobotsCache {
  return {
    get: (origin) => redis.get(keys.robots(origin)),
    set: async (origin, value, ttlMs) => {
      await redis.set(keys.robots(origin), value, 'PX', ttlMs);
    },
  };
}

/** Where a feed proxy's links led (default: kept 30 days). */
export function redisProxyCache(redis: Redis, keys: FetcherKeys, ttlMs = 30 * 86_400_000): ProxyCache {
  return {
    get: (url) => redis.get(keys.proxy(url)),
    set: async (url, target) => {
      await redis.set(keys.proxy(url), target, 'PX', ttlMs);
    },
  };
}

/**
 * The politeness budget and robots.txt cache of every fetcher replica, for `createHttpFetcher`. A
 * lease outlives the longest request (connect + whole exchange) by 5 s, then frees its slot itself.
 */
export function sharedCrawlState(
  redis: Redis,
  keys: FetcherKeys,
  settings: CrawlerSettings,
): SharedCrawlState {
  return {
    politeness: new Politeness(redis, keys, {
      concurrency: settings.HOST_CONCURRENCY,
      minDelayMs: settings.HOST_MIN_DELAY_MS,
      leaseMs: settings.FETCH_TIMEOUT_MS + settings.CONNECT_TIMEOUT_MS + 5_000,
    }),
    robotsCache: redisRobotsCache(redis, keys),
  };
}
