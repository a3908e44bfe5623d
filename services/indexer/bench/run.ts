import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NatsBus, parseEnv } from '@dyad/bus';
import { EventMessage, names as makeNames } from '@dyad/contracts';
import pg from 'pg';
import { indexerEnvSchema } from '../src/config.ts';
import { IndexerService } from '../src/service.ts';
import { generateCorpus } from './generate.ts';

/**
 * `pnpm bench:index [count]`: synthetic extracted articles through a real indexer (NATS in, the
 * store, the outbox, `new-event` out), once on PGlite and once on PostgreSQL. Two phases: all
 * `count` articles published at once (throughput: articles/s), then LATENCY_ARTICLES more at a
 * steady LATENCY_RATE per second, below capacity, so that the time from publish to `new-event` is
 * the indexer's own (consume → commit → relay → publish), not time spent queueing. Prints
 * duplicate events over both phases, and exits non-zero when there is one, or when a real event
 * was never announced. `pnpm bench:index [count] [pglite|postgres]`: one backend only.
 */
const count = Number(process.argv[2] ?? 10_000);
const LATENCY_ARTICLES = 500;
const LATENCY_RATE = 50;
const PUBLISH_WINDOW = 256;
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/test';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs the bench on one backend; false when an event was announced twice or never. */
async function runOnce(backend: 'pglite' | 'postgres'): Promise<boolean> {
  const corpus = generateCorpus(count + LATENCY_ARTICLES);
  const backlog = corpus.articles.slice(0, count);
  const paced = corpus.articles.slice(count);
  const namespace = `bench_${backend}_${Date.now().toString(36)}`;
  const names = makeNames(namespace);
  const dataDir = mkdtempSync(join(tmpdir(), 'dyad-bench-'));
  if (backend === 'postgres') {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA "${namespace}"`);
    await c.end();
  }
  const env = parseEnv('indexer', indexerEnvSchema, {
    NATS_URL: natsUrl,
    DYAD_NAMESPACE: namespace,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    API_PORT: '0',
    ...(process.env.CONCURRENCY ? { CONCURRENCY: process.env.CONCURRENCY } : {}),
    ...(backend === 'postgres'
      ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: namespace }
      : { DATA_DIR: dataDir }),
  });
  const service = new IndexerService(env);
  const bus = await NatsBus.connect({ url: natsUrl, name: 'bench', names });
  const published = new Map<string, number>();
  const announced = new Map<string, number>();
  // Real event (ground truth) → the event ids announced for it: more than one is a duplicate.
  const idsOfReal = new Map<number, Set<string>>();
  let duplicates = 0;
  const sub = bus.nc.subscribe(names.subject('new-event'));
  const collector = (async () => {
    for await (const m of sub) {
      const event = EventMessage.parse(m.json());
      if (announced.has(event.eventId)) duplicates++;
      const first = event.sources[0]?.articleId ?? '';
      const real = corpus.eventOf.get(first);
      if (real !== undefined) idsOfReal.set(real, (idsOfReal.get(real) ?? new Set()).add(event.eventId));
      announced.set(event.eventId, performance.now() - (published.get(first) ?? performance.now()));
    }
  })();
  try {
    await service.start();
    const idle = async (phaseStart: number, publishedCount: number) => {
      for (;;) {
        const info = await bus.jsm.consumers.info(names.stream('ARTICLES'), 'indexer');
        const pending = await service.pendingAnnouncements();
        if (
          info.num_pending === 0 &&
          info.num_ack_pending === 0 &&
          info.delivered.stream_seq >= publishedCount &&
          pending === 0
        )
          return;
        if (performance.now() - phaseStart > 30 * 60_000)
          throw new Error('bench did not finish within 30 minutes');
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const started = performance.now();
    // The backlog goes out as fast as the stream takes it (PUBLISH_WINDOW acks awaited at once),
    // so that the figure is the indexer's, not the time one publisher takes to wait for each ack.
    for (let i = 0; i < backlog.length; i += PUBLISH_WINDOW)
      await Promise.all(
        backlog.slice(i, i + PUBLISH_WINDOW).map((article) => {
          published.set(article.articleId, performance.now());
          return bus.publisher.publish('articleExtracted', article);
        }),
      );
    await idle(started, backlog.length);
    const seconds = (performance.now() - started) / 1000;
    const backlogAnnounced = new Set(announced.keys());

    const pacedStart = performance.now();
    for (const [i, article] of paced.entries()) {
      const due = pacedStart + (i * 1000) / LATENCY_RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      published.set(article.articleId, performance.now());
      await bus.publisher.publish('articleExtracted', article);
    }
    await idle(pacedStart, backlog.length + paced.length);
    const latencies = [...announced.entries()]
      .filter(([id]) => !backlogAnnounced.has(id))
      .map(([, ms]) => ms)
      .sort((a, b) => a - b);
    const split = [...idsOfReal.values()].reduce((n, ids) => n + ids.size - 1, 0);
    const missed = corpus.events - idsOfReal.size;
    const failed = split + duplicates > 0 || missed > 0;
    console.log(
      [
        `${backend.padEnd(8)} ${count} + ${paced.length} articles (${corpus.events} real events, ${corpus.articles.length - corpus.events} repeat reports)`,
        `  throughput: ${(count / seconds).toFixed(0)} articles/s (${count} published at once, done in ${seconds.toFixed(1)} s)`,
        `  consume → new-event at ${LATENCY_RATE}/s: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms (${latencies.length} new events)`,
        `  duplicate events: ${split + duplicates} (announced ${announced.size}, real ${corpus.events}, real events merged into others: ${missed})${failed ? '  ← FAIL' : ''}`,
      ].join('\n'),
    );
    return !failed;
  } finally {
    sub.unsubscribe();
    await collector;
    await service.stop();
    for (const stream of ['ARTICLES', 'EVENTS', 'DLQ'] as const)
      await bus.jsm.streams.delete(names.stream(stream)).catch(() => false);
    await bus.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA "${namespace}" CASCADE`);
      await c.end();
    }
  }
}

console.log(
  `bench:index — node ${process.version}, ${count} synthetic extracted articles, ~20% repeat reports`,
);
const only = process.argv[3];
let ok = true;
for (const backend of ['pglite', 'postgres'] as const)
  if (!only || only === backend) ok = (await runOnce(backend)) && ok;
if (!ok) {
  console.log('bench:index: FAILED (duplicate or missing events)');
  process.exitCode = 1;
}
