import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { NatsBus } from '@dyad/bus';
import {
  type ArticleFetched,
  articleIdFor,
  consumers,
  EventMessage,
  names as makeNames,
  type StageName,
  seedUrl,
} from '@dyad/contracts';
import type { NatsFixture, PostgresFixture, RedisFixture } from '@dyad/testkit';
// Without vitest (the chaos script runs this outside a test).
import { TestProcess } from '@dyad/testkit/processes';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const seedsDir = join(repoRoot, 'seeds');
export const seedFiles = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

export const NO_SOURCES = join(repoRoot, 'packages', 'e2e', 'fixtures', 'no-sources.yaml');

export const SERVICE_NAMES: readonly StageName[] = ['fetcher', 'cleaner', 'extractor', 'indexer'];

export interface PipelineEnv {
  readonly NATS_URL: string;
  readonly REDIS_URL: string;
  readonly DATABASE_URL: string;
  readonly DATABASE_SCHEMA: string;
  readonly DYAD_NAMESPACE: string;
}

/** The environment compose would give the services, pointed at this test's servers and names. */
export function pipelineEnv(nats: NatsFixture, redis: RedisFixture, postgres: PostgresFixture): PipelineEnv {
  return {
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
    DATABASE_SCHEMA: postgres.schema,
    DYAD_NAMESPACE: nats.namespace,
  };
}

/** Starts one service as its own process, as `pnpm stack` and compose do, on a free port. */
export function startService(
  name: StageName,
  env: PipelineEnv,
  extra: Record<string, string> = {},
): TestProcess {
  return new TestProcess({
    name,
    command: process.execPath,
    args: ['--conditions=dyad:source', join('services', name, 'src', 'main.ts')],
    cwd: repoRoot,
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The shipped sources are real outlets; tests must never reach the internet.
      ...(name === 'fetcher' ? { SOURCES_FILE: NO_SOURCES } : {}),
      // Any free port for the indexer's API, so that several indexers can run at once.
      ...(name === 'indexer' ? { API_PORT: '0', API_HOST: '127.0.0.1' } : {}),
      ...extra,
    },
  });
}

export async function startServices(
  env: PipelineEnv,
  extra: Partial<Record<StageName, Record<string, string>>> = {},
): Promise<Map<StageName, TestProcess>> {
  const procs = new Map<StageName, TestProcess>();
  for (const name of SERVICE_NAMES) procs.set(name, startService(name, env, extra[name]));
  try {
    await Promise.all([...procs.values()].map((p) => p.waitForLine(/"msg":"started"/, 30_000)));
  } catch (error) {
    await stopAll(procs);
    throw error;
  }
  return procs;
}

/** The URL of the indexer's API (started on any free port), once it listens. */
export async function indexerApiUrl(procs: Map<StageName, TestProcess>): Promise<string> {
  const indexer = procs.get('indexer');
  if (!indexer) throw new Error('no indexer among the services');
  const line = await indexer.waitForLine(/"msg":"api listening"/, 30_000);
  return (JSON.parse(line) as { url: string }).url;
}

export async function stopAll(procs: Map<StageName, TestProcess>): Promise<void> {
  await Promise.all([...procs.values()].map((p) => p.stop()));
}

/** Runs `dyad <args>` to completion. */
export async function runCli(
  args: readonly string[],
  env: PipelineEnv,
): Promise<{ code: number | null; output: string }> {
  const proc = new TestProcess({
    name: 'dyad',
    command: process.execPath,
    args: ['--conditions=dyad:source', join('packages', 'cli', 'src', 'main.ts'), ...args],
    cwd: repoRoot,
    env: { ...env },
  });
  const { code } = await proc.exited;
  return { code, output: proc.output() };
}

