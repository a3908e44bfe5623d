import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@dyad/bus';
import { names as makeNames } from '@dyad/contracts';
import { Redis } from 'ioredis';
import type { CrawlerSettings } from '../crawler.ts';
import { fetcherKeys } from '../redis-keys.ts';

/** Helpers for this package's tests (not exported from the package). */

export const silentLog: Logger = createLogger('fetcher-test', 'silent');

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

export function redisFor(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

export function keysFor(namespace: string) {
  return fetcherKeys(makeNames(namespace));
}

export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-fetcher-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
