import { names as makeNames } from '@dyad/contracts';
import { Redis } from 'ioredis';
import type { CrawlerSettings } from '../net/create-http-fetcher.ts';
import { type FetcherKeys, fetcherKeys } from '../state/keys.ts';

/** Crawler settings for tests: loopback allowed (127.0.0.1 only), short timeouts, no politeness delay. */
export function testSettings(overrides: Partial<CrawlerSettings> = {}): CrawlerSettings {
  return {
    USER_AGENT: 'DyadTest/1.0 (+https://dyad.invalid/bot)',
    FETCH_TIMEOUT_MS: 2_000,
    CONNECT_TIMEOUT_MS: 1_000,
    FETCH_MAX_BYTES: 1024 * 1024,
    MAX_REDIRECTS: 5,
    FETCH_ALLOW_ADDRESSES: ['127.0.0.1'],
    HOST_CONCURRENCY: 4,
    HOST_MIN_DELAY_MS: 0,
    ROBOTS: true,
    ROBOTS_TTL_MS: 60_000,
    ...overrides,
  };
}

/** A Redis client that fails fast (tests). */
export function redisFor(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/** The fetcher's keys in a test's namespace. */
export function keysFor(namespace: string): FetcherKeys {
  return fetcherKeys(makeNames(namespace));
}
