import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { describe, expect, it } from '@dyad/testkit';
import { afterAll, beforeAll } from 'vitest';
import { sharedCrawlState } from '../state/caches.ts';
import { FixtureServer } from '../testing/fixture-server.ts';
import { installScenarios } from '../testing/scenarios.ts';
import { keysFor, redisFor, testSettings } from '../testing/test-helpers.ts';
import { createHttpFetcher } from './create-http-fetcher.ts';
import { FetchFailure } from './fetch-errors.ts';
import type { FetchOptions } from './http-fetcher.ts';

const server = new FixtureServer();
const ARTICLE: FetchOptions = { accept: 'text/html', acceptType: (t) => t === 'text/html' || t === '' };

beforeAll(async () => {
  installScenarios(server);
  await server.start();
});
afterAll(() => server.stop());

async function failure(promise: Promise<unknown>): Promise<FetchFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchFailure);
  return error as FetchFailure;
}

/** Remote addresses of every TCP connection opened while `run` runs. */
async function connectionsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const addresses: string[] = [];
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    addresses.push(`pending:${String((socket as unknown as { _host?: string })._host)}`);
    socket.once('connect', () => addresses.push(socket.remoteAddress ?? '?'));
  };
  subscribe('net.client.socket', onSocket);
  try {
    await run();
  } finally {
    unsubscribe('net.client.socket', onSocket);
  }
  return addresses;
}

