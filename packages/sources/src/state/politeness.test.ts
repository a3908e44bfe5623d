import { describe, expect, it } from '@dyad/testkit';
import { keysFor, redisFor } from '../testing/test-helpers.ts';
import { Politeness, politenessKey } from './politeness.ts';

describe('Politeness', () => {
  it('counts hosts by registrable domain', () => {
    expect(politenessKey('www.hespress.com')).toBe('hespress.com');
    expect(politenessKey('fr.hespress.com')).toBe('hespress.com');
    expect(politenessKey('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(politenessKey('127.0.0.1')).toBe('127.0.0.1');
  });

  it('holds at most N requests per domain at once and starts them at least the minimum delay apart, across replicas', async ({
    redis,
  }) => {
    const a = redisFor(redis.url);
    const b = redisFor(redis.url);
    try {
      const options = { concurrency: 2, minDelayMs: 100, leaseMs: 10_000 };
      // Two replicas, each with its own connection: one budget in Redis.
      const replicas = [
        new Politeness(a, keysFor(redis.namespace), options),
        new Politeness(b, keysFor(redis.namespace), options),
      ];
      const starts: number[] = [];
      let active = 0;
      let maxActive = 0;
      await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const lease = await (replicas[i % 2] as Politeness).acquire(
            i % 2 ? 'www.example.ma' : 'fr.example.ma',
          );
          if ('waitMs' in lease) throw new Error('gave up');
          starts.push(Date.now());
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 250));
          active--;
          await lease.release();
        }),
      );
      starts.sort((x, y) => x - y);
      const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
      expect(maxActive).toBeLessThanOrEqual(2);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  it('gives up rather than wait past maxWaitMs after a server asked for a pause', async ({ redis }) => {
    const client = redisFor(redis.url);
    try {
      const politeness = new Politeness(client, keysFor(redis.namespace), {
        concurrency: 2,
        minDelayMs: 0,
        leaseMs: 10_000,
      });
      await politeness.block('www.example.kz', 60_000);
      const result = await politeness.acquire('news.example.kz', { maxWaitMs: 1_000 });
      expect('waitMs' in result && result.waitMs).toBeGreaterThan(58_000);
      const other = await politeness.acquire('example.ma', { maxWaitMs: 1_000 });
      expect('release' in other).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});
