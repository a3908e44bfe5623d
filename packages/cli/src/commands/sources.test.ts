import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { names as makeNames } from '@dyad/contracts';
import { fetcherKeys, SourceStateStore } from '@dyad/sources/state';
import { ARABIC_ITEMS, FixtureServer, installScenarios } from '@dyad/sources/testing';
import { describe, expect, it } from '@dyad/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { main } from '../main.ts';
import { testIo } from '../test-helpers.ts';

const server = new FixtureServer();

beforeAll(async () => {
  installScenarios(server);
  await server.start();
});
afterAll(() => server.stop());

function sourcesFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dyad-cli-sources-')), 'sources.yaml');
  writeFileSync(file, text);
  return file;
}

function ioFor(redisUrl: string, namespace: string) {
  const io = testIo({ redisUrl, namespace });
  return { ...io, env: { ...io.env, FETCH_ALLOW_ADDRESSES: '127.0.0.1', FETCH_TIMEOUT_MS: '2000' } };
}

describe('dyad sources', () => {
  it('lists the sources of the file with what the fetcher recorded, failing ones with their last error', async ({
    redis,
  }) => {
    const file = sourcesFile(
      `sources:\n  - id: ar\n    name: Arabic\n    url: ${server.url('/ar/feed.xml')}\n    kind: rss\n    lang: ar\n    country: MA\n` +
        `  - id: broken\n    name: Broken\n    url: ${server.url('/invalid/feed.xml')}\n    kind: rss\n    lang: en\n    interval: 1h\n`,
    );
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      const store = new SourceStateStore(client, fetcherKeys(makeNames(redis.namespace)));
      await store.recordSuccess('ar', { notModified: false, newItems: 2, duplicates: 3, filtered: 1 }, 0);
      for (let i = 0; i < 5; i++) {
        await store.recordFailure(
          'broken',
          { reason: 'invalid-document', message: 'not a valid RSS/Atom/RDF feed: Unexpected close tag' },
          { intervalMs: 3_600_000, maxBackoffMs: 86_400_000, failingAfter: 5 },
        );
      }
    } finally {
      client.disconnect();
    }
    const io = ioFor(redis.url, redis.namespace);
    expect(await main(['sources', 'list', '--file', file], io)).toBe(0);
    const out = io.stdout.text();
    expect(out).toContain(`2 sources in ${file}`);
    expect(out).toMatch(/^ar\s+rss\s+ar MA\s+every 15m\s+pre-filter:counterpart$/m);
    expect(out).toMatch(
      /ok: 1 polls, 0 not modified, 2 new, 3 duplicates, 1 filtered, 0 errors; last success \d+s ago/,
    );
    expect(out).toMatch(/FAILING: 5 polls, .* 5 errors; last success never/);
    expect(out).toContain('last error (5 in a row): not a valid RSS/Atom/RDF feed: Unexpected close tag');

    const json = ioFor(redis.url, redis.namespace);
    expect(await main(['sources', 'list', '--file', file, '--json'], json)).toBe(0);
    const parsed = JSON.parse(json.stdout.text()) as {
      sources: { id: string; state: { failing: boolean } }[];
    };
    expect(parsed.sources.map((s) => [s.id, s.state.failing])).toEqual([
      ['ar', false],
      ['broken', true],
    ]);
  });

  it('lists the shipped sources (the file validates)', async ({ redis }) => {
    const io = ioFor(redis.url, redis.namespace);
    expect(await main(['sources', 'list'], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/^\d+ sources in .*packages\/sources\/data\/sources\.yaml$/m);
  });

  it('refuses an invalid sources file, naming the problems', async ({ redis }) => {
    const file = sourcesFile('sources:\n  - id: Bad Id\n    kind: rss\n');
    const io = ioFor(redis.url, redis.namespace);
    expect(await main(['sources', 'list', '--file', file], io)).toBe(1);
    expect(io.stderr.text()).toMatch(/invalid sources file .*\n\s+sources\.0\.id: /);
  });

  it('tests a URL: shows what would be fetched and filtered out, and queues or publishes nothing', async ({
    redis,
  }) => {
    const io = ioFor(redis.url, redis.namespace);
    const code = await main(
      ['sources', 'test', server.url('/ar/feed.xml'), '--country', 'MA', '--lang', 'ar'],
      io,
    );
    expect(io.stderr.text()).toBe('');
    expect(code).toBe(0);
    const out = io.stdout.text();
    expect(out).toContain(`read ${server.url('/ar/feed.xml')}: 3 items`);
    expect(out).toMatch(new RegExp(`^new\\s+2025-06-01  ${ARABIC_ITEMS[0].title}$`, 'm'));
    expect(out).toMatch(new RegExp(`^filtered-out\\s+2025-06-03  ${ARABIC_ITEMS[2].title}$`, 'm'));
    expect(out).toContain(
      '2 would be fetched, 1 filtered out, 0 already queued; nothing was queued or published.',
    );
    expect(server.count(ARABIC_ITEMS[0].path)).toBe(0);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      expect(await client.keys(`dyad:${redis.namespace}:*`)).toEqual([]);
    } finally {
      client.disconnect();
    }
  });

  it('tests a listing page by selector, and reports a source it may not read with the reason', async ({
    redis,
  }) => {
    const io = ioFor(redis.url, redis.namespace);
    const args = [
      'sources',
      'test',
      server.url('/listing.html'),
      '--kind',
      'html',
      '--selector',
      '.news a',
      '--focused',
    ];
    expect(await main([...args, '--json'], io)).toBe(0);
    const preview = JSON.parse(io.stdout.text()) as { items: { url: string; status: string }[] };
    expect(preview.items.map((i) => [i.url, i.status])).toEqual([
      [server.url('/html/a1'), 'new'],
      [server.url('/html/a2'), 'new'],
    ]);
    const refused = ioFor(redis.url, redis.namespace);
    expect(await main(['sources', 'test', server.url('/private/feed.xml')], refused)).toBe(1);
    expect(refused.stderr.text()).toMatch(
      /cannot read the source: refused-robots: robots\.txt .* disallows \/private\/feed\.xml/,
    );
  });

  it('says how to use it when the action or URL is missing', async () => {
    const io = testIo();
    expect(await main(['sources'], io)).toBe(2);
    expect(io.stderr.text()).toContain('dyad sources: say list or test');
    const test = testIo();
    expect(await main(['sources', 'test'], test)).toBe(2);
    expect(test.stderr.text()).toContain('test needs a URL or a source id');
  });
});
