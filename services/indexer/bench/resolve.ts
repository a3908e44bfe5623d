import { performance } from 'node:perf_hooks';
import type { EventMessage } from '@dyad/contracts';
import { resolveArticles } from '@dyad/resolve';
import { openStore, type Store } from '@dyad/store';
import pg from 'pg';
import { IndexBatcher } from '../src/batcher.ts';
import { INDEX_DEFAULTS } from '../src/config.ts';
import { indexInTransaction } from '../src/index-article.ts';
import { generateMergeCorpus, type MergeCorpus, pairwiseScores, reportKey } from './merge-corpus.ts';

/**
 * `pnpm bench:resolve [episodes] [seed]`: the merge benchmark. A corpus whose truth is known and whose
 * cases are hard (see merge-corpus.ts) goes through the indexer's own path — one transaction per
 * article, `indexInTransaction` — on PGlite (one article at a time) and on PostgreSQL (eight
 * articles in flight, as replicas would), and through the offline path (`dyad extract`: the same
 * resolution over a memory repository, one article after another). Prints pairwise precision
 * and recall of merging, records per real event, wrong merges, duplicates and whether meetings
 * and signings are linked to their visit. Exits non-zero when a report is lost,
 * two real events are merged, or a real event is split (records per real event above 1.00).
 */
const episodes = Number(process.argv[2] ?? 40);
const seed = Number(process.argv[3] ?? 16);
const POSTGRES_IN_FLIGHT = 8;
/** The indexer service's defaults: INDEX_BATCH, INDEX_PARALLEL, and the consumer's messages in flight. */
const BATCH = { maxBatch: INDEX_DEFAULTS.batch, parallel: INDEX_DEFAULTS.parallel };
const BATCHED_IN_FLIGHT = INDEX_DEFAULTS.batch * INDEX_DEFAULTS.parallel;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/test';

/** Which report each (article, evidence start) is: where a report's evidence lands tells its event. */
function reportsByEvidence(corpus: MergeCorpus): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of corpus.articles)
    for (const [i, r] of a.events.entries())
      for (const e of r.evidence) out.set(`${a.articleId}@${e.start}`, reportKey(a.articleId, i));
  return out;
}

interface Outcome {
  readonly line: string;
  readonly failed: boolean;
}

