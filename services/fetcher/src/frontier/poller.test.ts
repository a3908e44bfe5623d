import { articleIdFor } from '@dyad/contracts';
import {
  ARABIC_ITEMS,
  FixtureServer,
  FRENCH_ITEMS,
  installScenarios,
  type ScenarioState,
} from '@dyad/sources/testing';
import { describe, expect, it } from '@dyad/testkit';
import { afterAll, beforeAll } from 'vitest';
import { pollerHarness } from '../testing/poller-harness.ts';

const server = new FixtureServer();
let state: ScenarioState;

beforeAll(async () => {
  state = installScenarios(server);
  await server.start();
});
afterAll(() => server.stop());

describe('Poller', () => {
  it('queues the relevant items of an Arabic windows-1256 feed, with their title, date and summary', async ({
    redis,
  }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      { id: 'ar', name: 'Arabic', url: server.url('/ar/feed.xml'), kind: 'rss', lang: 'ar', country: 'MA' },
    ]);
    try {
      const result = await h.poller.poll('ar');
      // A Moroccan outlet: fetched when Kazakhstan is named; the Casablanca weather is not.
      expect(result).toMatchObject({ outcome: 'ok', newItems: 2, filtered: 1, duplicates: 0 });
      const jobs = await h.jobs();
      expect(jobs.map((j) => j.url)).toEqual([
        server.url(ARABIC_ITEMS[0].path),
        server.url(ARABIC_ITEMS[1].path),
      ]);
      expect(jobs[0]).toMatchObject({
        articleId: articleIdFor(server.url(ARABIC_ITEMS[0].path)),
        sourceId: 'ar',
        feed: {
          title: ARABIC_ITEMS[0].title,
          publishedAt: '2025-06-01T09:00:00.000Z',
          summary: `${ARABIC_ITEMS[0].title}.`,
        },
      });
      const stored = await h.states.get('ar');
      expect(stored).toMatchObject({
        polls: 1,
        newItems: 2,
        filtered: 1,
        consecutiveFailures: 0,
        failing: false,
      });
      expect(stored.lastSuccessAt).toBeDefined();
    } finally {
      await h.close();
    }
  });

  it('reads a French Atom feed, then sends a conditional GET no sooner than max-age and gets 304', async ({
    redis,
  }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      { id: 'fr', name: 'French', url: server.url('/fr/atom.xml'), kind: 'rss', lang: 'fr' },
    ]);
    try {
      const now = Date.now();
      expect(await h.poller.poll('fr', now)).toMatchObject({ outcome: 'ok', newItems: 2, filtered: 1 });
      const urls = (await h.jobs()).map((j) => j.url);
      // An international outlet: both countries named (Astana + marocaine counts); Kazakhstan alone does not.
      expect(urls).toEqual([server.url(FRENCH_ITEMS[0].path), server.url(FRENCH_ITEMS[1].path)]);
      const notBefore = (await h.states.get('fr')).notBefore;
      expect(notBefore).toBeGreaterThanOrEqual(now + 600_000);
      const requests = server.count('/fr/atom.xml');
      expect(await h.poller.poll('fr', now + 60_000)).toMatchObject({ outcome: 'not-due' });
      expect(server.count('/fr/atom.xml')).toBe(requests);
      expect(await h.poller.poll('fr', now + 601_000)).toMatchObject({
        outcome: 'not-modified',
        newItems: 0,
      });
      expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"atom-v1"');
      expect(await h.states.get('fr')).toMatchObject({ polls: 2, notModified: 1 });
    } finally {
      await h.close();
    }
  });

  it('reads a news sitemap index: its most recent sitemaps, with publication dates', async ({ redis }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      {
        id: 'sm',
        name: 'Sitemap',
        url: server.url('/sitemaps/index.xml'),
        kind: 'sitemap',
        lang: 'en',
        focused: true,
      },
    ]);
    try {
      expect(await h.poller.poll('sm')).toMatchObject({ outcome: 'ok', newItems: 4 });
      const jobs = await h.jobs();
      expect(jobs.map((j) => j.url)).toEqual(
        ['1-1', '1-2', '2-1', '2-2'].map((k) => server.url(`/sitemap-article/${k}`)),
      );
      expect(jobs[0]?.feed).toEqual({
        title: 'Kazakhstan and Morocco 1-1',
        publishedAt: '2025-06-01T06:00:00.000Z',
      });
      expect(server.count('/sitemaps/archive-2019.xml')).toBe(0);
      // Polled again: the index and its sitemaps answer 304; the sitemaps are still asked (from the stored list).
      const before = server.count('/sitemaps/news-2.xml');
      expect(await h.poller.poll('sm')).toMatchObject({ outcome: 'not-modified', newItems: 0 });
      expect(server.count('/sitemaps/news-2.xml')).toBe(before + 1);
      expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"news2-v1"');
    } finally {
      await h.close();
    }
  });

  it('reads the article links of an HTML listing page by its selector', async ({ redis }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      {
        id: 'html',
        name: 'Listing',
        url: server.url('/listing.html'),
        kind: 'html',
        selector: '.news li',
        lang: 'fr',
        focused: true,
      },
    ]);
    try {
      expect(await h.poller.poll('html')).toMatchObject({ outcome: 'ok', newItems: 2 });
      const jobs = await h.jobs();
      expect(jobs.map((j) => j.url)).toEqual([server.url('/html/a1'), server.url('/html/a2')]);
      expect(jobs[0]?.feed).toEqual({
        title: 'Rabat et Astana signent un accord',
        publishedAt: '2025-06-04T09:00:00.000Z',
      });
    } finally {
      await h.close();
    }
  });

  it('after a 429 polls again no sooner than Retry-After, recording the reason', async ({ redis }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      {
        id: 'limited',
        name: 'Limited',
        url: server.url('/limited/feed.xml'),
        kind: 'rss',
        lang: 'en',
        interval: '1s',
      },
    ]);
    try {
      const now = Date.now();
      expect(await h.poller.poll('limited', now)).toMatchObject({ outcome: 'error' });
      const stored = await h.states.get('limited');
      expect(stored).toMatchObject({ lastErrorReason: 'rate-limited', consecutiveFailures: 1, errors: 1 });
      expect(stored.lastError).toMatch(/HTTP 429, retry after 120000 ms/);
      expect(stored.notBefore).toBeGreaterThanOrEqual(now + 120_000);
      const requests = server.count('/limited/feed.xml');
      expect(await h.poller.poll('limited', now + 5_000)).toMatchObject({ outcome: 'not-due' });
      expect(server.count('/limited/feed.xml')).toBe(requests);
    } finally {
      await h.close();
    }
  });

  it('records a 500, backs off, then succeeds and clears the failure', async ({ redis }) => {
    state.flakyFailures = 1;
    const h = await pollerHarness(redis.url, redis.namespace, [
      {
        id: 'flaky',
        name: 'Flaky',
        url: server.url('/flaky/feed.xml'),
        kind: 'rss',
        lang: 'en',
        focused: true,
        interval: '1s',
      },
    ]);
    try {
      const now = Date.now();
      expect(await h.poller.poll('flaky', now)).toMatchObject({
        outcome: 'error',
        error: expect.stringMatching(/HTTP 500/),
      });
      expect(await h.states.get('flaky')).toMatchObject({
        lastErrorReason: 'http-server-error',
        consecutiveFailures: 1,
      });
      expect(await h.poller.poll('flaky', now + 10_000)).toMatchObject({ outcome: 'ok', newItems: 1 });
      expect(await h.states.get('flaky')).toMatchObject({
        consecutiveFailures: 0,
        failing: false,
        errors: 1,
      });
    } finally {
      await h.close();
    }
  });

  it('records invalid XML as the reason; failing N times in a row marks the source failing, backed off further each time', async ({
    redis,
  }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      {
        id: 'bad',
        name: 'Bad',
        url: server.url('/invalid/feed.xml'),
        kind: 'rss',
        lang: 'en',
        interval: '1m',
      },
    ]);
    try {
      let now = Date.now();
      const waits: number[] = [];
      for (let i = 0; i < 3; i++) {
        expect(await h.poller.poll('bad', now)).toMatchObject({ outcome: 'error' });
        const stored = await h.states.get('bad');
        waits.push(stored.notBefore - now);
        now = stored.notBefore + 1;
      }
      const stored = await h.states.get('bad');
      expect(stored).toMatchObject({
        lastErrorReason: 'invalid-document',
        consecutiveFailures: 3,
        failing: true,
      });
      expect(stored.lastError).toMatch(/not a valid RSS\/Atom\/RDF feed/);
      // 1 min, 2 min, 4 min (less up to 25% jitter): never a hot loop.
      expect(waits[0]).toBeGreaterThanOrEqual(45_000);
      expect(waits[1]).toBeGreaterThanOrEqual(90_000);
      expect(waits[2]).toBeGreaterThanOrEqual(180_000);
      expect((await h.metrics.failing.get()).values[0]?.value).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('records a robots.txt refusal of a feed as its reason', async ({ redis }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      { id: 'private', name: 'Private', url: server.url('/private/feed.xml'), kind: 'rss', lang: 'en' },
    ]);
    try {
      expect(await h.poller.poll('private')).toMatchObject({ outcome: 'error' });
      expect(await h.states.get('private')).toMatchObject({ lastErrorReason: 'refused-robots' });
      expect(server.count('/private/feed.xml')).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('queues one article under three URLs (utm, fragment, feed proxy) once, also when a second source lists it through a redirecting proxy', async ({
    redis,
  }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      { id: 'same', name: 'Same', url: server.url('/same/feed.xml'), kind: 'rss', lang: 'en', focused: true },
      {
        id: 'same2',
        name: 'Same 2',
        url: server.url('/same/feed2.xml'),
        kind: 'rss',
        lang: 'en',
        focused: true,
      },
    ]);
    try {
      expect(await h.poller.poll('same')).toMatchObject({ outcome: 'ok', newItems: 1 });
      expect(await h.poller.poll('same2')).toMatchObject({ outcome: 'ok', newItems: 0, duplicates: 1 });
      const jobs = await h.jobs();
      expect(jobs.map((j) => j.url)).toEqual([server.url('/story/42?id=7')]);
      expect(jobs[0]?.articleId).toBe(articleIdFor(server.url('/story/42?id=7')));
      // The proxy answer is remembered: polling again asks it nothing.
      const proxied = server.count('/fp/~r/same/~3/xyz/story-42');
      await h.another().poll('same2');
      expect(server.count('/fp/~r/same/~3/xyz/story-42')).toBe(proxied);
      expect(server.count('/story/42?id=7')).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('does not take an item whose GUID and title changed, but not its URL, for a new one — also after a restart', async ({
    redis,
  }) => {
    state.guidVersion = 1;
    const sources = [
      {
        id: 'guid',
        name: 'Guid',
        url: server.url('/guid/feed.xml'),
        kind: 'rss' as const,
        lang: 'en' as const,
        focused: true,
      },
    ];
    const h = await pollerHarness(redis.url, redis.namespace, sources);
    try {
      expect(await h.poller.poll('guid')).toMatchObject({ outcome: 'ok', newItems: 1 });
      state.guidVersion = 2;
      // A new poller on the same Redis: the process restarted, or another replica polls.
      const restarted = h.another();
      expect(await restarted.poll('guid')).toMatchObject({ outcome: 'ok', newItems: 0, duplicates: 1 });
      expect(await h.jobs()).toHaveLength(1);
      expect(await h.states.get('guid')).toMatchObject({ newItems: 1, duplicates: 1 });
    } finally {
      state.guidVersion = 1;
      await h.close();
    }
  });

  it('ignores a source no longer in the file, and one that is disabled', async ({ redis }) => {
    const h = await pollerHarness(redis.url, redis.namespace, [
      { id: 'off', name: 'Off', url: server.url('/fr/atom.xml'), kind: 'rss', lang: 'fr', enabled: false },
    ]);
    try {
      expect(await h.poller.poll('gone')).toMatchObject({ outcome: 'unknown-source' });
      expect(await h.poller.poll('off')).toMatchObject({ outcome: 'disabled' });
    } finally {
      await h.close();
    }
  });
});
