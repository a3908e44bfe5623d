import { createHash } from 'node:crypto';
import type { Names } from '@dyad/contracts';

/**
 * Every key the fetcher keeps in Redis, under the namespace's BullMQ prefix (`dyad:<ns>:fetcher:`)
 * so that a test's namespace cleanup removes them and two deployments never share state.
 */
export interface FetcherKeys {
  /** Set when an article id has been queued for fetching: the dedup record. */
  article(articleId: string): string;
  /** An item a non-focused source listed that the pre-filter turned down (per source). */
  filtered(sourceId: string, articleId: string): string;
  /** Hash: per-source state and counters (see source-state.ts). */
  source(sourceId: string): string;
  /** Hash: ETag / Last-Modified of a polled document. */
  validators(url: string): string;
  /** Where a redirecting feed proxy link led. */
  proxy(url: string): string;
  /** robots.txt of an origin, as fetched. */
  robots(origin: string): string;
  /** Politeness per registrable domain: active leases (zset) and the earliest next start. */
  hostActive(domain: string): string;
  hostNext(domain: string): string;
  /** Set of the source ids in the last sources file loaded (for `dyad sources list`). */
  readonly sourceIds: string;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export function fetcherKeys(names: Names): FetcherKeys {
  const p = `${names.queuePrefix()}:fetcher`;
  return {
    article: (id) => `${p}:article:${id}`,
    filtered: (source, id) => `${p}:filtered:${source}:${id}`,
    source: (id) => `${p}:source:${id}`,
    validators: (url) => `${p}:validators:${digest(url)}`,
    proxy: (url) => `${p}:proxy:${digest(url)}`,
    robots: (origin) => `${p}:robots:${digest(origin)}`,
    hostActive: (domain) => `${p}:host:${domain}:active`,
    hostNext: (domain) => `${p}:host:${domain}:next`,
    sourceIds: `${p}:sources`,
  };
}
