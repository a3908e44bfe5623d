import { addressPolicy } from './address-policy.ts';
import { FetchFailure } from './fetch-errors.ts';
import { type HostBudget, HttpFetcher } from './http-fetcher.ts';
import type { Resolver } from './resolve-address.ts';
import { memoryRobotsCache, Robots, type RobotsCache } from './robots.ts';

/** The settings HttpFetcher is built from (a subset of the fetcher's environment, see `sourceReaderEnv`). */
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

/**
 * What several processes that fetch share (the fetcher's replicas, through Redis: `sharedCrawlState`
 * in `@dyad/sources/state`): each domain's request budget and the robots.txt files read.
 */
export interface SharedCrawlState {
  readonly politeness?: HostBudget;
  readonly robotsCache?: RobotsCache;
}

const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * The fetcher's HTTP client with its checks. With shared state, the politeness budget and robots.txt
 * cache are those of every replica; without (the CLI), robots.txt is cached in memory and there
 * is no cross-process budget.
 */
export function createHttpFetcher(
  settings: CrawlerSettings,
  shared: SharedCrawlState = {},
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
  const { politeness } = shared;
  // robots.txt is fetched with the same checks, except robots.txt itself.
  const robotsFetcher = new HttpFetcher({
    ...base,
    maxBytes: ROBOTS_MAX_BYTES,
    ...(politeness ? { politeness } : {}),
  });
  const robots = settings.ROBOTS
    ? new Robots(
        shared.robotsCache ?? memoryRobotsCache(),
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
