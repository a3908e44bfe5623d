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
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listDeadLetters, NatsBus } from '@dyad/bus';
import { articleIdFor, names as makeNames, type StageName, seedUrl } from '@dyad/contracts';
import { TestProcess } from '@dyad/testkit/processes';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type ChaosArticle, chaosArticles } from './chaos-articles.ts';
import {
  eventMessages,
  type PipelineEnv,
  pipelineIdle,
  repoRoot,
  SERVICE_NAMES,
  startService,
} from './pipeline.ts';

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

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An executable on PATH or in Debian's sbin folders. */
function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/bin', '/sbin'];
  for (const dir of dirs) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A server process on a fixed port and data directory, which can be stopped and started again. */
class ServerProcess {
  readonly name: string;
  private readonly spawn: () => TestProcess;
  private readonly ready: RegExp;
  private readonly outputs: string[] = [];
  proc: TestProcess | undefined;

  constructor(name: string, spawn: () => TestProcess, ready: RegExp) {
    this.name = name;
    this.spawn = spawn;
    this.ready = ready;
  }

  async start(): Promise<void> {
    this.proc = this.spawn();
    await this.proc.waitForLine(this.ready, 60_000);
  }

  /** Stops it with `signal` (SIGKILL after 30 s) and starts it again on the same port and data. */
  async restart(signal: NodeJS.Signals): Promise<void> {
    await this.stop(signal);
    await this.start();
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    proc.signal(signal);
    const timer = setTimeout(() => proc.signal('SIGKILL'), 30_000);
    await proc.exited;
    clearTimeout(timer);
    this.outputs.push(proc.output());
  }

