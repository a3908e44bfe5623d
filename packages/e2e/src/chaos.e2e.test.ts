/**
 * The chaos run of `pnpm chaos` (chaos.ts), smaller: 300 articles, half crawled from a loopback
 * site and half replayed, a fifth of them reports of an earlier event in another language, while
 * every service is killed and restarted, nats-server, redis-server and PostgreSQL (servers of the
 * run's own) are restarted once each, and a service is killed during its graceful shutdown. None
 * may be lost, no event announced twice or never, and every dead letter must carry its reason.
 */
import { describe, expect, it } from '@dyad/testkit';
import { runChaos } from './chaos.ts';

describe('chaos', () => {
  it('300 articles through kills and restarts of every service and server: none lost, one new-event per event, dead letters with reasons', async () => {
    const result = await runChaos({ articles: 300, timeoutMs: 540_000, log: (line) => console.info(line) });
    console.info(result.lines.join('\n'));
    expect(result.actions).toEqual([
      'servers and services started',
      'kill -9 cleaner',
      'kill -9 extractor',
      'kill -9 indexer',
      'kill -9 fetcher',
      'restart nats-server',
      'restart redis-server',
      'restart postgres',
      'kill -9 extractor during its graceful shutdown',
      'kill -9 indexer again, and cleaner',
    ]);
    expect(result.lines[0]).toBe('chaos: articles sent 300, stored 300, lost 0');
    expect(result.duplicates).toBe(0);
    expect(result.unannounced).toBe(0);
    expect(result.newEvents).toBe(result.distinctEvents);
    // 240 events of their own and 60 reports of one of them in another language (which join it).
    expect(result.distinctEvents).toBeGreaterThanOrEqual(240);
    expect(result.deadLetters.filter((d) => d.reason === '')).toEqual([]);
    expect(result.ok).toBe(true);
  }, 600_000);
});