function score(
  label: string,
  corpus: MergeCorpus,
  events: readonly EventMessage[],
  seconds: number,
): Outcome {
  const byEvidence = reportsByEvidence(corpus);
  const predicted = new Map<string, string>();
  for (const event of events)
    for (const source of event.sources)
      for (const e of source.evidence) {
        const key = byEvidence.get(`${source.articleId}@${e.start}`);
        if (key) predicted.set(key, event.eventId);
      }
  const s = pairwiseScores(corpus.truth, predicted);
  const lost = corpus.truth.size - predicted.size;
  // partOf: the event most of a meeting's reports went to should be part of its visit's event.
  const clusterOf = (real: string) => {
    const counts = new Map<string, number>();
    for (const [item, r] of corpus.truth)
      if (r === real) {
        const c = predicted.get(item);
        if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const parts = corpus.events.filter((e) => e.partOf);
  const rightParts = parts.filter((e) => {
    const child = byId.get(clusterOf(e.id) ?? '');
    return child?.partOf !== undefined && child.partOf === clusterOf(e.partOf ?? '');
  }).length;
  const perReal = s.predictedEvents / s.realEvents;
  const failed = lost > 0 || s.wrongMerges > 0 || s.duplicates > 0;
  return {
    failed,
    line: [
      `${label}: ${corpus.articles.length} articles, ${corpus.truth.size} reports of ${s.realEvents} real events → ${s.predictedEvents} events (${perReal.toFixed(3)} records per real event) in ${seconds.toFixed(1)} s`,
      `  pairwise precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)} (${s.truePairs} pairs right, ${s.wrongPairs} wrongly merged, ${s.missedPairs} missed)`,
      `  wrong merges ${s.wrongMerges}, duplicates ${s.duplicates}, lost reports ${lost}; partOf right ${rightParts}/${parts.length}${failed ? '  ← FAIL' : ''}`,
    ].join('\n'),
  };
}

async function throughStore(
  label: string,
  corpus: MergeCorpus,
  open: () => Promise<{ store: Store; drop: () => Promise<void> }>,
  inFlight: number,
  batch?: { maxBatch: number; parallel: number },
): Promise<Outcome> {
  const { store, drop } = await open();
  try {
    await store.migrate();
    let counter = 0;
    const ctx = () => ({ now: new Date().toISOString(), newEventId: () => `ev_${++counter}` });
    // The service's path: group commit, several articles per transaction.
    const batcher = batch
      ? new IndexBatcher({ store, ...batch, newEventId: () => `ev_${++counter}` })
      : undefined;
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < corpus.articles.length; i = next++) {
        const article = corpus.articles[i];
        if (!article) continue;
        if (batcher) await batcher.index(article, new Date().toISOString());
        else await indexInTransaction(store, article, ctx());
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = (performance.now() - started) / 1000;
    const { events } = await store.listEvents({ limit: 1_000_000 });
    return score(label, corpus, events, seconds);
  } finally {
    await store.close();
    await drop();
  }
}

const corpus = generateMergeCorpus(episodes, seed);
console.log(
  `bench:resolve — ${episodes} episodes (seed ${seed}): a visit told in ar/fr/en/ru (range, day, a day off, month, publication date), a meeting and a signing inside it, another meeting and a phone call that day, a return visit a month later with a meeting of the same pair`,
);
const outcomes: Outcome[] = [];

const offlineStart = performance.now();
let seq = 0;
const offline = await resolveArticles(corpus.articles, {
  now: '2026-11-22T10:00:00.000Z',
  newEventId: () => `ev_${++seq}`,
});
outcomes.push(score('offline ', corpus, offline, (performance.now() - offlineStart) / 1000));
console.log(outcomes.at(-1)?.line);

outcomes.push(
  await throughStore(
    'pglite  ',
    corpus,
    async () => ({ store: await openStore({ dataDir: 'memory://' }), drop: async () => undefined }),
    1,
  ),
);
console.log(outcomes.at(-1)?.line);

const schema = `bench_resolve_${Date.now().toString(36)}`;
outcomes.push(
  await throughStore(
    `postgres (${POSTGRES_IN_FLIGHT} in flight)`,
    corpus,
    async () => ({
      store: await openStore({ databaseUrl, schema }),
      drop: async () => {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await c.end();
      },
    }),
    POSTGRES_IN_FLIGHT,
  ),
);
console.log(outcomes.at(-1)?.line);

// The indexer service's path: articles in flight grouped into transactions (IndexBatcher).
const batchedSchema = `bench_resolve_b_${Date.now().toString(36)}`;
outcomes.push(
  await throughStore(
    `postgres batched (${BATCHED_IN_FLIGHT} in flight, up to ${BATCH.maxBatch} a transaction, ${BATCH.parallel} at once)`,
    corpus,
    async () => ({
      store: await openStore({ databaseUrl, schema: batchedSchema }),
      drop: async () => {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${batchedSchema}" CASCADE`);
        await c.end();
      },
    }),
    BATCHED_IN_FLIGHT,
    BATCH,
  ),
);
console.log(outcomes.at(-1)?.line);
outcomes.push(
  await throughStore(
    `pglite batched (${BATCHED_IN_FLIGHT} in flight, up to ${BATCH.maxBatch} a transaction)`,
    corpus,
    async () => ({ store: await openStore({ dataDir: 'memory://' }), drop: async () => undefined }),
    BATCHED_IN_FLIGHT,
    { ...BATCH, parallel: 1 },
  ),
);
console.log(outcomes.at(-1)?.line);

if (outcomes.some((o) => o.failed)) {
  console.log('bench:resolve: FAILED (lost reports, wrong merges or duplicates)');
  process.exitCode = 1;
}
