import type { Redis } from 'ioredis';
import type { FetcherKeys } from './keys.ts';

/**
 * What the fetcher knows about each source, in one Redis hash per source so that every replica
 * and `dyad sources list` see the same: counters, the last success and error, consecutive
 * failures, and the earliest time of the next poll (server freshness, Retry-After, or backoff).
 */

export interface SourceState {
  readonly polls: number;
  readonly notModified: number;
  readonly newItems: number;
  readonly duplicates: number;
  readonly filtered: number;
  readonly errors: number;
  readonly consecutiveFailures: number;
  readonly failing: boolean;
  readonly lastPollAt?: string;
  readonly lastSuccessAt?: string;
  readonly lastError?: string;
  readonly lastErrorReason?: string;
  readonly lastErrorAt?: string;
  /** Epoch ms before which the source is not polled. */
  readonly notBefore: number;
}

export interface PollCounts {
  readonly notModified: boolean;
  readonly newItems: number;
  readonly duplicates: number;
  readonly filtered: number;
}

const COUNTERS = [
  'polls',
  'notModified',
  'newItems',
  'duplicates',
  'filtered',
  'errors',
  'consecutiveFailures',
] as const;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function parseSourceState(hash: Record<string, string>): SourceState {
  const n = (k: string) => Number(hash[k] ?? 0) || 0;
  const s = (k: string) => (hash[k] ? { [k]: hash[k] } : {});
  return {
    ...(Object.fromEntries(COUNTERS.map((k) => [k, n(k)])) as Record<(typeof COUNTERS)[number], number>),
    failing: hash.failing === '1',
    notBefore: n('notBefore'),
    ...s('lastPollAt'),
    ...s('lastSuccessAt'),
    ...s('lastError'),
    ...s('lastErrorReason'),
    ...s('lastErrorAt'),
  };
}

export class SourceStateStore {
  private readonly redis: Redis;
  private readonly keys: FetcherKeys;

  constructor(redis: Redis, keys: FetcherKeys) {
    this.redis = redis;
    this.keys = keys;
  }

  async get(sourceId: string): Promise<SourceState> {
    return parseSourceState(await this.redis.hgetall(this.keys.source(sourceId)));
  }

  async recordSuccess(
    sourceId: string,
    counts: PollCounts,
    notBefore: number,
    now = Date.now(),
  ): Promise<void> {
    const key = this.keys.source(sourceId);
    await this.redis
      .multi()
      .hincrby(key, 'polls', 1)
      .hincrby(key, 'notModified', counts.notModified ? 1 : 0)
      .hincrby(key, 'newItems', counts.newItems)
      .hincrby(key, 'duplicates', counts.duplicates)
      .hincrby(key, 'filtered', counts.filtered)
      .hset(key, {
        lastPollAt: iso(now),
        lastSuccessAt: iso(now),
        consecutiveFailures: 0,
        failing: 0,
        notBefore,
      })
      .exec();
  }

  /**
   * Records a failed poll and pushes the next one back: the source's interval doubled per
   * consecutive failure (capped), or the server's Retry-After when longer. Returns the failure
   * count and whether this failure made the source "failing".
   */
  async recordFailure(
    sourceId: string,
    failure: { reason: string; message: string; retryAfterMs?: number | undefined },
    policy: { intervalMs: number; maxBackoffMs: number; failingAfter: number },
    now = Date.now(),
    random: () => number = Math.random,
  ): Promise<{ failures: number; becameFailing: boolean; notBefore: number }> {
    const key = this.keys.source(sourceId);
    const [[, failuresRaw] = [], [, wasFailing] = []] =
      (await this.redis.multi().hincrby(key, 'consecutiveFailures', 1).hget(key, 'failing').exec()) ?? [];
    const failures = Number(failuresRaw) || 1;
    const exp = Math.min(policy.maxBackoffMs, policy.intervalMs * 2 ** Math.min(failures - 1, 20));
    const backoff = Math.round(exp * (1 - 0.25 * random()));
    const notBefore = now + Math.max(backoff, failure.retryAfterMs ?? 0);
    const failing = failures >= policy.failingAfter;
    await this.redis
      .multi()
      .hincrby(key, 'polls', 1)
      .hincrby(key, 'errors', 1)
      .hset(key, {
        lastPollAt: iso(now),
        lastError: failure.message.slice(0, 500),
        lastErrorReason: failure.reason,
        lastErrorAt: iso(now),
        failing: failing ? 1 : 0,
        notBefore,
      })
      .exec();
    return { failures, becameFailing: failing && wasFailing !== '1', notBefore };
  }

  /** Holds the next poll back, e.g. after a 429 on a proxy link. */
  async deferUntil(sourceId: string, notBefore: number): Promise<void> {
    await this.redis.hset(this.keys.source(sourceId), 'notBefore', notBefore);
  }
}