/** Runs the dyad CLI to its end and returns what it wrote to stdout alone (a JSON document). */
export async function cliStdout(args: readonly string[], env: PipelineEnv): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=dyad:source', join('packages', 'cli', 'src', 'main.ts'), ...args],
    { cwd: repoRoot, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** A PipelineEnv for reading a test's PostgreSQL schema alone (storedArticles, pendingOutbox). */
export function postgresEnv(postgres: { readonly url: string; readonly schema: string }): PipelineEnv {
  return {
    DATABASE_URL: postgres.url,
    DATABASE_SCHEMA: postgres.schema,
    NATS_URL: '',
    REDIS_URL: '',
    DYAD_NAMESPACE: '',
  };
}

export async function storedArticles(
  env: PipelineEnv,
): Promise<{ article_id: string; revision: number; url: string }[]> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass($1) AS t`, [`"${env.DATABASE_SCHEMA}".articles`]);
    if (!exists.rows[0]?.t) return [];
    const { rows } = await client.query(
      `SELECT article_id, revision, url FROM "${env.DATABASE_SCHEMA}".articles ORDER BY url`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** True when every stage consumer has nothing pending and nothing unacknowledged. */
export async function pipelineIdle(env: PipelineEnv): Promise<boolean> {
  const names = makeNames(env.DYAD_NAMESPACE);
  const nc = await connect({ servers: env.NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    for (const spec of Object.values(consumers)) {
      const info = await jsm.consumers.info(names.stream(spec.stream), spec.durable);
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
    return true;
  } finally {
    await nc.close();
  }
}

/** Messages per subject in the namespace's ARTICLES stream. */
export async function articleSubjectCounts(env: PipelineEnv): Promise<Record<string, number>> {
  const names = makeNames(env.DYAD_NAMESPACE);
  const nc = await connect({ servers: env.NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(names.stream('ARTICLES'), { subjects_filter: '>' });
    const out: Record<string, number> = {};
    for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
      out[names.localSubject(subject) ?? subject] = count;
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** Every message of one EVENTS subject so far, in order (an ordered consumer, deleted after). */
export async function eventMessages(
  bus: NatsBus,
  subject: 'new-event' | 'event-updated',
): Promise<EventMessage[]> {
  return (await timedEventMessages(bus, subject)).map((m) => m.message);
}

/** The last announced version of each event: its `new-event`, or its latest `event-updated`. */
export async function latestAnnounced(bus: NatsBus): Promise<EventMessage[]> {
  const latest = new Map<string, EventMessage>();
  for (const event of [
    ...(await eventMessages(bus, 'new-event')),
    ...(await eventMessages(bus, 'event-updated')),
  ]) {
    const known = latest.get(event.eventId);
    if (!known || known.version < event.version) latest.set(event.eventId, event);
  }
  return [...latest.values()];
}

/** As eventMessages, each with the moment the stream stored it (ms since the epoch). */
export async function timedEventMessages(
  bus: NatsBus,
  subject: 'new-event' | 'event-updated',
): Promise<{ readonly message: EventMessage; readonly storedAt: number }[]> {
  const stream = bus.names.stream('EVENTS');
  const info = await bus.jsm.streams.info(stream, { subjects_filter: '>' });
  const count = info.state.subjects?.[bus.names.subject(subject)] ?? 0;
  if (!count) return [];
  const reader = await bus.js.consumers.get(stream, { filter_subjects: bus.names.subject(subject) });
  const out: { message: EventMessage; storedAt: number }[] = [];
  try {
    while (out.length < count) {
      for await (const m of await reader.fetch({ max_messages: count - out.length, expires: 2_000 })) {
        out.push({
          message: EventMessage.parse(m.json()),
          storedAt: m.info.timestampNanos / 1e6,
        });
      }
    }
  } finally {
    await reader.delete().catch(() => undefined);
  }
  return out;
}

/** Announcements the indexer committed but has not published yet. */
export async function pendingOutbox(env: PipelineEnv): Promise<number> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM "${env.DATABASE_SCHEMA}".outbox WHERE published_at IS NULL`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** `article.fetched` for a plain-text article, as `dyad replay` publishes a file. */
export function textArticle(url: string, text: string): ArticleFetched {
  return {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'replay',
    origin: 'replay',
    fetchedAt: new Date().toISOString(),
    body: { contentType: 'text/plain', charset: 'utf-8', inline: text },
  };
}

/** `article.fetched` for a seed file, as `dyad replay` publishes it. */
export function seedArticle(file: string): ArticleFetched {
  return textArticle(seedUrl(file), readFileSync(join(seedsDir, file), 'utf8'));
}

/**
 * Publishes the seeds as `dyad replay` does, but under new message ids: a replay after the
 * stream's duplicate window, which every stage then processes again.
 */
export async function republishSeeds(bus: NatsBus, suffix: string): Promise<void> {
  for (const file of seedFiles) {
    const article = seedArticle(file);
    await bus.publisher.publish('articleFetched', article, {
      msgId: `${article.articleId}:fetched:${suffix}`,
    });
  }
}
