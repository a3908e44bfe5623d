/**
 * `pnpm bench:pipeline` (packages/e2e/bench/pipeline.ts): the deployed pipeline against its limit
 * on this machine. Its own nats-server -js, redis-server and PostgreSQL (local-servers.ts), the four
 * services as processes (LOG_LEVEL info, the catalog's concurrency, as deployed), and a loopback
 * news site (news-site.ts) whose feeds the fetcher polls (sources.yaml: focused RSS sources,
 * every `pollMs`). Pages: bench-articles.ts.
 *
 * Two ways to publish: all at once (throughput: feeds of 250 items, every page listed from the
 * start) or at a steady rate (latency: one feed per language, each listing its latest 100 items).
 * Publication is the moment an item appears in the feed the fetcher polls (the site keeps it; the
 * item's pubDate says it too); its latency ends when the stream stores the `new-event` of the
 * event it created (JetStream's timestamp, the same clock). Throughput is articles stored over
 * the time from the first poll that found items to the last article's row (first_seen_at).
 *
 * CPU per process comes from /proc/<pid>/stat (all threads; PostgreSQL with its backends), from
 * just before the first publication to the moment everything is settled; peak RSS from VmHWM.
 * The pure cores (cleanArticle → extractCleaned → resolveArticles) then run in this process over the
 * same pages, after the servers have stopped, for their CPU per article.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NatsBus } from '@dyad/bus';
import { cleanArticle } from '@dyad/clean';
import { type ArticleFetched, articleIdFor, names as makeNames, type StageName } from '@dyad/contracts';
import { extractCleaned, loadKnowledgeIndex } from '@dyad/extract';
import { loadProfile } from '@dyad/knowledge';
import { type ResolvableArticle, resolveArticles } from '@dyad/resolve';
import { cleanInputOf, toArticleCleaned } from '@dyad/stages';
import type { TestProcess } from '@dyad/testkit/processes';
import pg from 'pg';
import { type BenchPage, benchPages } from './bench-articles.ts';
import { query, type Servers, settled, sleep } from './local-servers.ts';
import { LocalWorld } from './local-world.ts';
import { SERVICE_NAMES, startService, stopAll, timedEventMessages } from './pipeline.ts';
import { cpuSeconds, memoryBytes } from './proc-stats.ts';

export interface PipelineBenchOptions {
  readonly articles: number;
  /** Articles published per second; undefined: all at once. */
  readonly rate?: number;
  /** The sources' poll interval (≥ 500 ms, the sources file's least). */
  readonly pollMs: number;
  readonly timeoutMs: number;
  /** Run the cores over the same pages afterwards (the share of CPU). */
  readonly cores: boolean;
  readonly log: (line: string) => void;
  readonly keepDir?: boolean;
  /** Services run with `node --cpu-prof`, their profiles written into `<dir>/profiles` (kept). */
  readonly cpuProf?: readonly StageName[];
  /**
   * Services that write a V8 heap snapshot into `<dir>/heap/<service>` (kept) at each quarter of
   * the run (SIGUSR2, `--heapsnapshot-signal`). Writing one briefly doubles the heap: their peak
   * RSS says so, not what the service needs.
   */
  readonly heapSnapshots?: readonly StageName[];
  /** Node options for the four services (NODE_OPTIONS), e.g. V8 heap flags to compare. */
  readonly nodeOptions?: string;
}

export type ProcessName = StageName | 'nats-server' | 'redis-server' | 'postgres';

export interface CoreCpu {
  readonly clean: number;
  readonly extract: number;
  readonly resolve: number;
}

