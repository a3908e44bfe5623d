/**
 * The chaos run (`pnpm chaos`, and a smaller one in `chaos.e2e.test.ts`): its own nats-server -js,
 * redis-server and PostgreSQL on loopback ports with data directories of their own, the four
 * services as processes, and a loopback news site. Articles go in, half crawled from the site's
 * feed and half replayed from files with `dyad replay`, a fifth of them reports of an earlier event
 * in another language; while they flow every service is killed (SIGKILL) and restarted, each
 * server is restarted once, and one service is killed in the middle of its graceful shutdown. At
 * the end the store and the EVENTS stream are read: nothing may be lost, no event announced twice,
 * and every dead letter must carry its reason.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDeadLetters, NatsBus } from '@dyad/bus';
import { articleIdFor, names as makeNames, type StageName, seedUrl } from '@dyad/contracts';
import { TestProcess } from '@dyad/testkit/processes';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type ChaosArticle, chaosArticles } from './chaos-articles.ts';
import { query, settled, sleep, storedIds } from './local-servers.ts';
import { LocalWorld } from './local-world.ts';
import { plainPage, type SitePage } from './news-site.ts';
import { eventMessages, type PipelineEnv, repoRoot, SERVICE_NAMES, startService } from './pipeline.ts';

export interface ChaosOptions {
  /** Distinct articles pushed (2,000 for `pnpm chaos`). */
  readonly articles: number;
  /** Gives up waiting for the pipeline after this long (what is missing then counts as lost). */
  readonly timeoutMs: number;
  /** Progress lines (stderr for the script). */
  readonly log?: (line: string) => void;
  /** Keep the temporary directory (servers' data and every process's output) for a post-mortem. */
  readonly keepDir?: boolean;
}

export interface DeadLetterSummary {
  readonly where: string;
  readonly reason: string;
}

export interface ChaosResult {
  readonly sent: number;
  readonly stored: number;
  readonly lost: number;
  readonly newEvents: number;
  /** Events in the store. */
  readonly distinctEvents: number;
  /** new-event messages beyond one per event. */
  readonly duplicates: number;
  /** Events in the store with no new-event (a lost announcement). */
  readonly unannounced: number;
  readonly eventUpdated: number;
  readonly deadLetters: readonly DeadLetterSummary[];
  /** The three lines the run prints. */
  readonly lines: readonly string[];
  readonly ok: boolean;
  /** What was done to the processes, in order. */
  readonly actions: readonly string[];
  /** Restarts of a service that exited on its own (a supervisor's restarts, as compose's). */
  readonly unexpectedExits: readonly string[];
  readonly seconds: number;
  readonly dir: string;
}

