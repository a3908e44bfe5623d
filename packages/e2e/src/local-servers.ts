/**
 * Servers of a run's own, on loopback ports with data directories under one folder: nats-server -js,
 * redis-server (AOF) and a PostgreSQL cluster (the chaos run, `pnpm bench:pipeline`).
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { findExecutable, freePort, TestProcess } from '@dyad/testkit/processes';
import pg from 'pg';
import { type PipelineEnv, pipelineIdle } from './pipeline.ts';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A server process on a fixed port and data directory, which can be stopped and started again. */
export class ServerProcess {
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

export interface Servers {
  readonly nats: ServerProcess;
  readonly redis: ServerProcess;
  readonly postgres: ServerProcess;
  readonly env: PipelineEnv;
}

/** nats-server -js, redis-server (AOF) and a PostgreSQL cluster of their own, under `dir`. */
export async function startServers(dir: string, schema: string): Promise<Servers> {
  const natsBinary = findExecutable('nats-server');
  const redisBinary = findExecutable('redis-server');
  const pgBin = postgresBinDir();
  if (!natsBinary || !redisBinary || !pgBin)
    throw new Error(
      'a run of its own servers needs nats-server, redis-server and PostgreSQL binaries: bash infra/dev.sh installs them',
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
    DATABASE_SCHEMA: schema,
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

export async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The servers, and the empty PostgreSQL schema `schema` for the services' tables. */
export async function startServersWithSchema(dir: string, schema: string): Promise<Servers> {
  const servers = await startServers(dir, schema);
  await query(servers.env.DATABASE_URL, `CREATE SCHEMA "${schema}"`);
  return servers;
}

/** The fetcher's settings for a loopback news site: its address allowed, no politeness delay. */
export function loopbackFetcher(sourcesFile: string): Record<string, string> {
  return {
    SOURCES_FILE: sourcesFile,
    FETCH_ALLOW_ADDRESSES: '127.0.0.1',
    HOST_MIN_DELAY_MS: '0',
    HOST_CONCURRENCY: '8',
  };
}

/** Stops the three servers (PostgreSQL by a fast shutdown) and writes their output into `logs`. */
export async function stopServers(servers: Servers | undefined, logs: string): Promise<void> {
  if (!servers) return;
  const all = [servers.nats, servers.redis, servers.postgres];
  await Promise.allSettled([servers.nats.stop(), servers.redis.stop(), servers.postgres.stop('SIGINT')]);
  mkdirSync(logs, { recursive: true });
  for (const s of all) writeFileSync(join(logs, `${s.name}.log`), s.output());
}

/** Article ids in the store; empty while PostgreSQL or the schema is not there yet. */
export async function storedIds(env: PipelineEnv): Promise<Set<string>> {
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

/** Every stage consumer idle and the outbox empty; false while a server is away. */
export async function settled(env: PipelineEnv): Promise<boolean> {
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