export interface PipelineBenchResult {
  readonly articles: number;
  readonly stored: number;
  readonly lost: number;
  readonly newEvents: number;
  readonly duplicates: number;
  readonly unannounced: number;
  /** Stored articles over first poll → last stored. */
  readonly articlesPerSecond: number;
  /** Feed → new-event, ms. */
  readonly latency: { readonly p50: number; readonly p95: number; readonly p99: number; readonly n: number };
  /** CPU seconds per article. */
  readonly cpu: Readonly<Record<ProcessName, number>>;
  readonly cores?: CoreCpu;
  /** Peak RSS (bytes, VmHWM) per process. */
  readonly peakRss: Readonly<Record<ProcessName, number>>;
  /** Each service's RSS (VmRSS) and its peak so far (VmHWM) at each quarter of the run. */
  readonly rssByQuarter: Readonly<Record<StageName, readonly { rss: number; peak: number }[]>>;
  readonly seconds: number;
  readonly ok: boolean;
}

const SERVERS: readonly ProcessName[] = ['nats-server', 'redis-server', 'postgres'];
export const PROCESS_NAMES: readonly ProcessName[] = [...SERVICE_NAMES, ...SERVERS];

/** The p-th percentile (nearest rank) of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function pidsOf(services: Map<StageName, TestProcess>, servers: Servers): Map<ProcessName, number> {
  const pids = new Map<ProcessName, number>();
  for (const [name, proc] of services) if (proc.pid) pids.set(name, proc.pid);
  for (const s of [servers.nats, servers.redis, servers.postgres]) {
    const pid = s.proc?.pid;
    if (pid) pids.set(s.name as ProcessName, pid);
  }
  return pids;
}

function cpuNow(pids: Map<ProcessName, number>): Map<ProcessName, number> {
  return new Map([...pids].map(([name, pid]) => [name, cpuSeconds(pid, name === 'postgres')]));
}

/** Feeds: all at once, 250 items a feed; at a rate, one feed per language of the latest 100. */
function feedOf(page: BenchPage, index: number, rate: number | undefined): string {
  return rate === undefined
    ? `part-${Math.floor(index / 250)}`
    : page.kind === 'public'
      ? 'world'
      : page.lang;
}

