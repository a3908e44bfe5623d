import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { getDomain } from 'tldts';
import type { HostBudget, HostLease } from '../net/http-fetcher.ts';
import type { FetcherKeys } from './keys.ts';

/**
 * Per registrable domain (tldts: news.example.co.uk and www.example.co.uk share one budget): at
 * most `concurrency` requests at once and at least `minDelayMs` between two request starts. The
 * state is in Redis with Redis's clock, so every replica and every worker shares one budget.
 * A lease expires by itself, so a process killed mid-request does not block the domain.
 */

export interface PolitenessOptions {
  readonly concurrency: number;
  readonly minDelayMs: number;
  /** How long a lease holds a slot at most (longer than any request). */
  readonly leaseMs: number;
}

/** The key a host's budget is counted under: its registrable domain, else the host itself (IPs). */
export function politenessKey(hostname: string): string {
  return getDomain(hostname) ?? hostname.toLowerCase();
}

// Returns 0 when the lease was taken, else how long to wait (ms) before trying again.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
local concurrency = tonumber(ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= concurrency then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local untilExpiry = tonumber(first[2]) - now
  if untilExpiry < 25 then return untilExpiry + 1 end
  return 25
end
local minDelay = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease * 2)
if minDelay > 0 then redis.call('SET', KEYS[2], now + minDelay, 'PX', minDelay + 1000) end
return 0
`;

// Pushes the domain's next start to now + ms (never earlier than it already is).
const BLOCK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if target > nextAt then redis.call('SET', KEYS[1], target, 'PX', tonumber(ARGV[1]) + 1000) end
return target
`;

export class Politeness implements HostBudget {
  private readonly redis: Redis;
  private readonly keys: FetcherKeys;
  private readonly options: PolitenessOptions;

  constructor(redis: Redis, keys: FetcherKeys, options: PolitenessOptions) {
    this.redis = redis;
    this.keys = keys;
    this.options = options;
  }

  /**
   * Waits for a slot of the URL's domain. `maxWaitMs`: give up (returning the wait still needed)
   * rather than hold a worker for long, e.g. when a server asked for an hour's pause.
   */
  async acquire(
    hostname: string,
    options: { minDelayMs?: number; maxWaitMs?: number } = {},
  ): Promise<HostLease | { waitMs: number }> {
    const domain = politenessKey(hostname);
    const token = randomUUID();
    const minDelay = Math.max(this.options.minDelayMs, options.minDelayMs ?? 0);
    const giveUpAt = Date.now() + (options.maxWaitMs ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const wait = Number(
        await this.redis.eval(
          ACQUIRE,
          2,
          this.keys.hostActive(domain),
          this.keys.hostNext(domain),
          token,
          this.options.concurrency,
          minDelay,
          this.options.leaseMs,
        ),
      );
      if (wait <= 0) {
        return {
          domain,
          release: async () => {
            await this.redis.zrem(this.keys.hostActive(domain), token);
          },
        };
      }
      if (Date.now() + wait > giveUpAt) return { waitMs: wait };
      // A little jitter keeps waiting workers from asking in lockstep.
      await new Promise((r) => setTimeout(r, Math.min(wait, 1_000) + Math.random() * Math.min(wait, 5)));
    }
  }

  /** The server asked for a pause (429/503 Retry-After): no request to its domain before then. */
  async block(hostname: string, ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.redis.eval(BLOCK, 1, this.keys.hostNext(politenessKey(hostname)), Math.ceil(ms));
  }
}
