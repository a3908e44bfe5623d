import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** CPU seconds (user + system) of a process and, with `family`, of its children (PostgreSQL's backends). */
function cpuSeconds(pid: number, family = false): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(f[n - 3] ?? 0);
  // USER_HZ is 100 on Linux.
  let seconds = (field(14) + field(15) + (family ? field(16) + field(17) : 0)) / 100;
  if (family) for (const child of processes((_, ppid) => ppid === pid)) seconds += cpuSeconds(child, true);
  return seconds;
}

/** Pids of the processes for which `match(command, parent pid)` holds (none off Linux). */
function processes(match: (command: string, ppid: number) => boolean): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return match(command, ppid);
    } catch {
      return false;
    }
  });
}

/**
 * CPU seconds so far of this process (the indexer, and the bench's publisher and collector), of
 * the PostgreSQL server with all its backends (shared with whatever else uses it), and of the
 * nats-server processes on this machine.
 */
function cpuNow(postmaster: number | undefined): { node: number; postgres: number; nats: number } {
  const own = process.cpuUsage();
  return {
    node: (own.user + own.system) / 1e6,
    postgres: postmaster === undefined ? 0 : cpuSeconds(postmaster, true),
    nats: processes((command) => command === 'nats-server').reduce((s, pid) => s + cpuSeconds(pid), 0),
  };
}

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
  let postmaster: number | undefined;
  if (backend === 'postgres') {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA "${namespace}"`);
    // The server's main process, when it runs on this machine: the parent of this backend.
    const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backendPid = rows[0]?.pid;
    try {
      const stat = readFileSync(`/proc/${backendPid}/stat`, 'utf8');
      postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      // Not on this machine: its CPU is not counted.
    }
    await c.end();
  }
  const env = parseEnv('indexer', indexerEnvSchema, {
    NATS_URL: natsUrl,
    DYAD_NAMESPACE: namespace,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    API_PORT: '0',
    ...Object.fromEntries(
      ['CONCURRENCY', 'INDEX_BATCH', 'INDEX_PARALLEL', 'TEXT_INDEX']
        .filter((name) => process.env[name])
        .map((name) => [name, process.env[name]]),
    ),
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
    const cpuStart = cpuNow(postmaster);
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
    // Texts queued during the backlog are indexed once the indexer is idle: until then the
    // search does not find those articles. Counted apart, and waited for before the next phase.
    while ((await service.pendingTexts()) > 0) await new Promise((r) => setTimeout(r, 100));
    const withTexts = (performance.now() - started) / 1000;
    const cpuEnd = cpuNow(postmaster);
    const perArticle = (k: keyof typeof cpuEnd) => (((cpuEnd[k] - cpuStart[k]) * 1000) / count).toFixed(2);
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
        `  with the search index complete: ${(count / withTexts).toFixed(0)} articles/s (texts queued during the backlog indexed ${(withTexts - seconds).toFixed(1)} s later)`,
        `  CPU per article (throughput phase, texts included): node ${perArticle('node')} ms (indexer, publisher, collector), postgres ${backend === 'postgres' ? `${perArticle('postgres')} ms` : '-'}, nats-server ${perArticle('nats')} ms`,
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
