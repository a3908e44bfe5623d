/**
 * Bounded storage at the fetcher: when the ARTICLES stream is at its byte limit (discard: new), the
 * fetch job is deferred with a growing delay and no attempt spent (nothing in the failed set,
 * nothing dropped), and the article is published once the stream has room again.
 */
import { NatsBus } from '@dyad/bus';
import { names as makeNames } from '@dyad/contracts';
import { articlePage, FixtureServer, rssFeed, send } from '@dyad/sources/testing';
import { describe, eventually, expect, it } from '@dyad/testkit';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { publishedArticles, startService, testEnv } from './testing/service-harness.ts';
import { tempFile } from './testing/test-helpers.ts';

const LIMIT = 16 * 1_024;
const server = new FixtureServer();

beforeAll(async () => {
  server
    .route('/full/feed.xml', (_req, res, s) =>
      send(
        res,
        200,
        'application/rss+xml',
        rssFeed('full', [{ title: 'Morocco Kazakhstan', link: s.url('/full/article') }]),
      ),
    )
    .route('/full/article', (_req, res) =>
      send(res, 200, 'text/html; charset=utf-8', articlePage('Morocco and Kazakhstan', 'Talks in Rabat.')),
    );
  await server.start();
});
afterAll(() => server.stop());

describe('fetcher and a full ARTICLES stream', () => {
  it('defers the fetch job without spending an attempt while the stream is full, and publishes once there is room', {
    timeout: 60_000,
  }, async ({ nats, redis }) => {
    const names = makeNames(nats.namespace);
    const bus = await NatsBus.connect({
      url: nats.url,
      name: 'test',
      names,
      streamLimits: { ARTICLES: LIMIT },
    });
    const filler = names.subject('article.cleaned');
    for (let i = 0; ; i++) {
      const refused = await bus.js
        .publish(filler, new Uint8Array(500), { msgID: `filler-${i}` })
        .then(() => false)
        .catch(() => true);
      if (refused) break;
    }
    const file = tempFile(
      'sources.yaml',
      `sources:\n  - id: full\n    name: full\n    url: ${server.url('/full/feed.xml')}\n    kind: rss\n    lang: en\n    focused: true\n    interval: 1s\n`,
    );
    const service = await startService(
      testEnv({
        natsUrl: nats.url,
        redisUrl: redis.url,
        namespace: nats.namespace,
        sourcesFile: file,
        extra: { ARTICLES_MAX_BYTES: String(LIMIT) },
      }),
    );
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const fetchQueue = new Queue('fetch', { connection, prefix: names.queuePrefix() });
    try {
      // Fetched, refused by the stream, deferred: delayed with no attempt made, never failed.
      const deferred = await eventually(
        async () => {
          const [job] = await fetchQueue.getJobs(['delayed']);
          return job && server.count('/full/article') >= 1 ? job : undefined;
        },
        30_000,
        'the fetch job deferred',
      );
      expect(deferred.attemptsMade).toBe(0);
      expect(await fetchQueue.getJobCounts('failed', 'completed')).toEqual({ failed: 0, completed: 0 });
      const metrics = await (await fetch(`http://127.0.0.1:${service.runtime.port}/metrics`)).text();
      expect(metrics).toMatch(/dyad_fetcher_fetches_total\{[^}]*outcome="stream-full"[^}]*\} [1-9]/);

      // Room again: the article is published, once.
      await bus.jsm.streams.purge(names.stream('ARTICLES'), { filter: filler });
      await eventually(
        async () => ((await fetchQueue.getJobCounts('completed')).completed === 1 ? true : undefined),
        30_000,
        'the fetch job completed',
      );
      const articles = await publishedArticles(bus);
      expect(articles.map((a) => a.url)).toEqual([server.url('/full/article')]);
      expect((await fetchQueue.getJobCounts('failed')).failed).toBe(0);
    } finally {
      await fetchQueue.close();
      connection.disconnect();
      await service.stop();
      await bus.close();
    }
  });
});
