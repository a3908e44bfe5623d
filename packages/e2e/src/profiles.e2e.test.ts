/**
 * Any dyad by profile: two deployments on one set of servers, one watching Egypt–Russia
 * (`DYAD_PROFILE=eg-ru`) and one Morocco–Kazakhstan (the default), each in its own namespace
 * (streams, queue keys, PostgreSQL schema). Both are given the same files — the eg-ru corpus's dev
 * articles and Dyad's seeds — and each announces on `new-event` only the events of its own
 * relationship, from its own messages.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsBus } from '@dyad/bus';
import { articleIdFor, type EventMessage, names as makeNames, seedUrl } from '@dyad/contracts';
import {
  deleteNamespaceKeys,
  deleteNamespaceStreams,
  describe,
  eventually,
  expect,
  it,
  uniqueNamespace,
} from '@dyad/testkit';
import pg from 'pg';
import { parse } from 'yaml';
import {
  latestAnnounced,
  type PipelineEnv,
  pendingOutbox,
  pipelineEnv,
  pipelineIdle,
  repoRoot,
  runCli,
  seedFiles,
  seedsDir,
  startServices,
  stopAll,
} from './pipeline.ts';

// The eg-ru corpus's dev split (its sealed split stays unread).
const EG_RU_DEV = join(repoRoot, 'packages', 'extract', 'bench', 'real-eg-ru', 'dev');

interface CorpusArticle {
  readonly text: string;
  readonly relevant: boolean;
  readonly gold: { readonly main: readonly unknown[] };
}

/** The eg-ru dev articles as text files, and the ids of those that report an event of their own. */
function egRuFiles(dir: string): { files: string[]; relevant: Set<string> } {
  const files: string[] = [];
  const relevant = new Set<string>();
  for (const lang of readdirSync(EG_RU_DEV)) {
    for (const name of readdirSync(join(EG_RU_DEV, lang)).filter((n) => n.endsWith('.yaml'))) {
      const article = parse(readFileSync(join(EG_RU_DEV, lang, name), 'utf8')) as CorpusArticle;
      const file = name.replace(/\.yaml$/, '.txt');
      writeFileSync(join(dir, file), article.text);
      files.push(file);
      if (article.relevant && article.gold.main.length > 0) relevant.add(articleIdFor(seedUrl(file)));
    }
  }
  return { files, relevant };
}

/** The countries of an event's participants (its place may be a third country: talks in Tashkent). */
const countriesOf = (e: EventMessage) => new Set(e.participants.map((p) => p.country));

describe('two relationships side by side', () => {
  it('eg-ru and ma-kz deployments on one set of servers each announce only their own events', async ({
    nats,
    redis,
    postgres,
  }) => {
    const dir = join(tmpdir(), uniqueNamespace('profiles'));
    mkdirSync(dir, { recursive: true });
    const { files: egFiles, relevant } = egRuFiles(dir);
    for (const seed of seedFiles) copyFileSync(join(seedsDir, seed), join(dir, seed));

    // Deployment A: the fixtures' namespace, Egypt–Russia. Deployment B: a namespace and schema of
    // its own on the same servers, Morocco–Kazakhstan.
    const envA = pipelineEnv(nats, redis, postgres);
    const nsB = `${nats.namespace}_b`;
    const envB: PipelineEnv = { ...envA, DYAD_NAMESPACE: nsB, DATABASE_SCHEMA: nsB };
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${nsB}"`);
    const profile = (id: string) => ({
      fetcher: { DYAD_PROFILE: id },
      cleaner: { DYAD_PROFILE: id },
      extractor: { DYAD_PROFILE: id },
      indexer: { DYAD_PROFILE: id },
    });
    const procsA = await startServices(envA, profile('eg-ru'));
    const procsB = await startServices(envB, profile('ma-kz'));
    const busA = await NatsBus.connect({
      url: nats.url,
      name: 'e2e-a',
      names: makeNames(envA.DYAD_NAMESPACE),
    });
    const busB = await NatsBus.connect({ url: nats.url, name: 'e2e-b', names: makeNames(nsB) });
    try {
      for (const env of [envA, envB]) expect((await runCli(['replay', dir], env)).code).toBe(0);
      for (const env of [envA, envB])
        await eventually(
          async () =>
            (await pipelineIdle(env)) && (await pendingOutbox(env)) === 0 && (await eventCount(env)) > 0
              ? true
              : undefined,
          90_000,
          `${env.DYAD_NAMESPACE}: pipeline idle, outbox published`,
        );

      const eventsA = await latestAnnounced(busA);
      const eventsB = await latestAnnounced(busB);
      const egIds = new Set(egFiles.map((f) => articleIdFor(seedUrl(f))));
      const seedIds = new Set(seedFiles.map((f) => articleIdFor(seedUrl(f))));

      // Egypt–Russia: events from the eg-ru articles only, between Egypt and Russia only.
      expect(eventsA.length).toBeGreaterThan(0);
      for (const e of eventsA) {
        for (const s of e.sources)
          expect(egIds.has(s.articleId), `${e.eventId} from ${s.articleId}`).toBe(true);
        for (const c of countriesOf(e)) expect(['EG', 'RU'], `${e.eventId}: ${c}`).toContain(c);
      }
      const reported = new Set(eventsA.flatMap((e) => e.sources.map((s) => s.articleId)));
      expect([...relevant].filter((id) => reported.has(id)).length).toBeGreaterThan(relevant.size / 2);

      // Morocco–Kazakhstan: events from the seeds only, between Morocco and Kazakhstan only.
      expect(eventsB.length).toBeGreaterThan(0);
      for (const e of eventsB) {
        for (const s of e.sources)
          expect(seedIds.has(s.articleId), `${e.eventId} from ${s.articleId}`).toBe(true);
        for (const c of countriesOf(e)) expect(['MA', 'KZ'], `${e.eventId}: ${c}`).toContain(c);
      }
      // Neither saw the other's messages: no event id in both.
      const idsA = new Set(eventsA.map((e) => e.eventId));
      expect(eventsB.filter((e) => idsA.has(e.eventId))).toEqual([]);
    } finally {
      await Promise.all([stopAll(procsA), stopAll(procsB)]);
      await Promise.all([busA.close(), busB.close()]);
      await deleteNamespaceStreams(nats.url, nsB);
      await deleteNamespaceKeys(redis.url, nsB);
      await admin.query(`DROP SCHEMA IF EXISTS "${nsB}" CASCADE`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
    // Two deployments of four services each start, replay and settle (up to 90 s each above).
  }, 240_000);
});

async function eventCount(env: PipelineEnv): Promise<number> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass($1) AS t`, [`"${env.DATABASE_SCHEMA}".events`]);
    if (!exists.rows[0]?.t) return 0;
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${env.DATABASE_SCHEMA}".events`);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}
