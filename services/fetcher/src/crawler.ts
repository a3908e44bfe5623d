import type { Redis } from 'ioredis';
import { addressPolicy } from './net/address-policy.ts';
import { FetchFailure } from './net/fetch-errors.ts';
import { HttpFetcher } from './net/http-fetcher.ts';
import { Politeness } from './net/politeness.ts';
import type { Resolver } from './net/resolve-address.ts';
import { memoryRobotsCache, Robots, redisRobotsCache } from './net/robots.ts';
import type { FetcherKeys } from './redis-keys.ts';

/** The settings HttpFetcher is built from (a subset of the service's environment). */
export interface CrawlerSettings {
  readonly USER_AGENT: string;
  readonly FETCH_TIMEOUT_MS: number;
  readonly CONNECT_TIMEOUT_MS: number;
  readonly FETCH_MAX_BYTES: number;
  readonly MAX_REDIRECTS: number;
  readonly FETCH_ALLOW_ADDRESSES: readonly string[];
  readonly HOST_CONCURRENCY: number;
  readonly HOST_MIN_DELAY_MS: number;
  readonly ROBOTS: boolean;
  readonly ROBOTS_TTL_MS: number;
}

const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * The fetcher's HTTP client with its checks. With Redis, the politeness budget and robots.txt
 * cache are shared across replicas; without (the CLI), robots.txt is cached in memory and there
 * is no cross-process budget.
 */
export function createHttpFetcher(
  settings: CrawlerSettings,
  shared?: { redis: Redis; keys: FetcherKeys },
  hooks: { resolver?: Resolver; onResponse?: (info: { url: string; status: number }) => void } = {},
): HttpFetcher {
  const base = {
    policy: addressPolicy(settings.FETCH_ALLOW_ADDRESSES),
    userAgent: settings.USER_AGENT,
    connectTimeoutMs: settings.CONNECT_TIMEOUT_MS,
    timeoutMs: settings.FETCH_TIMEOUT_MS,
    maxRedirects: settings.MAX_REDIRECTS,
    ...(hooks.resolver ? { resolver: hooks.resolver } : {}),
    ...(hooks.onResponse ? { onResponse: hooks.onResponse } : {}),
  };
  const politeness = shared
    ? new Politeness(shared.redis, shared.keys, {
        concurrency: settings.HOST_CONCURRENCY,
        minDelayMs: settings.HOST_MIN_DELAY_MS,
        leaseMs: settings.FETCH_TIMEOUT_MS + settings.CONNECT_TIMEOUT_MS + 5_000,
      })
    : undefined;
  // robots.txt is fetched with the same checks, except robots.txt itself.
  const robotsFetcher = new HttpFetcher({
    ...base,
    maxBytes: ROBOTS_MAX_BYTES,
    ...(politeness ? { politeness } : {}),
  });
  const robots = settings.ROBOTS
    ? new Robots(
        shared ? redisRobotsCache(shared.redis, shared.keys) : memoryRobotsCache(),
        async (url) => {
          try {
            const doc = await robotsFetcher.fetch(url, {
              accept: 'text/plain',
              acceptType: () => true,
              skipRobots: true,
            });
            return { status: doc.status, text: doc.notModified ? '' : doc.text };
          } catch (error) {
            // An HTTP status is an answer (4xx: no rules; 5xx: disallow for now); anything else is not.
            if (error instanceof FetchFailure && error.status !== undefined)
              return { status: error.status, text: '' };
            throw error;
          }
        },
        {
          userAgent: settings.USER_AGENT,
          ttlMs: settings.ROBOTS_TTL_MS,
          unreachableTtlMs: Math.min(settings.ROBOTS_TTL_MS, 10 * 60_000),
          maxCrawlDelayMs: 60_000,
        },
      )
    : undefined;
  return new HttpFetcher({
    ...base,
    maxBytes: settings.FETCH_MAX_BYTES,
    ...(politeness ? { politeness } : {}),
    ...(robots ? { robots } : {}),
  });
}
