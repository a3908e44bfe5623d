import { fileURLToPath } from 'node:url';
import { names as makeNames } from '@dyad/contracts';
import { FixtureServer, installScenarios, type ScenarioState } from '@dyad/sources/testing';
import { describe, eventually, expect, it, TestProcess } from '@dyad/testkit';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { openBus, publishedArticles, testEnv } from './testing/service-harness.ts';
import { sleep, tempFile } from './testing/test-helpers.ts';

const server = new FixtureServer();
let state: ScenarioState;
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const ARTICLES = ['1-1', '1-2', '2-1', '2-2'].map((k) => `/sitemap-article/${k}`);

beforeAll(async () => {
  state = installScenarios(server);
  await server.start();
});
afterAll(() => server.stop());

function fetcherProcess(name: string, env: Record<string, string>): TestProcess {
  return new TestProcess({ name, command: process.execPath, args: ['--conditions=dyad:source', MAIN], env });
}

describe('fetcher process', () => {
  it('killed mid-poll (SIGKILL) loses no item and fetches none twice after a restart', {
    timeout: 90_000,
  }, async ({ nats, redis }) => {
    const sources = tempFile(
      'sources.yaml',
      `sources:\n  - id: sitemap\n    name: sitemap\n    url: ${server.url('/sitemaps/index.xml')}\n    kind: sitemap\n    lang: en\n    focused: true\n    interval: 1s\n`,
    );
    const env = testEnv({
      natsUrl: nats.url,
      redisUrl: redis.url,
      namespace: nats.namespace,
      sourcesFile: sources,
      extra: { LOG_LEVEL: 'info', FETCH_TIMEOUT_MS: '30000', SITEMAP_MAX_CHILDREN: '2' },
    });
    const bus = await openBus(nats.url, nats.namespace);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const fetchQueue = new Queue('fetch', { connection, prefix: makeNames(nats.namespace).queuePrefix() });
    // The second news sitemap hangs: the poll is in progress when the process is killed.
    state.holdSitemap2 = true;
    const first = fetcherProcess('fetcher-1', env);
    let second: TestProcess | undefined;
    try {
      await first.waitForLine(/polling and fetching/);
      await eventually(
        async () => {
          const urls = new Set((await publishedArticles(bus)).map((a) => new URL(a.url).pathname));
          return server.count('/sitemaps/news-2.xml') > 0 &&
            urls.has(ARTICLES[0] ?? '') &&
            urls.has(ARTICLES[1] ?? '')
            ? true
            : undefined;
        },
        30_000,
        'first sitemap fetched, second one pending',
      );
      await sleep(300);
      first.signal('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');

      state.holdSitemap2 = false;
      second = fetcherProcess('fetcher-2', env);
      await second.waitForLine(/polling and fetching/);
      const published = await eventually(
        async () => {
          const articles = await publishedArticles(bus);
          const paths = new Set(articles.map((a) => new URL(a.url).pathname));
          return ARTICLES.every((p) => paths.has(p)) ? articles : undefined;
        },
        40_000,
        'all four articles published',
      );
      // Polls keep running; give a duplicate the chance to show up.
      await sleep(2_500);
      expect(server.count('/sitemaps/index.xml')).toBeGreaterThan(2);
      for (const path of ARTICLES) expect(server.count(path), path).toBe(1);
      expect(new Set(published.map((a) => a.articleId)).size).toBe(ARTICLES.length);
      expect((await publishedArticles(bus)).length).toBe(ARTICLES.length);
      const counts = await fetchQueue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      expect(counts).toMatchObject({ completed: ARTICLES.length, failed: 0 });
    } catch (error) {
      console.log(first.output());
      if (second) console.log(second.output());
      throw error;
    } finally {
      state.holdSitemap2 = false;
      await first.stop();
      if (second) await second.stop();
      await fetchQueue.close();
      connection.disconnect();
      await bus.close();
    }
  });
});