/** The lines `pnpm chaos` prints, from the figures. */
export function chaosLines(
  r: Omit<ChaosResult, 'lines' | 'ok' | 'actions' | 'unexpectedExits' | 'seconds' | 'dir'>,
) {
  const reasons = new Map<string, number>();
  for (const letter of r.deadLetters) {
    const key = `${letter.where}: ${letter.reason || '(no reason)'}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const listed = [...reasons].map(([reason, n]) => (n > 1 ? `${n}× ${reason}` : reason)).join('; ');
  return [
    `chaos: articles sent ${r.sent}, stored ${r.stored}, lost ${r.lost}`,
    `chaos: new-event ${r.newEvents}, distinct events ${r.distinctEvents}, duplicate ${r.duplicates}; event-updated ${r.eventUpdated}`,
    `chaos: dead letters ${r.deadLetters.length} (each with its reason: ${listed || 'none'})`,
  ];
}

/** A service kept running as compose's `restart: always` would, except while chaos holds it down. */
class SupervisedService {
  readonly name: StageName;
  private readonly env: PipelineEnv;
  private readonly extra: Record<string, string>;
  private readonly onUnexpectedExit: (name: StageName, code: string) => void;
  private readonly outputs: string[] = [];
  private held = false;
  private closed = false;
  proc: TestProcess | undefined;

  constructor(
    name: StageName,
    env: PipelineEnv,
    extra: Record<string, string>,
    onUnexpectedExit: (name: StageName, code: string) => void,
  ) {
    this.name = name;
    this.env = env;
    this.extra = extra;
    this.onUnexpectedExit = onUnexpectedExit;
  }

  async start(): Promise<void> {
    const proc = startService(this.name, this.env, { LOG_LEVEL: 'info', ...this.extra });
    this.proc = proc;
    void proc.exited.then(async ({ code, signal }) => {
      this.outputs.push(proc.output());
      if (this.held || this.closed || this.proc !== proc) return;
      // Exited on its own (a server it needs went away): restart it, as a supervisor would.
      this.onUnexpectedExit(this.name, String(code ?? signal));
      await sleep(500);
      if (!this.held && !this.closed && this.proc === proc) await this.start().catch(() => undefined);
    });
    await proc.waitForLine(/"msg":"started"/, 120_000);
  }

  /** kill -9, then start again. */
  async kill9(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.held = true;
    proc.signal('SIGKILL');
    await proc.exited;
    this.held = false;
    await this.start();
  }

  /** SIGTERM, then kill -9 as soon as it says it is stopping (in the middle of its drain), then start. */
  async killDuringShutdown(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.held = true;
    proc.signal('SIGTERM');
    await proc.waitForLine(/"msg":"stopping"/, 10_000).catch(() => undefined);
    proc.signal('SIGKILL');
    await proc.exited;
    this.held = false;
    await this.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.proc?.stop(20_000);
  }

  output(): string {
    return [...this.outputs, this.proc?.running ? this.proc.output() : ''].join('\n');
  }
}

/** `dyad replay DIR`, tried again while NATS is away (a republish is a duplicate, dropped). */
async function replay(dir: string, env: PipelineEnv, log: (line: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const proc = new TestProcess({
      name: 'dyad replay',
      command: process.execPath,
      args: ['--conditions=dyad:source', join('packages', 'cli', 'src', 'main.ts'), 'replay', dir],
      cwd: repoRoot,
      env: { ...env },
    });
    const timer = setTimeout(() => proc.signal('SIGKILL'), 120_000);
    const { code } = await proc.exited;
    clearTimeout(timer);
    if (code === 0) return;
    if (attempt === 30) throw new Error(`dyad replay ${dir} failed ${attempt} times\n${proc.output()}`);
    log(`chaos: dyad replay exited ${code}; trying again (${proc.output().split('\n').at(-1) ?? ''})`);
    await sleep(2_000);
  }
}

/** A chaos article as a page of the news site. */
function sitePage(a: ChaosArticle): SitePage {
  return { key: a.key, title: a.title, html: () => plainPage('Chaos news', a.lang, a.title, a.text) };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const world = new LocalWorld('dyad-chaos-', { name: 'Chaos news', feedItems: 200 });
  const { dir, site } = world;
  const actions: string[] = [];
  const unexpectedExits: string[] = [];
  const act = (what: string) => {
    actions.push(what);
    log(`chaos: ${what} (${Math.round((performance.now() - started) / 1000)} s)`);
  };
  const services = new Map<StageName, SupervisedService>();
  let ok = false;
  try {
    const { env } = await world.start('chaos');
    const fetcher = world.sources(
      `sources:\n  - id: chaos-news\n    name: Chaos news\n    url: ${site.feedUrl('news')}\n    kind: rss\n    lang: en\n    focused: true\n    interval: 1s\n`,
    );
    const extra: Partial<Record<StageName, Record<string, string>>> = {
      fetcher: { ...fetcher, FETCH_BACKOFF_INITIAL_MS: '500' },
      indexer: { OUTBOX_RELAY: 'on' },
    };
    for (const name of SERVICE_NAMES) {
      services.set(
        name,
        new SupervisedService(name, env, extra[name] ?? {}, (n, code) => {
          unexpectedExits.push(`${n} exited (${code})`);
          log(`chaos: ${n} exited on its own (${code}); restarting it`);
        }),
      );
    }
    await Promise.all([...services.values()].map((s) => s.start()));
    act('servers and services started');

    const tag = `c${Date.now().toString(36)}`;
    const articles = chaosArticles(options.articles, tag);
    const crawled = articles.filter((_, i) => i % 2 === 0);
    const replayed = articles.filter((_, i) => i % 2 === 1);
    const expected = new Set([
      ...crawled.map((a) => articleIdFor(site.url(a))),
      ...replayed.map((a) => articleIdFor(seedUrl(`${a.key}.txt`))),
    ]);

    const service = (name: StageName): SupervisedService => {
      const s = services.get(name);
      if (!s) throw new Error(`no ${name}`);
      return s;
    };
    const kill = (name: StageName) => async () => {
      act(`kill -9 ${name}`);
      await service(name).kill9();
    };
    // PostgreSQL by a fast shutdown (SIGINT), the others by SIGTERM.
    const restart = (server: 'nats' | 'redis' | 'postgres') => async () => {
      const s = world.servers?.[server];
      act(`restart ${s?.name}`);
      await s?.restart(server === 'postgres' ? 'SIGINT' : 'SIGTERM');
    };
    const chaos: (() => Promise<void>)[] = [
      kill('cleaner'),
      kill('extractor'),
      kill('indexer'),
      kill('fetcher'),
      restart('nats'),
      restart('redis'),
      restart('postgres'),
      async () => {
        act('kill -9 extractor during its graceful shutdown');
        await service('extractor').killDuringShutdown();
      },
      async () => {
        act('kill -9 indexer again, and cleaner');
        await Promise.all([service('indexer').kill9(), service('cleaner').kill9()]);
      },
    ];
    const waves = chaos.length + 1;
    for (let w = 0; w < waves; w++) {
      const part = (list: readonly ChaosArticle[]) =>
        list.slice(Math.floor((w * list.length) / waves), Math.floor(((w + 1) * list.length) / waves));
      site.publish('news', part(crawled).map(sitePage));
      const batch = join(dir, `replay-${w}`);
      mkdirSync(batch);
      for (const a of part(replayed)) writeFileSync(join(batch, `${a.key}.txt`), a.text);
      await replay(batch, env, log);
      const before = (await storedIds(env)).size;
      // Let this wave get under way, then strike while it is in flight.
      const until = Date.now() + 20_000;
      while (Date.now() < until && (await storedIds(env)).size < before + 5) await sleep(250);
      await chaos[w]?.();
      log(`chaos: wave ${w + 1}/${waves} pushed; ${(await storedIds(env)).size} of ${expected.size} stored`);
    }

    // Until every article is stored and nothing is pending anywhere (or the time is up).
    const deadline = Date.now() + options.timeoutMs - (performance.now() - started);
    let stored = new Set<string>();
    let lastReport = 0;
    for (;;) {
      stored = await storedIds(env);
      const all = [...expected].every((id) => stored.has(id));
      if (all && (await settled(env))) break;
      if (Date.now() > deadline) {
        log('chaos: time is up; what is missing counts as lost');
        break;
      }
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`chaos: ${[...expected].filter((id) => stored.has(id)).length} of ${expected.size} stored`);
      }
      await sleep(1_000);
    }

    // The record: the store, the EVENTS stream, the DLQ and the fetch queue's failed set.
    const storedExpected = [...expected].filter((id) => stored.has(id)).length;
    const events = await query<{ event_id: string }>(
      env.DATABASE_URL,
      `SELECT event_id FROM "${env.DATABASE_SCHEMA}".events`,
    );
    const bus = await NatsBus.connect({
      url: env.NATS_URL,
      name: 'chaos',
      names: makeNames(''),
      ensureStreams: false,
    });
    let newEvents: string[];
    let updated: number;
    const deadLetters: DeadLetterSummary[] = [];
    try {
      newEvents = (await eventMessages(bus, 'new-event')).map((m) => m.eventId);
      updated = (await eventMessages(bus, 'event-updated')).length;
      for (const stored of await listDeadLetters(bus.jsm, bus.names)) {
        const reason = stored.letter?.reason;
        deadLetters.push({
          where: stored.letter?.consumer ?? `DLQ #${stored.seq}`,
          // A letter that does not parse has no reason: it fails the run.
          reason: reason?.message ? `${reason.code}: ${reason.message}` : '',
        });
      }
    } finally {
      await bus.close();
    }
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
    const fetchQueue = new Queue('fetch', { connection: redis, prefix: makeNames('').queuePrefix() });
    try {
      for (const job of await fetchQueue.getJobs(['failed'])) {
        deadLetters.push({ where: 'fetch queue', reason: job.failedReason ?? '' });
      }
    } finally {
      await fetchQueue.close();
      redis.disconnect();
    }
    const announced = new Set(newEvents);
    const figures = {
      sent: expected.size,
      stored: storedExpected,
      lost: expected.size - storedExpected,
      newEvents: newEvents.length,
      distinctEvents: events.length,
      duplicates: newEvents.length - announced.size,
      unannounced: events.filter((e) => !announced.has(e.event_id)).length,
      eventUpdated: updated,
      deadLetters,
    };
    ok =
      figures.lost === 0 &&
      figures.duplicates === 0 &&
      figures.unannounced === 0 &&
      figures.newEvents === figures.distinctEvents &&
      deadLetters.every((d) => d.reason !== '');
    return {
      ...figures,
      lines: chaosLines(figures),
      ok,
      actions,
      unexpectedExits,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      dir,
    };
  } finally {
    await Promise.allSettled([...services.values()].map((s) => s.close()));
    await world.stopServers();
    for (const [name, s] of services) writeFileSync(join(world.logs, `${name}.log`), s.output());
    await world.close(!ok || options.keepDir === true, (line) => log(`chaos: ${line}`));
  }
}