export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineBenchResult> {
  const started = performance.now();
  const { log, rate } = options;
  const world = new LocalWorld('dyad-bench-pipeline-', {
    name: 'Dyad bench news',
    feedItems: rate === undefined ? 250 : 100,
  });
  const { dir, site } = world;
  let services = new Map<StageName, TestProcess>();
  let ok = false;
  try {
    const servers = await world.start('bench');
    const { env } = servers;
    const tag = `p${Date.now().toString(36)}`;
    const pages = benchPages(options.articles, tag);
    const feeds = [...new Set(pages.map((p, i) => feedOf(p, i, rate)))];
    const interval = `${options.pollMs}ms`;
    const fetcher = world.sources(
      `sources:\n${feeds
        .map(
          (f) =>
            `  - { id: bench-${f}, name: "Bench ${f}", url: "${site.feedUrl(f)}", kind: rss, lang: en, focused: true, interval: ${interval} }\n`,
        )
        .join('')}`,
    );
    // Every feed exists (empty) before the services start: the first polls find nothing.
    for (const f of feeds) site.publish(f, []);
    const extra: Partial<Record<StageName, Record<string, string>>> = {
      fetcher,
    };
    const profiles = join(dir, 'profiles');
    const nodeOptions = (name: StageName, option: string) => {
      extra[name] = { ...extra[name], NODE_OPTIONS: `${extra[name]?.NODE_OPTIONS ?? ''} ${option}`.trim() };
    };
    if (options.nodeOptions) for (const name of SERVICE_NAMES) nodeOptions(name, options.nodeOptions);
    for (const name of options.cpuProf ?? [])
      nodeOptions(name, `--cpu-prof --cpu-prof-dir=${join(profiles, name)}`);
    for (const name of options.heapSnapshots ?? []) {
      mkdirSync(join(dir, 'heap', name), { recursive: true });
      nodeOptions(name, `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${join(dir, 'heap', name)}`);
    }
    services = new Map(SERVICE_NAMES.map((name) => [name, startService(name, env, extra[name] ?? {})]));
    await Promise.all([...services.values()].map((p) => p.waitForLine(/"msg":"started"/, 120_000)));
    await sleep(3_000);
    log(`bench: servers and services started; ${pages.length} pages in ${feeds.length} feeds`);

    const pids = pidsOf(services, servers);
    const cpuBefore = cpuNow(pids);
    const expected = new Map(pages.map((p) => [articleIdFor(site.url(p)), p]));
    const publishStarted = Date.now();
    let publishing: Promise<void> = Promise.resolve();
    if (rate === undefined) {
      pages.forEach((p, i) => {
        site.publish(feedOf(p, i, rate), [p]);
      });
    } else {
      publishing = (async () => {
        let next = 0;
        while (next < pages.length) {
          const due = Math.min(pages.length, Math.floor(((Date.now() - publishStarted) / 1000) * rate) + 1);
          for (; next < due; next++) {
            const p = pages[next];
            if (p) site.publish(feedOf(p, next, rate), [p]);
          }
          await sleep(20);
        }
      })();
    }

    // Until every article is stored and nothing is pending (or the time is up).
    const deadline = Date.now() + options.timeoutMs;
    const rssByQuarter = new Map<StageName, { rss: number; peak: number }[]>(
      SERVICE_NAMES.map((n) => [n, []]),
    );
    let stored = 0;
    let lastReport = Date.now();
    // One connection for the count every 500 ms: a connection each time forked a PostgreSQL
    // backend each time, CPU that the figures counted as the pipeline's (~0.2 ms an article).
    const counter = new pg.Client({ connectionString: env.DATABASE_URL });
    await counter.connect();
    const count = () =>
      counter
        .query<{ n: number }>(`SELECT count(*)::int AS n FROM "${env.DATABASE_SCHEMA}".articles`)
        .then((r) => r.rows[0]?.n ?? stored)
        .catch(() => stored);
    for (;;) {
      stored = await count();
      const quarter = Math.floor((4 * stored) / pages.length);
      for (const [name, list] of rssByQuarter) {
        const pid = pids.get(name);
        while (pid && list.length < quarter) {
          list.push({ rss: memoryBytes(pid, 'VmRSS'), peak: memoryBytes(pid) });
          if (options.heapSnapshots?.includes(name)) process.kill(pid, 'SIGUSR2');
        }
      }
      if (stored >= pages.length && (await settled(env))) break;
      if (Date.now() > deadline) {
        log('bench: time is up; what is missing counts as lost');
        break;
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const s = (Date.now() - publishStarted) / 1000;
        log(`bench: ${stored} of ${pages.length} stored after ${s.toFixed(0)} s`);
      }
      await sleep(500);
    }
    await publishing;
    const cpuAfter = cpuNow(pids);
    await counter.end().catch(() => undefined);
    const peakRss = Object.fromEntries(
      PROCESS_NAMES.map((name) => {
        const pid = pids.get(name);
        return [name, pid ? memoryBytes(pid) : 0];
      }),
    ) as Record<ProcessName, number>;

    // The record: stored articles, their times, and the new-event messages.
    const rows = await query<{ article_id: string; at: string }>(
      env.DATABASE_URL,
      `SELECT article_id, (extract(epoch FROM first_seen_at) * 1000)::text AS at FROM "${env.DATABASE_SCHEMA}".articles`,
    );
    const storedExpected = rows.filter((r) => expected.has(r.article_id));
    const lastStored = Math.max(...storedExpected.map((r) => Number(r.at)));
    const firstPoll = site.firstFeedRequestAt ?? publishStarted;
    const bus = await NatsBus.connect({
      url: env.NATS_URL,
      name: 'bench',
      names: makeNames(''),
      ensureStreams: false,
    });
    let newEvents: Awaited<ReturnType<typeof timedEventMessages>>;
    try {
      newEvents = await timedEventMessages(bus, 'new-event');
    } finally {
      await bus.close();
    }
    const events = await query<{ event_id: string }>(
      env.DATABASE_URL,
      `SELECT event_id FROM "${env.DATABASE_SCHEMA}".events`,
    );
    const publishedAt = new Map(pages.map((p) => [site.url(p), site.publishedAt(p)]));
    const latencies = newEvents
      .map(({ message, storedAt }) => {
        const times = message.sources.map((s) => publishedAt.get(s.url)).filter((t) => t !== undefined);
        return times.length ? storedAt - Math.min(...times) : undefined;
      })
      .filter((l) => l !== undefined)
      .sort((a, b) => a - b);
    const announced = new Set(newEvents.map((e) => e.message.eventId));
    const n = storedExpected.length;
    const cpu = Object.fromEntries(
      PROCESS_NAMES.map((name) => [name, ((cpuAfter.get(name) ?? 0) - (cpuBefore.get(name) ?? 0)) / n]),
    ) as Record<ProcessName, number>;
    const figures = {
      articles: pages.length,
      stored: n,
      lost: pages.length - n,
      newEvents: newEvents.length,
      duplicates: newEvents.length - announced.size,
      unannounced: events.filter((e) => !announced.has(e.event_id)).length,
      articlesPerSecond: (n / Math.max(1, lastStored - firstPoll)) * 1000,
      latency: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        n: latencies.length,
      },
      cpu,
      peakRss,
      rssByQuarter: Object.fromEntries(rssByQuarter) as Record<StageName, { rss: number; peak: number }[]>,
    };
    log(
      `bench: site served ${site.feedRequests} feed requests (${site.notModified} not modified) and ${site.pageRequests} pages`,
    );
    await stopAll(services);
    await world.stopServers();
    for (const [name, proc] of services) writeFileSync(join(world.logs, `${name}.log`), proc.output());
    services = new Map();
    await site.stop();

    const cores = options.cores ? await measureCores(pages, (p) => site.url(p)) : undefined;
    ok = figures.lost === 0 && figures.duplicates === 0 && figures.unannounced === 0;
    return {
      ...figures,
      ...(cores ? { cores } : {}),
      seconds: Math.round((performance.now() - started) / 100) / 10,
      ok,
    };
  } finally {
    await stopAll(services);
    const profiled = Boolean(options.cpuProf?.length || options.heapSnapshots?.length);
    await world.close(!ok || options.keepDir === true || profiled, (line) => log(`bench: ${line}`));
  }
}