describe('HttpFetcher', () => {
  it('follows a redirect chain, checking every hop, and reports the final URL', async () => {
    const http = createHttpFetcher(testSettings());
    const doc = await http.fetch(server.url('/redirect/1'), ARTICLE);
    expect(doc.notModified).toBe(false);
    if (doc.notModified) return;
    expect(doc.finalUrl).toBe(server.url('/articles/landing'));
    expect(doc.redirects).toEqual([
      server.url('/redirect/2'),
      server.url('/redirect/3'),
      server.url('/articles/landing'),
    ]);
    expect(doc.text).toContain('Arrived.');
  });

  it('refuses a redirect loop and more redirects than the limit, saying which', async () => {
    const http = createHttpFetcher(testSettings());
    const loop = await failure(http.fetch(server.url('/loop/a'), ARTICLE));
    expect(loop.reason).toBe('redirect-loop');
    expect(loop.permanent).toBe(true);
    const limited = await failure(
      createHttpFetcher(testSettings({ MAX_REDIRECTS: 2 })).fetch(server.url('/redirect/1'), ARTICLE),
    );
    expect(limited.reason).toBe('redirect-limit');
    expect(limited.message).toMatch(/more than 2 redirects/);
  });

  it('refuses a redirect to 169.254.169.254 or 10.0.0.1 without connecting to it', async () => {
    const http = createHttpFetcher(testSettings());
    for (const [path, target] of [
      ['/to-metadata', '169.254.169.254 is a metadata address'],
      ['/to-private', '10.0.0.1 is a private address'],
    ] as const) {
      let refusal: FetchFailure | undefined;
      const started = Date.now();
      const opened = await connectionsDuring(async () => {
        refusal = await failure(http.fetch(server.url(path), ARTICLE));
      });
      expect(refusal?.reason).toBe('refused-address');
      expect(refusal?.message).toContain(target);
      expect(refusal?.permanent).toBe(true);
      // Only the fixture server (the first hop) was ever connected to, and the refusal was at once.
      expect(opened.filter((a) => !a.startsWith('pending:')).every((a) => a === '127.0.0.1')).toBe(true);
      expect(opened.some((a) => a.includes('169.254') || a.includes('10.0.0.1'))).toBe(false);
      expect(Date.now() - started).toBeLessThan(1_000);
    }
  });

  it('refuses loopback unless allowed, and schemes other than http(s), on the first URL or a redirect', async () => {
    const strict = createHttpFetcher(testSettings({ FETCH_ALLOW_ADDRESSES: [] }));
    const loopback = await failure(strict.fetch(server.url('/articles/landing'), ARTICLE));
    expect(loopback.reason).toBe('refused-address');
    expect(loopback.message).toContain('127.0.0.1 is a loopback address');
    const http = createHttpFetcher(testSettings());
    expect((await failure(http.fetch('ftp://127.0.0.1/x', ARTICLE))).reason).toBe('refused-scheme');
    const viaRedirect = await failure(http.fetch(server.url('/to-file'), ARTICLE));
    expect(viaRedirect.reason).toBe('refused-scheme');
    expect(viaRedirect.message).toContain('file:');
  });

  it('caps a 20 MB body, declared or streamed, without reading it all', async () => {
    const http = createHttpFetcher(testSettings({ FETCH_MAX_BYTES: 1024 * 1024, FETCH_TIMEOUT_MS: 10_000 }));
    const declared = await failure(http.fetch(server.url('/huge'), ARTICLE));
    expect(declared.reason).toBe('too-large');
    expect(declared.message).toMatch(/declared body of 20971520 bytes exceeds the 1048576-byte cap/);
    const started = Date.now();
    const streamed = await failure(http.fetch(server.url('/huge-chunked'), ARTICLE));
    expect(streamed.reason).toBe('too-large');
    expect(streamed.permanent).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up on a body that trickles slower than the deadline (transient)', async () => {
    const http = createHttpFetcher(testSettings({ FETCH_TIMEOUT_MS: 700 }));
    const started = Date.now();
    const slow = await failure(http.fetch(server.url('/trickle'), ARTICLE));
    expect(slow.reason).toBe('timeout-body');
    expect(slow.permanent).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up on an address that does not accept connections, as transient', async () => {
    // A non-routable documentation address, allowed for this test: the SYN goes nowhere.
    const http = createHttpFetcher(
      testSettings({ FETCH_ALLOW_ADDRESSES: ['192.0.2.1'], CONNECT_TIMEOUT_MS: 300, ROBOTS: false }),
    );
    const error = await failure(http.fetch('http://192.0.2.1/', ARTICLE));
    expect(['timeout-connect', 'network']).toContain(error.reason);
    expect(error.permanent).toBe(false);
  });

  it('decodes brotli, gzip and deflate bodies', async () => {
    const http = createHttpFetcher(testSettings());
    for (const path of ['/br/article', '/gzip/article', '/deflate/article']) {
      const doc = await http.fetch(server.url(path), ARTICLE);
      if (doc.notModified) throw new Error('unexpected 304');
      expect(doc.text).toContain('Le Maroc et le Kazakhstan — texte compressé.');
    }
    const request = server.requests.find((r) => r.path === '/br/article');
    expect(request?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('refuses a PDF as an unsupported type, and 404/410 as gone, for good', async () => {
    const http = createHttpFetcher(testSettings());
    const pdf = await failure(http.fetch(server.url('/doc.pdf'), ARTICLE));
    expect(pdf.reason).toBe('unsupported-type');
    expect(pdf.message).toContain('application/pdf');
    expect(pdf.permanent).toBe(true);
    expect((await failure(http.fetch(server.url('/gone'), ARTICLE))).reason).toBe('gone');
    expect((await failure(http.fetch(server.url('/nothing-here'), ARTICLE))).reason).toBe('gone');
  });

  it('reads Retry-After from a 429 and treats 500 as transient', async () => {
    const http = createHttpFetcher(testSettings());
    const limited = await failure(http.fetch(server.url('/limited/feed.xml'), ARTICLE));
    expect(limited).toMatchObject({ reason: 'rate-limited', status: 429, retryAfterMs: 120_000 });
    expect(limited.permanent).toBe(false);
  });

  it('decodes windows-1256 declared in <meta> and ISO-8859-6 declared in the header', async () => {
    const http = createHttpFetcher(testSettings());
    const meta = await http.fetch(server.url('/ar/article/1'), ARTICLE);
    const header = await http.fetch(server.url('/ar/article/2'), ARTICLE);
    if (meta.notModified || header.notModified) throw new Error('unexpected 304');
    expect(meta.charset).toBe('windows-1256');
    expect(meta.text).toContain('المغرب وكازاخستان يوقعان اتفاقية للتعاون الاقتصادي');
    expect(header.charset).toBe('iso-8859-6');
    expect(header.text).toContain('زيارة وزير الخارجية الكازاخستاني إلى الرباط');
  });

  it('answers a conditional GET with 304 and sends a descriptive User-Agent', async () => {
    const http = createHttpFetcher(testSettings());
    const feed: FetchOptions = { accept: 'application/atom+xml', acceptType: () => true };
    const first = await http.fetch(server.url('/fr/atom.xml'), feed);
    if (first.notModified) throw new Error('unexpected 304');
    expect(first.etag).toBe('"atom-v1"');
    const again = await http.fetch(server.url('/fr/atom.xml'), { ...feed, validators: { etag: first.etag } });
    expect(again.notModified).toBe(true);
    const seen = server.requests.filter((r) => r.path === '/fr/atom.xml').at(-1);
    expect(seen?.headers['if-none-match']).toBe('"atom-v1"');
    expect(seen?.headers['user-agent']).toBe('DyadTest/1.0 (+https://dyad.invalid/bot)');
  });

  it('obeys robots.txt, fetched once per origin and shared through Redis', async ({ redis }) => {
    const client = redisFor(redis.url);
    try {
      const shared = sharedCrawlState(client, keysFor(redis.namespace), testSettings());
      const before = server.count('/robots.txt');
      const http = createHttpFetcher(testSettings(), shared);
      const refused = await failure(http.fetch(server.url('/private/article'), ARTICLE));
      expect(refused.reason).toBe('refused-robots');
      expect(refused.message).toMatch(
        /robots\.txt of http:\/\/127\.0\.0\.1:\d+ disallows \/private\/article/,
      );
      expect(server.count('/private/article')).toBe(0);
      await http.fetch(server.url('/articles/landing'), ARTICLE);
      // A second process (a replica, or after a restart) uses the cached copy.
      await createHttpFetcher(testSettings(), shared).fetch(server.url('/html/a1'), ARTICLE);
      expect(server.count('/robots.txt') - before).toBe(1);
    } finally {
      client.disconnect();
    }
  });
});
