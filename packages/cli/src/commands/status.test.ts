import { ensureTopology, publishDeadLetter, TypedQueue } from '@dyad/bus';
import { articleIdFor, type DeadLetter, seedUrl, stages } from '@dyad/contracts';
import { deleteNamespaceKeys, describe, expect, it } from '@dyad/testkit';
import { Redis } from 'ioredis';
import { main } from '../main.ts';
import { openBus, testIo } from '../test-helpers.ts';
import type { StatusReport } from './status.ts';

function deadLetter(consumer: string, streamSeq: number): DeadLetter {
  return {
    schema: 1,
    consumer,
    stream: 'x_ARTICLES',
    subject: 'x.article.fetched',
    streamSeq,
    deliveryCount: 1,
    reason: { code: 'invalid', message: 'does not match the article.fetched v1 schema' },
    headers: {},
    payload: '{}',
    payloadEncoding: 'utf8',
    failedAt: '2026-01-02T03:04:05.000Z',
  };
}

describe('dyad status', () => {
  it('reports streams, consumers, dead letters, queues and what each stage does', async ({ nats, redis }) => {
    const ns = nats.namespace;
    const bus = await openBus(nats.url, ns);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const fetchQueue = new TypedQueue('fetch', connection, bus.names);
    try {
      await ensureTopology(bus.jsm, bus.names);
      for (const n of [1, 2, 3]) {
        const url = seedUrl(`f${n}.txt`);
        await bus.publisher.publish('articleFetched', {
          schema: 1,
          articleId: articleIdFor(url),
          url,
          sourceId: 'test',
          origin: 'replay',
          fetchedAt: '2026-01-02T03:04:05.000Z',
          body: { contentType: 'text/plain', charset: 'utf-8', inline: `Title ${n}\n\nText` },
        });
      }
      await publishDeadLetter(bus.js, bus.names, deadLetter('cleaner', 1));
      await publishDeadLetter(bus.js, bus.names, deadLetter('cleaner', 2));
      await publishDeadLetter(bus.js, bus.names, deadLetter('indexer', 3));
      await fetchQueue.add({
        schema: 1,
        articleId: articleIdFor('https://example.test/a'),
        url: 'https://example.test/a',
        sourceId: 'test',
      });

      const io = testIo({ natsUrl: nats.url, redisUrl: redis.url, namespace: ns });
      expect(await main(['status', '--json'], io)).toBe(0);
      const report = JSON.parse(io.stdout.text()) as StatusReport;
      expect(report.namespace).toBe(ns);
      expect(report.streams.map((s) => [s.stream, s.messages])).toEqual([
        [`${ns}_ARTICLES`, 3],
        [`${ns}_EVENTS`, 0],
        [`${ns}_DLQ`, 3],
      ]);
      expect(report.streams[0]?.firstTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(report.consumers).toEqual([
        {
          name: 'cleaner',
          stream: `${ns}_ARTICLES`,
          subject: 'article.fetched',
          deadLetters: 2,
          exists: true,
          pending: 3,
          ackPending: 0,
          redelivered: 0,
        },
        expect.objectContaining({ name: 'extractor', exists: true, pending: 0, deadLetters: 0 }),
        expect.objectContaining({ name: 'indexer', exists: true, pending: 0, deadLetters: 1 }),
      ]);
      expect(report.deadLetters).toEqual({ total: 3, byConsumer: { cleaner: 2, indexer: 1 } });
      expect(report.queues).toEqual([
        { name: 'poll', waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 },
        { name: 'fetch', waiting: 1, active: 0, delayed: 0, failed: 0, completed: 0 },
      ]);
      expect(report.stages.map((s) => [s.name, s.does])).toEqual(
        Object.entries(stages).map(([name, s]) => [name, s.does]),
      );

      const human = testIo({ natsUrl: nats.url, redisUrl: redis.url, namespace: ns });
      expect(await main(['status'], human)).toBe(0);
      const text = human.stdout.text();
      expect(text).toMatch(new RegExp(`${ns}_ARTICLES +3 `));
      expect(text).toMatch(/cleaner +article\.fetched +3 +0 +0 +2\n/);
      expect(text).toMatch(/fetch +1 +0 +0 +0 +0\n/);
      expect(text).toContain('Dead letters: 3 (cleaner 2, indexer 1)');
      // Every stage's text, as wrapped on screen.
      const flat = text.replace(/\n {4}/g, ' ');
      for (const stage of Object.values(stages)) expect(flat).toContain(stage.does);
    } finally {
      await fetchQueue.close();
      connection.disconnect();
      await bus.close();
      await deleteNamespaceKeys(redis.url, ns);
    }
  });

  it('says "not created yet" and creates nothing on a fresh namespace', async ({ nats, redis }) => {
    const io = testIo({ natsUrl: nats.url, redisUrl: redis.url, namespace: nats.namespace });
    expect(await main(['status'], io)).toBe(0);
    const text = io.stdout.text();
    expect(text).toMatch(new RegExp(`${nats.namespace}_ARTICLES +- +- +- +- +not created yet`));
    expect(text).toMatch(/cleaner +article\.fetched +- +- +- +0 +not created yet/);
    expect(text).toContain('Dead letters: none');
    const bus = await openBus(nats.url, nats.namespace, false);
    try {
      const streams: string[] = [];
      for await (const name of bus.jsm.streams.names()) streams.push(name);
      expect(streams.filter((s) => s.startsWith(`${nats.namespace}_`))).toEqual([]);
    } finally {
      await bus.close();
    }
    const redisClient = new Redis(redis.url);
    try {
      expect(await redisClient.keys(`dyad:${nats.namespace}:*`)).toEqual([]);
    } finally {
      redisClient.disconnect();
    }
  });

  it('names the unreachable server and exits 1 without hanging', async () => {
    const started = Date.now();
    const io = testIo({ natsUrl: 'nats://127.0.0.1:1', redisUrl: 'redis://127.0.0.1:2' });
    expect(await main(['status'], io)).toBe(1);
    expect(io.stderr.text()).toContain('cannot use NATS at nats://127.0.0.1:1: connection refused');
    expect(io.stderr.text()).toContain('cannot reach Redis at redis://127.0.0.1:2: connect ECONNREFUSED');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
