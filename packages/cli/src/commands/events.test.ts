import { describe, expect, it } from '@dyad/testkit';
import { main } from '../main.ts';
import { dyadProcess, testIo } from '../test-helpers.ts';
import { articles, deadApiUrl, useIndexer } from './api-test-support.ts';

describe('dyad events (against a running indexer)', () => {
  const indexer = useIndexer();

  it('lists events, newest date first, one line each, with a count on stderr', async () => {
    const io = testIo();
    expect(await main(['events', '--api', indexer().api], io)).toBe(0);
    const lines = io.stdout.lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^2025-02-28 {2}official_visit {5}.+ \[ev_\S+ v2, 2 sources: ar fr\]$/);
    expect(lines[1]).toMatch(/^2024-06 {5}agreement_signing {3}.+ \[ev_\S+ v1, 1 source: ru\]$/);
    expect(io.stderr.text()).toBe('2 events (showing 1–2)\n');
  });

  it('passes the filters to the API and pages; --json prints the API answer', async () => {
    const api = indexer().api;
    const filtered = testIo();
    expect(
      await main(['events', '--api', api, '--topic', 'aviation', '--country', 'kz', '--json'], filtered),
    ).toBe(0);
    const body = JSON.parse(filtered.stdout.text()) as {
      total: number;
      events: { type: string; sources: { articleId: string }[] }[];
    };
    expect(body.total).toBe(1);
    expect(body.events[0]?.sources[0]?.articleId).toBe(articles.signingRu.articleId);

    const page = testIo({});
    expect(
      await main(['events', '--api', api, '--from', '2025', '--to', '2025-02', '--limit', '1'], page),
    ).toBe(0);
    expect(page.stdout.lines()).toHaveLength(1);
    expect(page.stderr.text()).toBe('1 event (showing 1–1)\n');
    const first = testIo();
    expect(await main(['events', '--api', api, '--limit', '1'], first)).toBe(0);
    expect(first.stderr.text()).toBe('2 events (showing 1–1); next page: --offset 1\n');
    const second = testIo();
    expect(await main(['events', '--api', api, '--limit', '1', '--offset', '1'], second)).toBe(0);
    expect(second.stdout.lines()[0]).toMatch(/^2024-06 /);
    const none = testIo();
    expect(await main(['events', '--api', api, '--type', 'phone_call'], none)).toBe(0);
    expect(none.stdout.text()).toBe('');
    expect(none.stderr.text()).toBe('no events match\n');
  });

  it('turns what the API refuses into a usage error naming the options (exit 2)', async () => {
    const io = testIo();
    expect(
      await main(['events', '--api', indexer().api, '--from', '2025-02-30', '--type', 'visit'], io),
    ).toBe(2);
    expect(io.stderr.lines()[0]).toMatch(
      /^dyad events: --from: no such day; --type: Invalid option: expected one of/,
    );
    const limit = testIo();
    expect(await main(['events', '--limit', 'ten'], limit)).toBe(2);
    expect(limit.stderr.text()).toContain('--limit takes a positive whole number');
    const stray = testIo();
    expect(await main(['events', 'Rabat'], stray)).toBe(2);
    expect(stray.stderr.text()).toContain('use dyad search');
  });

  it('reads DYAD_API_URL, and fails clearly when nothing answers there (exit 1)', async () => {
    const io = testIo();
    const withEnv = { ...io, env: { ...io.env, DYAD_API_URL: indexer().api } };
    expect(await main(['events', '--limit', '1'], withEnv)).toBe(0);
    expect(io.stdout.lines()).toHaveLength(1);

    const down = testIo();
    const dead = await deadApiUrl();
    expect(await main(['events', '--api', dead], down)).toBe(1);
    expect(down.stderr.text()).toBe(
      `dyad events: cannot reach the indexer API at ${dead}: connect ECONNREFUSED ${dead.slice(7)}. ` +
        'Is the indexer running (`pnpm stack`, or `docker compose up -d indexer`)? ' +
        'Point to it with --api URL or DYAD_API_URL.\n',
    );
    const bad = testIo();
    expect(await main(['events', '--api', 'ftp://x'], bad)).toBe(2);
    expect(bad.stderr.text()).toContain('--api takes an http:// or https:// URL');
  });

  it('runs as the dyad binary', async () => {
    const proc = dyadProcess('events', ['events', '--type', 'agreement_signing'], {
      DYAD_API_URL: indexer().api,
    });
    await proc.waitForLine(/^2024-06 +agreement_signing/);
    expect((await proc.exited).code).toBe(0);
  });
});
