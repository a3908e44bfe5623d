import type { Redis } from 'ioredis';
import type { FetcherKeys } from './keys.ts';

/**
 * The dedup record, in Redis so that it survives restarts and is shared by replicas. An article
 * id is marked once its fetch job is queued (the job id is the article id too, so a second add
 * while the job exists is a no-op). Marking happens after the add: a crash in between leaves the
 * id unmarked and the next poll adds it again, which the job id absorbs; the other order could
 * lose an item.
 */
/** How long a mark is kept unless the fetcher is told otherwise (DEDUP_TTL_MS): 180 days. */
export const DEFAULT_DEDUP_TTL_MS = 180 * 86_400_000;

export class Dedup {
  private readonly redis: Redis;
  private readonly keys: FetcherKeys;
  private readonly ttlSeconds: number;

  /** `ttlMs`: how long a mark is kept (lookups, as `dyad sources test` makes, need none). */
  constructor(redis: Redis, keys: FetcherKeys, ttlMs = DEFAULT_DEDUP_TTL_MS) {
    this.redis = redis;
    this.keys = keys;
    this.ttlSeconds = Math.max(1, Math.round(ttlMs / 1000));
  }

  /** For each id: already queued (by any source), or already turned down for this source. */
  async lookup(sourceId: string, ids: readonly string[]): Promise<{ queued: boolean; filtered: boolean }[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) {
      pipeline.exists(this.keys.article(id));
      pipeline.exists(this.keys.filtered(sourceId, id));
    }
    const results = (await pipeline.exec()) ?? [];
    return ids.map((_, i) => {
      const [queuedErr, queued] = results[2 * i] ?? [];
      const [filteredErr, filtered] = results[2 * i + 1] ?? [];
      if (queuedErr || filteredErr) throw queuedErr ?? filteredErr;
      return { queued: queued === 1, filtered: filtered === 1 };
    });
  }

  async isQueued(id: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.article(id))) === 1;
  }

  /** True when this call marked it (the first to queue it). */
  async markQueued(id: string, sourceId: string): Promise<boolean> {
    return (await this.redis.set(this.keys.article(id), sourceId, 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  async markFiltered(sourceId: string, id: string): Promise<void> {
    await this.redis.set(this.keys.filtered(sourceId, id), '1', 'EX', this.ttlSeconds);
  }
}