  output(): string {
    return [...this.outputs, this.proc?.output() ?? ''].join('\n');
  }
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

/** The loopback news site: a feed of the latest 200 articles it has published, and their pages. */
class NewsSite {
  private readonly published: ChaosArticle[] = [];
  private readonly byPath = new Map<string, ChaosArticle>();
  private server: Server | undefined;
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').replace(/\?.*$/, '');
      if (path === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(this.feed());
        return;
      }
      const article = this.byPath.get(path);
      if (!article) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(article));
    });
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(article: ChaosArticle): string {
    return `${this.origin}${pathOf(article)}`;
  }

  publish(articles: readonly ChaosArticle[]): void {
    for (const a of articles) {
      this.published.push(a);
      this.byPath.set(pathOf(a), a);
    }
  }

  private feed(): string {
    const items = this.published
      .slice(-200)
      .reverse()
      .map(
        (a) =>
          `<item><title>${escapeXml(a.title)}</title><link>${this.url(a)}</link><guid>${this.url(a)}</guid></item>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Chaos news</title><link>${this.origin}/</link><description>chaos</description>\n${items}\n</channel></rss>\n`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function pathOf(a: ChaosArticle): string {
  return `/news/${a.key}.html`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function page(a: ChaosArticle): string {
  const [, ...paragraphs] = a.text.split('\n').filter((l) => l.trim() !== '');
  const dir = a.lang === 'ar' ? ' dir="rtl"' : '';
  return `<!doctype html><html lang="${a.lang}"${dir}><head><meta charset="utf-8"><title>${escapeXml(a.title)}</title></head><body><header><nav><a href="/">Chaos news</a></nav></header><article><h1>${escapeXml(a.title)}</h1>${paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('')}</article><footer>© Chaos news</footer></body></html>`;
}

/** The uid and gid to run PostgreSQL as when this process is root (postgres refuses root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  const line = passwd.find((l) => l.startsWith('postgres:')) ?? passwd.find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined)
    throw new Error('no postgres or nobody user to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A command as `user` (setpriv execs it: signals reach the server itself). */
function asUser(user: { uid: number; gid: number } | undefined, command: string, args: readonly string[]) {
  if (!user) return { command, args };
  return {
    command: findExecutable('setpriv') ?? '/usr/bin/setpriv',
    args: [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', command, ...args],
  };
}

interface Servers {
  readonly nats: ServerProcess;
  readonly redis: ServerProcess;
  readonly postgres: ServerProcess;
  readonly env: PipelineEnv;
}

/** nats-server -js, redis-server (AOF) and a PostgreSQL cluster of their own, under `dir`. */
async function startServers(dir: string): Promise<Servers> {
  const natsBinary = findExecutable('nats-server');
  const redisBinary = findExecutable('redis-server');
  const pgBin = postgresBinDir();
  if (!natsBinary || !redisBinary || !pgBin)
    throw new Error(
      'the chaos run needs nats-server, redis-server and PostgreSQL binaries: bash infra/dev.sh installs them',
    );
  const [natsPort, redisPort, pgPort] = [await freePort(), await freePort(), await freePort()];

  const nats = new ServerProcess(
    'nats-server',
    () =>
      new TestProcess({
        name: 'nats-server',
        command: natsBinary,
        args: ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'jetstream')],
      }),
    /Server is ready/,
  );
  writeFileSync(
    join(dir, 'redis.conf'),
    `port ${redisPort}\nbind 127.0.0.1\ndir ${dir}\nappendonly yes\nappendfsync everysec\nsave ""\n`,
  );
  const redis = new ServerProcess(
    'redis-server',
    () => new TestProcess({ name: 'redis-server', command: redisBinary, args: [join(dir, 'redis.conf')] }),
    /Ready to accept connections/,
  );

  const user = postgresUser();
  const pgData = join(dir, 'pgdata');
  chmodSync(dir, 0o755);
  mkdirSync(pgData, { mode: 0o700 });
  if (user) chownSync(pgData, user.uid, user.gid);
  const init = asUser(user, join(pgBin, 'initdb'), [
    '-D',
    pgData,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const initdb = new TestProcess({ name: 'initdb', ...init, env: { LC_ALL: 'C.UTF-8' } });
  const { code } = await initdb.exited;
  if (code !== 0) throw new Error(`initdb failed\n${initdb.output()}`);
  const run = asUser(user, join(pgBin, 'postgres'), [
    '-D',
    pgData,
    '-p',
    String(pgPort),
    '-k',
    pgData,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'max_connections=100',
  ]);
  const postgres = new ServerProcess(
    'postgres',
    () => new TestProcess({ name: 'postgres', ...run }),
    /database system is ready to accept connections/,
  );
  await Promise.all([nats.start(), redis.start(), postgres.start()]);
  const env: PipelineEnv = {
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
    DATABASE_SCHEMA: 'chaos',
    DYAD_NAMESPACE: '',
  };
  return { nats, redis, postgres, env };
}

function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'postgres'))) return join(base, v, 'bin');
  return undefined;
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

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Article ids in the store; empty while PostgreSQL or the schema is not there yet. */
async function storedIds(env: PipelineEnv): Promise<Set<string>> {
  try {
    const rows = await query<{ article_id: string }>(
      env.DATABASE_URL,
      `SELECT article_id FROM "${env.DATABASE_SCHEMA}".articles`,
    );
    return new Set(rows.map((r) => r.article_id));
  } catch {
    return new Set();
  }
}

async function settled(env: PipelineEnv): Promise<boolean> {
  try {
    if (!(await pipelineIdle(env))) return false;
    const [row] = await query<{ n: number }>(
      env.DATABASE_URL,
      `SELECT count(*)::int AS n FROM "${env.DATABASE_SCHEMA}".outbox WHERE published_at IS NULL`,
    );
    return row?.n === 0;
  } catch {
    return false;
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'dyad-chaos-'));
  const actions: string[] = [];
  const unexpectedExits: string[] = [];
  const act = (what: string) => {
    actions.push(what);
    log(`chaos: ${what} (${Math.round((performance.now() - started) / 1000)} s)`);
  };
  const site = new NewsSite();
  const services = new Map<StageName, SupervisedService>();
  let servers: Servers | undefined;
  let ok = false;
  try {
    servers = await startServers(dir);
    const { env } = servers;
    await query(env.DATABASE_URL, `CREATE SCHEMA "${env.DATABASE_SCHEMA}"`);
    await site.start();
    const sourcesFile = join(dir, 'sources.yaml');
    writeFileSync(
      sourcesFile,
      `sources:\n  - id: chaos-news\n    name: Chaos news\n    url: ${site.origin}/feed.xml\n    kind: rss\n    lang: en\n    focused: true\n    interval: 1s\n`,
    );
    const extra: Partial<Record<StageName, Record<string, string>>> = {
      fetcher: {
        SOURCES_FILE: sourcesFile,
        FETCH_ALLOW_ADDRESSES: '127.0.0.1',
        HOST_MIN_DELAY_MS: '0',
        HOST_CONCURRENCY: '8',
        FETCH_BACKOFF_INITIAL_MS: '500',
      },
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
    const chaos: (() => Promise<void>)[] = [
      async () => {
        act('kill -9 cleaner');
        await service('cleaner').kill9();
      },
      async () => {
        act('kill -9 extractor');
        await service('extractor').kill9();
      },
      async () => {
        act('kill -9 indexer');
        await service('indexer').kill9();
      },
      async () => {
        act('kill -9 fetcher');
        await service('fetcher').kill9();
      },
      async () => {
        act('restart nats-server');
        await servers?.nats.restart('SIGTERM');
      },
      async () => {
        act('restart redis-server');
        await servers?.redis.restart('SIGTERM');
      },
      async () => {
        act('restart postgres');
        await servers?.postgres.restart('SIGINT');
      },
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
      site.publish(part(crawled));
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
    await site.stop();
    await Promise.allSettled([servers?.nats.stop(), servers?.redis.stop(), servers?.postgres.stop('SIGINT')]);
    const logs = join(dir, 'logs');
    mkdirSync(logs, { recursive: true });
    for (const [name, s] of services) writeFileSync(join(logs, `${name}.log`), s.output());
    for (const s of [servers?.nats, servers?.redis, servers?.postgres])
      if (s) writeFileSync(join(logs, `${s.name}.log`), s.output());
    if (ok && !options.keepDir) rmSync(dir, { recursive: true, force: true });
    else log(`chaos: data and logs kept in ${dir}`);
  }
}
