// The fetcher's record in Redis: every key it keeps (under the namespace's BullMQ prefix) and the
// stores that read and write them. The fetcher writes them; `dyad sources` reads them.
export { redisProxyCache, redisRobotsCache, sharedCrawlState } from './caches.ts';
export { DEFAULT_DEDUP_TTL_MS, Dedup } from './dedup.ts';
export { type FetcherKeys, fetcherKeys } from './keys.ts';
export { Politeness, type PolitenessOptions, politenessKey } from './politeness.ts';
export { type PollCounts, parseSourceState, type SourceState, SourceStateStore } from './source-state.ts';
export { redisValidatorStore } from './validator-store.ts';
