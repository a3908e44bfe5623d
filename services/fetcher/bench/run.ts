/**
 * `pnpm bench:fetch`: the fetcher against 50 fixture feeds × 40 items on loopback, on the local
 * NATS and Redis (NATS_URL, REDIS_URL), in a namespace of its own that is deleted afterwards.
 * Prints items/s, fetches per new item (must be 1.00: no article fetched twice) and requests per
 * host per second (must stay within the configured politeness limit). Exit 1 when either fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '@dyad/bus';
import { names as makeNames } from '@dyad/contracts';
import { fetcherKeys, SourceStateStore } from '@dyad/sources/state';
import { articlePage, FixtureServer, rssFeed, send } from '@dyad/sources/testing';
import { Redis } from 'ioredis';
import { fetcherEnvSchema } from '../src/config.ts';
import { FetcherService } from '../src/service.ts';
import { openBus } from '../src/testing/service-harness.ts';

const FEEDS = 50;
const ITEMS = 40;
const HOST_CONCURRENCY = 8;
const HOST_MIN_DELAY_MS = 2;
const POLL_EVERY_S = 3;
const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const server = new FixtureServer();
const filler = 'Morocco and Kazakhstan agreed to widen cooperation in trade, energy and education. '.repeat(
  60,
);
server.route('/robots.txt', (_req, res) => send(res, 200, 'text/plain', 'User-agent: *\nAllow: /\n'));
for (let f = 0; f < FEEDS; f++) {
  const withEtag = f % 2 === 0;
  server.route(`/feed/${f}.xml`, (req, res) => {
    if (withEtag && req.headers['if-none-match'] === `"f${f}"`) {
      res.writeHead(304, { etag: `"f${f}"` }).end();
      return;
    }
    const items = Array.from({ length: ITEMS }, (_, i) => ({
      title: `Kazakhstan and Morocco: report ${f}-${i}`,
      link: server.url(`/a/${f}/${i}?utm_source=rss`),
      guid: `g-${f}-${i}`,
      pubDate: new Date(Date.UTC(2025, 5, 1, 0, i)).toUTCString(),
      description: `Summary ${f}-${i} about Morocco and Kazakhstan.`,
    }));
    send(res, 200, 'application/rss+xml', rssFeed(`Feed ${f}`, items), withEtag ? { etag: `"f${f}"` } : {});
  });
  for (let i = 0; i < ITEMS; i++) {
    server.route(`/a/${f}/${i}`, (_req, res) =>
      send(res, 200, 'text/html; charset=utf-8', articlePage(`Report ${f}-${i}`, filler)),
    );
  }
}

/** Removes the namespace's streams, object store and Redis keys (testkit's helpers need vitest). */
async function cleanUp(): Promise<void> {
  const admin = await openBus(natsUrl, namespace);
  try {
    for await (const name of admin.jsm.streams.names()) {
      if (name.startsWith(`${namespace}_`) || name.startsWith(`OBJ_${namespace}_`))
        await admin.jsm.streams.delete(name);
    }
  } finally {
    await admin.close();
  }
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `dyad:${namespace}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Most requests that started within any one-second window. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1_000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

await server.start();
const namespace = `bench_${randomBytes(5).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-'));
const sourcesFile = join(dir, 'sources.yaml');
writeFileSync(
  sourcesFile,
  `sources:\n${Array.from(
    { length: FEEDS },
    (_, f) =>
      `  - { id: feed-${f}, name: Feed ${f}, url: "${server.url(`/feed/${f}.xml`)}", kind: rss, lang: en, interval: ${POLL_EVERY_S}s }`,
  ).join('\n')}\n`,
);
const env = parseEnv('fetcher', fetcherEnvSchema, {
  NATS_URL: natsUrl,
  REDIS_URL: redisUrl,
  DYAD_NAMESPACE: namespace,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SOURCES_FILE: sourcesFile,
  FETCH_ALLOW_ADDRESSES: '127.0.0.1',
  HOST_CONCURRENCY: String(HOST_CONCURRENCY),
  HOST_MIN_DELAY_MS: String(HOST_MIN_DELAY_MS),
  CONCURRENCY: '16',
  POLL_CONCURRENCY: '4',
});

const bus = await openBus(natsUrl, namespace);
const service = new FetcherService(env);
const total = FEEDS * ITEMS;
let exitCode = 0;
try {
  const started = Date.now();
  await service.start();
  const stream = makeNames(namespace).stream('ARTICLES');
  let published = 0;
  let lastPublishAt = started;
  const deadline = started + 300_000;
  while (published < total) {
    if (Date.now() > deadline)
      throw new Error(`only ${published} of ${total} articles published within 5 minutes`);
    await new Promise((r) => setTimeout(r, 100));
    const info = await bus.jsm.streams.info(stream);
    if (info.state.messages > published) {
      published = info.state.messages;
      lastPublishAt = Date.now();
    }
  }
  const elapsed = (lastPublishAt - started) / 1000;
  // Let the schedulers poll every feed again (304s and duplicates): still no second fetch.
  await new Promise((r) => setTimeout(r, (POLL_EVERY_S + 1.5) * 1000));
  await service.stop();

  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const store = new SourceStateStore(redis, fetcherKeys(makeNames(namespace)));
  const states = await Promise.all(Array.from({ length: FEEDS }, (_, f) => store.get(`feed-${f}`)));
  redis.disconnect();
  const newItems = states.reduce((n, s) => n + s.newItems, 0);
  const polls = states.reduce((n, s) => n + s.polls, 0);
  const notModified = states.reduce((n, s) => n + s.notModified, 0);
  const duplicates = states.reduce((n, s) => n + s.duplicates, 0);
  const articleRequests = server.requests.filter((r) => r.path.startsWith('/a/'));
  const feedRequests = server.requests.filter((r) => r.path.startsWith('/feed/'));
  const perNew = articleRequests.length / newItems;
  const all = server.requests.map((r) => r.at);
  const span = (Math.max(...all) - Math.min(...all)) / 1000;
  const peak = peakPerSecond(all);
  const limit = Math.floor(1000 / HOST_MIN_DELAY_MS);
  const rateOk = peak <= limit + 1;
  const concurrencyOk = server.maxActive <= HOST_CONCURRENCY;
  const perNewOk = perNew.toFixed(2) === '1.00' && newItems === total;
  const ok = (b: boolean) => (b ? 'ok' : 'FAILED');
  console.log(`fetch bench: ${FEEDS} feeds × ${ITEMS} items on 127.0.0.1 (one host)`);
  console.log(
    `  politeness limit      ${HOST_CONCURRENCY} at once, ${HOST_MIN_DELAY_MS} ms apart (≤ ${limit} requests/s per host)`,
  );
  console.log(`  articles published    ${published} in ${elapsed.toFixed(2)} s`);
  console.log(`  items/s               ${(published / elapsed).toFixed(1)}`);
  console.log(
    `  new items queued      ${newItems} (polls ${polls}, of which 304 ${notModified}; duplicates seen ${duplicates})`,
  );
  console.log(`  article fetches       ${articleRequests.length}`);
  console.log(`  fetches per new item  ${perNew.toFixed(2)}  ${ok(perNewOk)}`);
  console.log(
    `  requests              ${server.requests.length} (feeds ${feedRequests.length}, robots ${server.count('/robots.txt')}, articles ${articleRequests.length})`,
  );
  console.log(
    `  requests/host/s       peak ${peak} in any 1 s window, mean ${(server.requests.length / span).toFixed(1)} (limit ${limit})  ${ok(rateOk)}`,
  );
  console.log(
    `  max concurrent        ${server.maxActive} (limit ${HOST_CONCURRENCY})  ${ok(concurrencyOk)}`,
  );
  if (!perNewOk || !rateOk || !concurrencyOk) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
  await service.stop().catch(() => undefined);
} finally {
  await bus.close();
  await server.stop();
  await cleanUp();
}
process.exit(exitCode);
