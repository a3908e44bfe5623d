import { describe, expect, it } from 'vitest';
import { freshnessMs, nextPollNotBefore, retryAfterMs } from './cache-policy.ts';

describe('cache policy', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': 'Sun, 01 Jun 2025 12:05:00 GMT' }, now)).toBe(300_000);
    expect(retryAfterMs({}, now)).toBeUndefined();
  });

  it('reads max-age, then Expires − Date; no-cache means no wait', () => {
    expect(freshnessMs({ 'cache-control': 'public, max-age=900' }, now)).toBe(900_000);
    expect(
      freshnessMs({ expires: 'Sun, 01 Jun 2025 13:00:00 GMT', date: 'Sun, 01 Jun 2025 12:00:00 GMT' }, now),
    ).toBe(3_600_000);
    expect(freshnessMs({ 'cache-control': 'no-cache, max-age=900' }, now)).toBe(0);
    expect(freshnessMs({}, now)).toBeUndefined();
  });

  it('polls next no sooner than the longest of freshness, feed ttl and Retry-After, within a cap', () => {
    expect(nextPollNotBefore(now, { freshnessMs: 60_000, feedTtlMs: 1_800_000 }, 86_400_000)).toBe(
      now + 1_800_000,
    );
    expect(nextPollNotBefore(now, { retryAfterMs: 7 * 86_400_000 }, 86_400_000)).toBe(now + 86_400_000);
    expect(nextPollNotBefore(now, {}, 86_400_000)).toBe(now);
  });
});
