import type { Redis } from 'ioredis';
import type { ValidatorStore } from '../listing/source-documents.ts';
import type { Validators } from '../net/http-fetcher.ts';
import type { FetcherKeys } from './keys.ts';

/** ETag / Last-Modified (and a sitemap index's children) per polled URL, in Redis for 30 days. */
export function redisValidatorStore(
  redis: Redis,
  keys: FetcherKeys,
  ttlMs = 30 * 86_400_000,
): ValidatorStore {
  return {
    async get(url) {
      const raw = await redis.get(keys.validators(url));
      if (!raw) return {};
      try {
        return JSON.parse(raw) as Validators & { children?: string[] };
      } catch {
        return {};
      }
    },
    async set(url, validators) {
      await redis.set(keys.validators(url), JSON.stringify(validators), 'PX', ttlMs);
    },
  };
}
