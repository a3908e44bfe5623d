import { writeFileSync } from 'node:fs';
import { names as makeNames } from '@dyad/contracts';
import { FixtureServer, installScenarios, MIXED_LINKS } from '@dyad/sources/testing';
import { describe, eventually, expect, it } from '@dyad/testkit';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { schedulerId } from './sources/schedules.ts';
import { openBus, publishedArticles, startService, testEnv } from './testing/service-harness.ts';
import { tempFile } from './testing/test-helpers.ts';

const server = new FixtureServer();

beforeAll(async () => {
  installScenarios(server);
  await server.start();
});
afterAll(() => server.stop());

function sourcesYaml(entries: string[]): string {
  return `sources:\n${entries.join('\n')}\n`;
}

function rssSource(id: string, path: string, extra = ''): string {
  return `  - id: ${id}\n    name: ${id}\n    url: ${server.url(path)}\n    kind: rss\n    lang: en\n    focused: true\n    interval: 1s\n${extra}`;
}

describe('FetcherService', () => {
  it('polls its sources, fetches each new article once and publishes it, and fails refused ones with the reason', {
    timeout: 60_000,
  }, async ({ nats, redis }) => {
    const file = tempFile('sources.yaml', sourcesYaml([rssSource('mixed', '/mixed/feed.xml')]));
    const service = await startService(
      testEnv({ natsUrl: nats.url, redisUrl: redis.url, namespace: nats.namespace, sourcesFile: file }),
    );
    const bus = await openBus(nats.url, nats.namespace);
    const names = makeNames(nats.namespace);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const fetchQueue = new Queue('fetch', { connection, prefix: names.queuePrefix() });
    try {
      const total = MIXED_LINKS.published.length + Object.keys(MIXED_LINKS.refused).length;
      const settled = await eventually(
        async () => {
          const counts = await fetchQueue.getJobCounts('completed', 'failed');
          return (counts.completed ?? 0) + (counts.failed ?? 0) === total ? counts : undefined;
        },
        45_000,
        'every fetch job settled',
      );
      expect(settled).toEqual({
        completed: MIXED_LINKS.published.length,
        failed: Object.keys(MIXED_LINKS.refused).length,
      });

      const articles = await publishedArticles(bus);
      const byUrl = new Map(articles.map((a) => [a.url, a]));
      expect([...byUrl.keys()].sort()).toEqual(MIXED_LINKS.published.map((p) => server.url(p)).sort());
      expect(articles).toHaveLength(MIXED_LINKS.published.length);

      const redirected = byUrl.get(server.url('/redirect/1'));
      expect(redirected?.http?.finalUrl).toBe(server.url('/articles/landing'));
      expect(redirected?.feed).toEqual({
        title: 'Item 0 /redirect/1',
        publishedAt: '2025-06-03T10:00:00.000Z',
        summary: 'Summary of /redirect/1',
      });
      expect(byUrl.get(server.url('/br/article'))?.body).toMatchObject({
        contentType: 'text/html',
        charset: 'utf-8',
      });
      const arabic = byUrl.get(server.url('/ar/article/1'));
      expect(arabic?.body.charset).toBe('windows-1256');
      const arabicBody = arabic?.body;
      expect(arabicBody && 'inline' in arabicBody ? arabicBody.inline : '').toContain('المغرب وكازاخستان');
      const big = byUrl.get(server.url('/big/article'))?.body;
      expect(big && 'objectKey' in big).toBe(true);
      const raw = await bus.rawStore();
      expect(await raw.readBody(big ?? { contentType: 'x', charset: 'x', inline: '' })).toContain(
        'Kazakhstan Morocco.',
      );

      const failed = await fetchQueue.getJobs(['failed']);
      const reasons = Object.fromEntries(failed.map((j) => [new URL(j.data.url).pathname, j.failedReason]));
      for (const [path, reason] of Object.entries(MIXED_LINKS.refused)) {
        expect(reasons[path], path).toMatch(new RegExp(`^${reason}: `));
      }
      expect(reasons['/to-metadata']).toContain('169.254.169.254 is a metadata address');
      expect(reasons['/to-private']).toContain('10.0.0.1 is a private address');
      expect(failed.find((j) => j.data.url === server.url('/doc.pdf'))?.attemptsMade).toBe(1);

      // Fetched once each, however many polls ran; the flaky one twice (500, then success);
      // refused addresses and robots-disallowed pages never.
      expect(server.count('/mixed/feed.xml')).toBeGreaterThan(1);
      for (const p of ['/redirect/1', '/br/article', '/big/article', '/ar/article/1', '/doc.pdf', '/gone']) {
        expect(server.count(p), p).toBe(1);
      }
      expect(server.count('/flaky/article-2')).toBe(2);
      expect(server.count('/private/article')).toBe(0);

      const metrics = await (await fetch(`http://127.0.0.1:${service.runtime.port}/metrics`)).text();
      expect(metrics).toMatch(/dyad_fetcher_items_total\{[^}]*source="mixed"[^}]*result="new"[^}]*\} 13/);
      expect(metrics).toMatch(/dyad_fetcher_polls_total\{[^}]*source="mixed"[^}]*outcome="ok"/);
      expect(metrics).toMatch(/dyad_fetcher_fetches_total\{[^}]*outcome="refused-address"[^}]*\} 2/);
    } finally {
      await fetchQueue.close();
      connection.disconnect();
      await bus.close();
      await service.stop();
    }
  });

  it('takes an added, changed or removed source into account without a restart, and refuses a bad edit', {
    timeout: 60_000,
  }, async ({ nats, redis }) => {
    const file = tempFile('sources.yaml', sourcesYaml([rssSource('guid', '/guid/feed.xml')]));
    const service = await startService(
      testEnv({ natsUrl: nats.url, redisUrl: redis.url, namespace: nats.namespace, sourcesFile: file }),
    );
    const names = makeNames(nats.namespace);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const pollQueue = new Queue('poll', { connection, prefix: names.queuePrefix() });
    const schedules = async () =>
      Object.fromEntries(
        (await pollQueue.getJobSchedulers(0, -1, true)).map((s) => [s.key, Number(s.every)]),
      );
    try {
      expect(await schedules()).toEqual({ [schedulerId('guid')]: 1_000 });
      await eventually(
        async () => (server.count('/guid/article') === 1 ? true : undefined),
        10_000,
        'guid article fetched',
      );

      // Added.
      writeFileSync(
        file,
        sourcesYaml([rssSource('guid', '/guid/feed.xml'), rssSource('flaky', '/flaky/feed.xml')]),
      );
      await eventually(
        async () => ((await schedules())[schedulerId('flaky')] ? true : undefined),
        5_000,
        'flaky scheduled',
      );
      await eventually(
        async () => (server.count('/flaky/article') === 1 ? true : undefined),
        15_000,
        'flaky article fetched',
      );

      // Changed.
      writeFileSync(
        file,
        sourcesYaml([
          rssSource('guid', '/guid/feed.xml').replace('interval: 1s', 'interval: 1h'),
          rssSource('flaky', '/flaky/feed.xml'),
        ]),
      );
      await eventually(
        async () => ((await schedules())[schedulerId('guid')] === 3_600_000 ? true : undefined),
        5_000,
        'interval changed',
      );

      // A bad edit is refused: the list in force stays.
      writeFileSync(file, 'sources:\n  - id: Bad Id\n    url: nope\n');
      await new Promise((r) => setTimeout(r, 800));
      expect(Object.keys(await schedules()).sort()).toEqual(
        [schedulerId('flaky'), schedulerId('guid')].sort(),
      );

      // Removed.
      writeFileSync(file, sourcesYaml([rssSource('flaky', '/flaky/feed.xml')]));
      await eventually(
        async () => ((await schedules())[schedulerId('guid')] === undefined ? true : undefined),
        5_000,
        'guid removed',
      );
      expect(await schedules()).toEqual({ [schedulerId('flaky')]: 1_000 });
      const metrics = await (await fetch(`http://127.0.0.1:${service.runtime.port}/metrics`)).text();
      expect(metrics).toMatch(/dyad_fetcher_sources_reload_errors_total\{[^}]*\} 1/);
    } finally {
      await pollQueue.close();
      connection.disconnect();
      await service.stop();
    }
  });

  it('refuses to start on an invalid sources file, naming the problems', async ({ nats, redis }) => {
    const file = tempFile('sources.yaml', 'sources:\n  - id: x\n    kind: ftp\n');
    const error = await startService(
      testEnv({ natsUrl: nats.url, redisUrl: redis.url, namespace: nats.namespace, sourcesFile: file }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/sources\.yaml: sources\.0/);
  });
});