/**
 * CPU seconds per article of the pure cores in this process, over the same pages: the cleaner's
 * cleanArticle, the extractor's extractCleaned with the profile's knowledge, and resolveArticles
 * over every article (the indexer's resolution, over a memory repository instead of the store).
 */
export async function measureCores(
  pages: readonly BenchPage[],
  urlOf: (page: BenchPage) => string,
): Promise<CoreCpu> {
  const profile = loadProfile();
  const knowledge = loadKnowledgeIndex();
  const spent = { clean: 0, extract: 0, resolve: 0 };
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const articles: ResolvableArticle[] = [];
  const fetchedAt = new Date().toISOString();
  for (const page of pages) {
    const url = urlOf(page);
    const html = page.html();
    const fetched: ArticleFetched = {
      schema: 1,
      articleId: articleIdFor(url),
      url,
      sourceId: 'bench',
      origin: 'crawl',
      fetchedAt,
      body: { contentType: 'text/html', charset: 'utf-8', inline: html },
      feed: { title: page.title, publishedAt: fetchedAt },
    };
    let t = cpu();
    const cleaned = toArticleCleaned(fetched, cleanArticle(cleanInputOf(fetched, html), { profile }));
    spent.clean += cpu() - t;
    t = cpu();
    const { extracted } = extractCleaned(cleaned, knowledge);
    spent.extract += cpu() - t;
    articles.push(extracted);
  }
  const t = cpu();
  await resolveArticles(articles, { now: fetchedAt });
  spent.resolve = cpu() - t;
  return {
    clean: spent.clean / pages.length,
    extract: spent.extract / pages.length,
    resolve: spent.resolve / pages.length,
  };
}
